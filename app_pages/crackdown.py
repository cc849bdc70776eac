"""Crackdown: detentions, deaths and political prisoners, by the organisation reporting them."""
import streamlit as st

from lib import schema, summaries
from app import cached, charts, reference, style
from app import components

f = components.filters()
figures = cached.view("crackdown")

st.title("The post-election crackdown", anchor=False)
st.caption(
    "Figures as the articles report them, by who reports them (NGOs such as Foro Penal, the government, the UN…), "
    "not by who is blamed; 'article' means the article states the figure without naming a source. One panel per kind, "
    "each on its own linear scale; 'other' figures are split by what they count. Hedges are kept in words: "
    "“more than 2,400”. The latest figure of a total since the election (detained, killed, injured) is the largest "
    "a reporter gives: such a total only grows, so a smaller later figure (“14 members of the opposition arrested over "
    "the plot”, “two soldiers among the dead”) is a part of it or an older count, listed in the table at the bottom and "
    "left off the line over time. Political prisoners and releases: the newest figure. Figures about another period (the 2014 or 2017 protests, articles from before the election) are "
    "no latest figure; they stay in the table at the bottom, with their period. " + components.filter_note(f)
)
kinds = st.multiselect("Kind of figure", schema.CRACKDOWN_KINDS, format_func=style.kind_label, key="crackdown_kind", bind=components.URL, placeholder="All kinds")
latest = cached.latest_figures(f, kinds)

components.chart(charts.crackdown_bars, latest, key="crackdown_latest")
st.subheader("Latest figure per reporter", anchor=False, help=reference.explain("Foro Penal", "Provea"))
components.table(latest, "crackdown_latest", {
    "kind_label": "kind", "claimed_by": "reported by", "figure": "figure", "subject": "who", "published": "article published",
    "n_reports": "articles reporting", "evidence": "source sentence", "article_id": "article id"})

st.subheader("Over time", anchor=False)
present = [k for k in schema.CRACKDOWN_KINDS if k in set(latest["kind"])] or ["detained"]
trend = st.segmented_control("Figure", present, format_func=style.kind_label, default=present[0], key="trend_kind", bind=components.URL)
by_day = cached.figures_by_day(f, trend or present[0])
if len(by_day) < 2:
    st.info(f"Fewer than two dated {style.kind_label(trend or present[0])} figures in the selected articles: nothing to follow over time "
            "(undated articles cannot be placed).")
else:
    components.chart(charts.figures_over_time, by_day, key="crackdown_trend")

st.subheader("Every reported figure", anchor=False)
st.caption("By kind, newest article first.")
components.table(figures, "crackdown", {
    "kind_label": "kind", "figure": "figure", "mention": "as written", "subject": "who", "claimed_by": "reported by",
    "evidence": "source sentence", "contest": "other period", "title": "article", "outlet": "outlet", "published": "published",
    "article_id": "article id"},
    rows=summaries.value_rows(figures, "kind", kinds, cached.rows("crackdown", f)), prepare=cached.shown("crackdown"))
