"""Results: what each side claims: vote shares, vote counts and the tally sheets behind them."""
import streamlit as st

from lib import schema
from app import cached, charts, selection, style
from app import components

f = components.filters()
results = cached.view("results")
summary = cached.summary("results_summary", f)

st.title("Reported results", anchor=False)
st.caption(
    "For each claimant, the figure most articles report (hover a bar for how many articles give it, the range of "
    "values, and the source sentence). " + components.filter_note(f)
)

components.chart(charts.vote_share_bars(summary), key="vote_shares")
left, right = st.columns(2)
with left:
    components.chart(charts.votes_bars(summary), key="votes")
with right:
    components.chart(charts.coverage_bars(summary), key="coverage")

st.subheader("Summary per claimant", anchor=False)
components.table(
    summary.assign(kind=summary["kind"].map(style.kind_label)),
    "results_summary",
    {"kind": "figure type", "claimed_by": "claimed by", "candidate": "candidate", "figure": "most reported",
     "n_articles": "articles giving it", "n_reports": "articles reporting", "low": "lowest", "high": "highest",
     "evidence": "source sentence", "article_id": "article"},
)

st.subheader("Every reported figure", anchor=False)
st.caption("By figure type, newest article first.")
kinds = st.multiselect("Figure type", schema.RESULT_KINDS, format_func=style.kind_label, key="kind", bind=components.URL, placeholder="All figure types")
components.table(
    results,
    "results",
    {"figure": "figure", "kind_label": "type", "subject": "about", "claimed_by": "claimed by", "evidence": "source sentence",
     "title": "article", "outlet": "outlet", "published": "published", "article_id": "article id"},
    rows=selection.value_rows(results, "kind", kinds, cached.rows("results", f)),
    column_config={"source sentence": {"width": "large"}},
)
