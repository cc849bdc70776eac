"""Sources & method: the timeline, the articles, a reader with every extracted fact marked, the build and its accuracy."""
import streamlit as st

from lib import cache, charts, selection
from app_pages import common

f = common.filters()
tables = cache.tables()
articles = cache.view("articles")
key_events = cache.key_events(f)
timeline_cols = {"label": "event", "first_reported": "first reported", "n_articles": "articles", "evidence": "example sentence", "article_ids": "article ids"}


def open_in_reader(key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["read"] = ids[rows[0]]


st.title("Sources & method", anchor=False)
st.caption(common.filter_note(f))
st.subheader("Timeline of the key events the articles report", anchor=False)
common.chart(charts.timeline_chart(cache.summary("timeline_points", f)), key="timeline")
# One row per event type (a dozen or so): tall enough to show them all without scrolling.
shown_events = key_events.assign(article_ids=key_events["article_ids"].map(lambda ids: selection.joined(ids.split(", "), ", ")))
st.dataframe(shown_events[list(timeline_cols)].rename(columns=timeline_cols), hide_index=True, key="timeline_rows", selection_mode="single-row",
             on_select=lambda: open_in_reader("timeline_rows", list(key_events["first_article"])), height=35 * (len(key_events) + 1) + 3,
             column_config={"example sentence": st.column_config.TextColumn(width="large"), "article ids": st.column_config.TextColumn(width="medium")})
st.caption("Dates are when the articles were published, not when the events happened; events that only undated articles report come last, without a date. "
           "Select a row to open the event's earliest article in the reader below; the download lists every article id.")
common.download_csv(key_events[list(timeline_cols)].rename(columns=timeline_cols), "timeline")

st.subheader("Articles", anchor=False)
query = st.text_input("Find articles by title, outlet or id", key="article_q", bind=common.URL, help="Every word must appear; case and accents do not matter.")
hits = cache.search("articles", f, query)
listed = list(articles["article_id"].iloc[hits[:common.TABLE_ROWS]])
common.table(articles, "articles", {"article_id": "article id", "title": "title", "outlet": "outlet", "published": "published", "url": "url",
                                    "metadata_source": "metadata from", "n_chars": "characters", "positions": "positions", "results": "results",
                                    "crackdown": "crackdown", "quotes": "quotes"},
             rows=hits, on_select=lambda: open_in_reader("article_rows", listed), selection_mode="single-row", key="article_rows",
             column_config={"url": st.column_config.LinkColumn("url")})

st.subheader("Article reader", anchor=False)
reading, options = st.session_state.get("read"), listed
if reading is not None and not cache.is_kept(f, reading):
    del st.session_state["read"]  # the filters hid the article being read
elif reading is not None and reading not in listed:
    options = [reading, *listed]  # opened from the timeline, or a shared link
if not options:
    st.info("No article matches the filters.")
else:
    titles = selection.titles_of(articles, options)
    chosen = st.selectbox("Article", options, format_func=lambda a: f"{a}: {titles.get(a, '')}", key="read", bind=common.URL,
                          help="The articles listed above (select a row there to open it).")
    article = tables["articles"][tables["articles"]["article_id"] == chosen].iloc[0]
    spans = selection.fact_spans(tables, chosen)
    st.caption(f"{common.plain(selection.outlet_name(article['outlet']))} · {common.plain(article['published'] or 'undated')} · metadata from {article['metadata_source']} · {len(spans)} extracted fact(s); hover a highlight for its label.")
    st.html(common.reader_legend() + selection.reader_html(article["text"], spans))
    common.table(spans, f"facts_{chosen}", {"n": "#", "table": "table", "label": "fact", "start": "start", "end": "end"})

common.build_report(cache.report())
common.method(cache.method_scores())

st.subheader("Download everything", anchor=False)
st.download_button("Download all tables (zip: CSV + datapackage.json + README.txt)", cache.bundle_zip(), file_name="venezuela-2024-claims.zip", mime="application/zip", icon=":material/folder_zip:", on_click="ignore")
