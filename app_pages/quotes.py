"""Quotes: who said what, searchable, each with the sentence around it."""
import streamlit as st

from lib import cache, selection
from app_pages import common

PER_PAGE = 10
f = common.filters()
quotes = cache.view("quotes")
articles = cache.tables()["articles"]

st.title("Quotes", anchor=False)
st.caption("Quotations of two or more words with their speaker, as the extractor attributed them. " + common.filter_note(f))
query = st.text_input("Search quotes, speakers, sentences, article titles and ids", key="q", bind=common.URL, placeholder="e.g. transparency, Blinken, actas",
                      help="Every word must appear; case and accents do not matter (gonzalez finds González).")
a, b = st.columns(2)
speakers = a.multiselect("Speaker", cache.distinct("quotes", "speaker"), key="speaker", bind=common.URL, placeholder="All speakers")
countries = b.multiselect("Speaker's country", cache.distinct("quotes", "speaker_country"), format_func=selection.country_name, key="speaker_country", bind=common.URL, placeholder="All countries")
hits = cache.search("quotes", f, query, speaker=speakers, speaker_country=countries)

n_pages = selection.n_pages(len(hits), PER_PAGE)
if st.session_state.get("quote_page", 1) > n_pages:
    st.session_state["quote_page"] = 1  # the search narrowed the list
left, right = st.columns([1, 2], vertical_alignment="center")
left.markdown(f"**{len(hits):,} of {len(cache.rows('quotes', f)):,} quotes match**")
with right:
    page = st.pagination(n_pages, key="quote_page", bind=common.URL) if n_pages > 1 else 1
for row in selection.with_sentences(quotes.iloc[selection.page_slice(hits, page, PER_PAGE)], articles).to_dict("records"):
    common.quote_card(row)

with st.expander(f"All {len(hits):,} matching quotes as a table"):
    common.table(quotes, "quotes", {"speaker": "speaker", "country": "speaker's country", "quote": "quote", "sentence": "sentence",
                                    "title": "article", "outlet": "outlet", "published": "published", "article_id": "article id"},
                 rows=hits, prepare=lambda rows: selection.with_sentences(rows, articles))
