"""Sources & method: the timeline, the articles, a reader with every extracted fact marked, the build and its accuracy."""
import streamlit as st

from app import cached, charts, selection
from app import components
from lib import summaries

f = components.filters()
tables = cached.tables()
articles = cached.view("articles")
key_events = cached.key_events(f)
timeline_cols = {"label": "event", "date": "date", "dated_by": "dated by", "n_articles": "articles", "article_ids": "article ids", "evidence": "example sentence"}


def open_in_reader(key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["read"] = ids[rows[0]]


st.title("Sources & method", anchor=False)
st.caption(components.filter_note(f))
st.subheader("Timeline of the key events the articles report", anchor=False)
components.chart(charts.timeline_chart, cached.summary("timeline_points", f), key="timeline")
# One row per event type (a dozen or so): tall enough to show them all without scrolling.
shown_events = key_events.assign(article_ids=key_events["article_ids"].map(selection.first_of),
                                 dated_by=key_events["dated_by"].map(selection.DATED_BY))
st.dataframe(shown_events[list(timeline_cols)].rename(columns=timeline_cols), hide_index=True, key="timeline_rows", selection_mode="single-row",
             on_select=lambda: open_in_reader("timeline_rows", list(key_events["first_article"])), height=35 * (len(key_events) + 1) + 3,
             column_config={"example sentence": st.column_config.TextColumn(width="large"), "article ids": st.column_config.TextColumn(width="medium")})
st.caption("Each event on the day it happened: a fixed day for the election, the CNE's proclamation, the TSJ ruling, the warrant, the exile and the "
           "inauguration; else a date its sentence names ('on Thursday' counted back from the publication), else the article's publication date, marked as such. "
           "Select a row to open the article its date rests on in the reader below; the download lists every article id.")
components.download_csv(shown_events.assign(article_ids=key_events["article_ids"])[list(timeline_cols)].rename(columns=timeline_cols), "timeline")

st.subheader("Articles", anchor=False)
query = st.text_input("Find articles by title, outlet or id", key="article_q", bind=components.URL, help="Every word must appear; case and accents do not matter.")
hits = cached.search("articles", f, query)
listed = list(articles["article_id"].iloc[hits[:components.TABLE_ROWS]])
components.table(articles, "articles", {"article_id": "article id", "title": "title", "outlet": "outlet", "published": "published", "url": "url",
                                    "metadata_source": "metadata from", "n_chars": "characters", "positions": "positions", "results": "results",
                                    "crackdown": "crackdown", "quotes": "quotes"},
             rows=hits, on_select=lambda: open_in_reader("article_rows", listed), selection_mode="single-row", key="article_rows",
             column_config={"url": st.column_config.LinkColumn("url")})

st.subheader("Article reader", anchor=False)
if "read" not in st.session_state and st.query_params.get("read"):
    st.session_state["read"] = st.query_params["read"]  # a shared link names the article by its id
reading, options = st.session_state.get("read"), listed
if reading is not None and not cached.is_kept(f, reading):
    del st.session_state["read"]  # the filters hid the article being read
elif reading is not None and reading not in listed:
    options = [reading, *listed]  # opened from the timeline, or a shared link
if not options:
    st.info("No article matches the filters.")
else:
    titles = selection.titles_of(articles, options)
    chosen = st.selectbox("Article", options, format_func=lambda a: f"{a}: {titles.get(a, '')}", key="read",
                          help="The articles listed above (select a row there to open it).")
    st.query_params["read"] = chosen  # the link holds the id, not the label (a title may be 300 characters)
    article = tables["articles"][tables["articles"]["article_id"] == chosen].iloc[0]
    spans = cached.fact_spans(chosen)
    st.caption(f"{components.plain(summaries.outlet_name(article['outlet']))} · {components.plain(article['published'] or 'undated')} · metadata from {article['metadata_source']} · {len(spans)} extracted fact(s); hover a highlight for its label.")
    st.html(components.reader_legend() + selection.reader_html(cached.article_texts([chosen])["text"].iloc[0], spans))
    components.table(spans, f"facts_{chosen}", {"n": "#", "table": "table", "label": "fact", "start": "start", "end": "end"})

components.build_report(cached.report())
components.method(cached.method_scores())

st.subheader("Download everything", anchor=False)
st.download_button("Download all tables (zip: CSV + datapackage.json + README.txt)", cached.bundle_zip(), file_name="venezuela-2024-claims.zip", mime="application/zip", icon=":material/folder_zip:", on_click="ignore")
