"""Results: the competing claims about 28 July 2024: the CNE's bulletins, the opposition's tally sheets, independent counts."""
import streamlit as st

from lib import schema
from app import cached, charts, reference, style
from app import components

f = components.filters()
summary = cached.summary("results_summary", f)

st.title("Reported results", anchor=False, help=reference.explain("CNE", "TSJ", "actas", "Carter Center"))
st.caption(
    "The 28 July 2024 presidential election as competing claims. A figure that matches a published one within rounding "
    "is shown as part of that claim (the CNE's first or second bulletin, the opposition's tally sheets); per claim, the "
    "most precise and most recent figure is shown (hover a bar for its sentence). " + components.filter_note(f)
)
components.result_cards(summary)
components.chart(charts.vote_share_bars, summary, key="vote_shares")
left, right = st.columns(2)
with left:
    components.chart(charts.votes_bars, summary, key="votes")
with right:
    components.chart(charts.coverage_bars, summary, key="coverage")

st.subheader("Summary per claim", anchor=False)
st.caption("Figures without a candidate are totals, coverage or turnout: listed here, never a candidate's bar.")
components.table(summary.assign(kind=summary["kind"].map(style.kind_label)), "results_summary", {
    "claim": "claim", "kind": "figure type", "candidate": "candidate", "figure": "figure", "claimed_by": "claimed by",
    "published": "article published", "reference": "published figures", "n_articles": "articles giving it",
    "n_reports": "articles reporting", "low": "lowest", "high": "highest", "evidence": "source sentence", "article_id": "article"})

st.subheader("The published figures", anchor=False)
st.caption("The figures the CNE and the opposition published (lib/lexicons/reference_figures.csv), and how many selected articles report each.")
components.table(cached.summary("published_claims", f), "reference_figures", {
    "claim": "claim", "date": "published on", "candidate": "candidate", "kind_label": "figure type", "figure": "figure",
    "n_articles": "articles reporting it", "source": "source"})

st.subheader("Every reported figure", anchor=False)
st.caption("Figures about 28 July 2024, by figure type, newest article first; 'published figures' says which published figure each matches.")
kinds = st.multiselect("Figure type", schema.RESULT_KINDS, format_func=style.kind_label, key="kind", bind=components.URL, placeholder="All figure types")
columns = {"figure": "figure", "kind_label": "type", "candidate": "candidate", "subject": "about", "claimed_by": "claimed by",
           "reference": "published figures", "evidence": "source sentence", "title": "article", "outlet": "outlet", "published": "published", "article_id": "article id"}
components.table(cached.figure_listing(f, "presidential", kinds), "results", columns, column_config={"source sentence": {"width": "large"}})
# Each made only while it is open: two more tables of figures (and their part of the view) the first run does not show.
other_contests = st.expander("Figures about other contests (the 2023 primary, 2018, 2013, polls)", key="other_contests", on_change="rerun")
if other_contests.open:
    with other_contests:
        components.table(cached.figure_listing(f, "other_contests"), "results_other_contests", {"contest": "contest", **columns})
not_results = st.expander("Numbers that are not results (bounties, sanctions, parliament votes, polling stations)", key="not_results", on_change="rerun")
if not_results.open:
    with not_results:
        components.table(cached.figure_listing(f, "not_results"), "results_not_results", columns)
