"""Quotes: who said what, searchable, each with the sentence around it."""
import streamlit as st

from app import cached, reference, selection
from app import components
from lib import summaries

PER_PAGE = 10
f = components.filters()

st.title("Quotes", anchor=False)
st.caption("Quotations of two or more words with their speaker, as the extractor attributed them. " + components.filter_note(f))
query = st.text_input("Search quotes, speakers, sentences, article titles and ids", key="q", bind=components.URL, placeholder="e.g. transparency, Blinken, actas",
                      help="Every word must appear; case and accents do not matter (gonzalez finds González).\n\n" + reference.explain("CNE", "actas"))
a, b = st.columns(2)
speakers = a.multiselect("Speaker", cached.distinct("quotes", "speaker"), key="speaker", bind=components.URL, placeholder="All speakers")
countries = b.multiselect("Speaker's country", sorted(cached.distinct("quotes", "speaker_country"), key=summaries.country_name), format_func=summaries.country_name, key="speaker_country", bind=components.URL, placeholder="All countries")
ORDERS = {"newest": "Newest article first", "oldest": "Oldest article first", "article": "By article"}
order = st.segmented_control("Order", list(ORDERS), format_func=ORDERS.get, default="newest", key="quote_order", bind=components.URL) or "newest"
hits = cached.hits("quotes", f, query, None if order == "article" else order == "newest", speaker=speakers, speaker_country=countries)

n_pages = selection.n_pages(hits.n_rows, PER_PAGE)
if st.session_state.get("quote_page", 1) > n_pages:
    st.session_state["quote_page"] = 1  # the search narrowed the list
left, right = st.columns([1, 2], vertical_alignment="center")
left.markdown(f"**{hits.n_rows:,} of {cached.n_rows('quotes', f):,} quotes match**")
with right:
    page = st.pagination(n_pages, key="quote_page", bind=components.URL) if n_pages > 1 else 1
for row in cached.with_sentences(hits.shown(*selection.page_bounds(page, PER_PAGE))).to_dict("records"):
    components.quote_card(row)

# Made only while it is open: the table cuts the sentences of its 500 rows from their articles' texts. Its label
# holds no count (the line above has it): a new label would be a new expander, closed again by every search.
as_table = st.expander("All the matching quotes as a table", key="quote_table", on_change="rerun")
if as_table.open:
    with as_table:
        components.table(hits, "quotes", {"speaker": "speaker", "country": "speaker's country", "quote": "quote", "sentence": "sentence",
                                          "title": "article", "outlet": "outlet", "published": "published", "article_id": "article id"},
                         prepare=cached.with_sentences)
