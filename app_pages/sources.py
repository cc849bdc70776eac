"""Sources & method: the timeline, the articles, a reader with every extracted fact marked, the build and its accuracy."""
import pandas as pd
import streamlit as st

from lib import cache, charts, selection
from app_pages import common

f = common.filters()
tables = cache.tables()
articles = selection.apply_filters(cache.articles_view(), f, stance=False)
events = cache.timeline_view()
events = events[events["article_id"].isin(articles["article_id"])].reset_index(drop=True)


def open_in_reader(key: str, frame: pd.DataFrame) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["read"] = frame.iloc[rows[0]]["article_id"]


st.title("Sources & method", anchor=False)
st.caption(common.filter_note(f))
st.subheader("Timeline of what the articles report", anchor=False)
common.chart(charts.timeline_chart(events), key="timeline")
timeline_cols = {"published": "date", "event": "event (headline)", "facts": "what the extractor found", "outlet": "outlet", "article_id": "article id"}
st.dataframe(events[list(timeline_cols)].rename(columns=timeline_cols), hide_index=True, on_select=lambda: open_in_reader("timeline_rows", events), selection_mode="single-row", key="timeline_rows")
st.caption("Select a row to open the article in the reader below. Undated articles are listed in the table of articles only.")
common.download_csv(events[list(timeline_cols)].rename(columns=timeline_cols), "timeline")

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
