"""Overview: the two competing results, who sides with whom, the crackdown, and the corpus."""
import streamlit as st

from app import cached, reference, selection
from app import components

f = components.filters()

st.title("Venezuela 2024: who claims what", anchor=False)
st.caption(
    "On 28 July 2024 the electoral council (CNE) declared Nicolás Maduro the winner without publishing tally sheets; "
    "the opposition published the sheets it had collected, showing Edmundo González far ahead. Every number below is "
    "what the articles report, with its source sentence behind the (?) icon. " + components.filter_note(f, stances=True)
)

components.result_cards(cached.summary("results_summary", f))

st.subheader("Who sides with whom", anchor=False)
as_of = selection.filter_stances(cached.positions_as_of(f), f.stances)
if as_of.empty:
    st.info("No international positions in the selected articles.")
else:
    components.stance_bars(as_of, f.stances)
st.caption("Each actor counted once, by the strongest stance of its side the articles report (a later, weaker mention does not undo it; "
           "an article reporting a change of position does); *disputed* when articles support opposite sides. See World positions for the evidence, and the same counts as a chart to download.")

st.subheader("Crackdown: latest figures", anchor=False, help=reference.explain("Foro Penal", "Provea"))
for col, kind, label in zip(st.columns(2, border=True), ("detained", "killed"), ("People detained", "People killed")):
    components.crackdown_card(col, cached.latest_figures(f, [kind]), label)

st.subheader("The articles behind it", anchor=False)
c = cached.corpus_summary(f)
a, b, d, e = st.columns([1, 1, 3, 1])  # the date range is the one long value: it gets the room, not the next metric's
a.metric("Articles", c["articles"])
b.metric("Outlets", c["outlets"], help=f"{c['unknown_outlet']} article(s) have no known outlet.")
d.metric("Published", f"{components.fmt_date(c['first'])} – {components.fmt_date(c['last'])}", help="First and latest publication date of the selected articles.")
e.metric("Undated articles", c["undated"])
