"""Sources & method: the timeline, the articles, a reader with every extracted fact marked, the build and its accuracy."""
import pandas as pd
import streamlit as st

from lib import cache, charts, events, selection
from app_pages import common

f = common.filters()
tables = cache.tables()
articles = selection.apply_filters(cache.articles_view(), f, stance=False)
event_rows = cache.timeline_view()
event_rows = event_rows[event_rows["article_id"].isin(articles["article_id"])].reset_index(drop=True)
key_events = events.event_timeline(event_rows, articles)


def open_in_reader(key: str, frame: pd.DataFrame, column: str = "article_id") -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["read"] = frame.iloc[rows[0]][column]


st.title("Sources & method", anchor=False)
st.caption(common.filter_note(f))
st.subheader("Timeline of the key events the articles report", anchor=False)
common.chart(charts.timeline_chart(event_rows), key="timeline")
timeline_cols = {"label": "event", "first_reported": "first reported", "n_articles": "articles", "evidence": "example sentence", "article_ids": "article ids"}
# One row per event type (a dozen or so): tall enough to show them all without scrolling.
st.dataframe(key_events[list(timeline_cols)].rename(columns=timeline_cols), hide_index=True, key="timeline_rows", selection_mode="single-row",
             on_select=lambda: open_in_reader("timeline_rows", key_events, "first_article"), height=35 * (len(key_events) + 1) + 3,
             column_config={"example sentence": st.column_config.TextColumn(width="large"), "article ids": st.column_config.TextColumn(width="medium")})
st.caption("Dates are when the articles were published, not when the events happened; events that only undated articles report come last, without a date. "
           "Select a row to open the event's earliest article in the reader below.")
common.download_csv(key_events[list(timeline_cols)].rename(columns=timeline_cols), "timeline")

st.subheader("Articles", anchor=False)
article_cols = {"article_id": "article id", "title": "title", "outlet": "outlet", "published": "published", "url": "url", "metadata_source": "metadata from",
                "n_chars": "characters", "positions": "positions", "results": "results", "crackdown": "crackdown", "quotes": "quotes"}
st.dataframe(articles[list(article_cols)].rename(columns=article_cols), hide_index=True, on_select=lambda: open_in_reader("article_rows", articles),
             selection_mode="single-row", key="article_rows", column_config={"url": st.column_config.LinkColumn("url")})
common.download_csv(articles[list(article_cols)].rename(columns=article_cols), "articles")

st.subheader("Article reader", anchor=False)
ids = list(articles["article_id"])
if not ids:
    st.info("No article matches the filters.")
else:
    if "read" in st.session_state and st.session_state["read"] not in ids:
        del st.session_state["read"]  # the filters hid the article being read
    titles = dict(zip(articles["article_id"], articles["title"]))
    chosen = st.selectbox("Article", ids, format_func=lambda a: f"{a}: {titles.get(a, '')}", key="read", bind=common.URL)
    article = tables["articles"].set_index("article_id").loc[chosen]
    spans = selection.fact_spans(tables, chosen)
    st.caption(f"{selection.outlet_name(article['outlet'])} · {article['published'] or 'undated'} · metadata from {article['metadata_source']} · {len(spans)} extracted fact(s); hover a highlight for its label.")
    st.html(common.reader_legend() + selection.reader_html(article["text"], spans))
    common.table(spans, f"facts_{chosen}", {"n": "#", "table": "table", "label": "fact", "start": "start", "end": "end"})

common.build_report(cache.report())
common.method(cache.method_scores())

st.subheader("Download everything", anchor=False)
st.download_button("Download all tables (zip: CSV + datapackage.json + README.txt)", cache.bundle_zip(), file_name="venezuela-2024-claims.zip", mime="application/zip", icon=":material/folder_zip:", on_click="ignore")
