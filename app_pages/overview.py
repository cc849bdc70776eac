"""Overview: the two competing results, who sides with whom, the crackdown, and the corpus."""
import streamlit as st

from app import cached, charts, selection, style
from app import components

f = components.filters()

st.title("Venezuela 2024: who claims what", anchor=False)
st.caption(
    "On 28 July 2024 the electoral council (CNE) declared Nicolás Maduro the winner without publishing tally sheets; "
    "the opposition published the sheets it had collected, showing Edmundo González far ahead. Every number below is "
    "what the articles report, with its source sentence behind the (?) icon. " + components.filter_note(f, stances=True)
)

summary = cached.summary("results_summary", f)
for col, claimant, heading in zip(st.columns(2, border=True), ("CNE", "opposition"), ("Announced by the CNE", "The opposition's tally sheets")):
    with col:
        st.subheader(heading, anchor=False)
        claim = selection.headline(summary, claimant)
        if not claim["shares"] and claim["coverage"] is None:
            st.info(f"No result claimed by the {claimant} in the selected articles.")
        for cell, name in zip(st.columns(2), selection.CANDIDATES.values()):
            row = claim["shares"].get(name)
            cell.metric(name, row["figure"] if row is not None else "–", help=f"“{components.plain(row['evidence'])}” ({components.plain(row['article_id'])}; {row['n_articles']} of {row['n_reports']} reporting articles give this figure)" if row is not None else None)
        cov = claim["coverage"]
        st.metric("Tally sheets behind it", cov["figure"] if cov is not None else "not reported", help=f"“{components.plain(cov['evidence'])}” ({components.plain(cov['article_id'])})" if cov is not None else "No tally-sheet coverage figure in the selected articles.")

st.subheader("Who sides with whom", anchor=False)
as_of = selection.filter_stances(cached.positions_as_of(f), f.stances)
left, right = st.columns([3, 2])
with left:
    components.chart(charts.stance_count_bars(selection.stance_counts(as_of)), key="overview_stances", stances=True)
with right:
    for stance in style.STANCE_ORDER:
        names = as_of.loc[as_of["stance"] == stance, "actor_name"]
        if len(names):
            components.swatch(f"{style.stance_label(stance)} ({len(names)})", stance, ", ".join(names), subtitle=", ".join(names[:12]) + (" …" if len(names) > 12 else ""))
    if as_of.empty:
        st.info("No international positions in the selected articles.")
st.caption("Each actor counted once, by the strongest stance of its side the articles report (a later, weaker mention does not undo it; "
           "an article reporting a change of position does); *disputed* when articles support opposite sides. See World positions for the evidence.")

st.subheader("Crackdown: latest figures", anchor=False)
cols = st.columns(2, border=True)
for col, kind, label in zip(cols, ("detained", "killed"), ("People detained", "People killed")):
    latest = cached.latest_figures(f, [kind])
    if latest.empty:
        col.metric(label, "not reported")
        continue
    top = latest.iloc[0]
    col.metric(f"{label}, per {components.plain(top['claimed_by'])}", top["figure"], help=f"“{components.plain(top['evidence'])}” ({components.plain(top['article_id'])}, published {top['published'] or 'undated'})")
    others = latest.iloc[1:]
    if len(others):
        col.caption("Also reported: " + "; ".join(f"{components.plain(r.claimed_by)}: {r.figure}" for r in others.itertuples()))

st.subheader("The articles behind it", anchor=False)
c = cached.summary("corpus_summary", f)
a, b, d, e = st.columns(4)
a.metric("Articles", c["articles"])
b.metric("Outlets", c["outlets"], help=f"{c['unknown_outlet']} article(s) have no known outlet.")
d.metric("Published", f"{components.fmt_date(c['first'])} – {components.fmt_date(c['last'])}", help="First and latest publication date of the selected articles.")
e.metric("Undated articles", c["undated"])
