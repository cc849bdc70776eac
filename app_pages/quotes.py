"""Quotes: who said what, searchable, each with the sentence around it."""
import streamlit as st

from lib import cache, selection
from app_pages import common

PER_PAGE = 10
f = common.filters()
tables = cache.tables()
quotes = selection.apply_filters(cache.quotes_view(), f, stance=False)
titles = dict(zip(tables["articles"]["article_id"], tables["articles"]["title"]))

st.title("Quotes", anchor=False)
st.caption("Quotations of two or more words with their speaker, as the extractor attributed them. " + common.filter_note(f))
query = st.text_input("Search quotes, speakers and sentences", key="q", bind=common.URL, placeholder="e.g. transparency, Blinken, actas")
a, b, c = st.columns(3)
speakers = a.multiselect("Speaker", sorted(set(quotes["speaker"]) - {""}), key="speaker", bind=common.URL, placeholder="All speakers")
countries = b.multiselect("Speaker's country", sorted(set(quotes["speaker_country"]) - {""}), format_func=selection.country_name, key="speaker_country", bind=common.URL, placeholder="All countries")
article_ids = c.multiselect("Article", sorted(set(quotes["article_id"])), format_func=lambda a: f"{a}: {titles.get(a, '')[:60]}", key="quote_article", bind=common.URL, placeholder="All articles")

shown = selection.search(quotes, query, ["quote", "speaker", "sentence", "title"])
shown = selection.filter_values(shown, "speaker", speakers)
shown = selection.filter_values(shown, "speaker_country", countries)
shown = selection.filter_values(shown, "article_id", article_ids).reset_index(drop=True)

n_pages = selection.n_pages(len(shown), PER_PAGE)
if st.session_state.get("quote_page", 1) > n_pages:
    st.session_state["quote_page"] = 1  # the search narrowed the list
left, right = st.columns([1, 2], vertical_alignment="center")
left.markdown(f"**{len(shown):,} of {len(quotes):,} quotes match**")
with right:
    page = st.pagination(n_pages, key="quote_page", bind=common.URL) if n_pages > 1 else 1
for row in selection.page_slice(shown, page, PER_PAGE).to_dict("records"):
    common.quote_card(row)

with st.expander(f"All {len(shown):,} matching quotes as a table"):
    common.table(shown, "quotes", {"speaker": "speaker", "country": "speaker's country", "quote": "quote", "sentence": "sentence",
                                   "title": "article", "outlet": "outlet", "published": "published", "article_id": "article id"})
