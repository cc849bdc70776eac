"""Property-based tests: any Unicode text of any length up to the size limit extracts without an exception
and with exact offsets, and any bytes read as an article or are refused with a reason.

Texts mix fragments of real articles, election vocabulary, quotation marks of every kind, numbers, %,
line breaks of every kind, no-break spaces, right-to-left marks and arbitrary (surrogate-free) Unicode,
so the rules fire on odd input and not just on noise they ignore.
"""
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lib import schema
from lib.articles import MAX_BYTES, decode_article
from lib.extract import extract_article

from lib.paths import DEV_ARTICLES, SEEDS

REAL = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))]
FRAGMENTS = st.sampled_from([t[i:i + 400] for t in REAL for i in range(0, len(t), 400)])
VOCABULARY = st.sampled_from([
    "Maduro", "Nicolás Maduro", "González", "Edmundo González", "María Corina Machado", "CNE", "Foro Penal", "Provea",
    "the opposition", "the United States", "Brazil", "the EU", "the Carter Center", "Blinken", "said", "told reporters",
    "according to", "recognized", "rejected", "demanded", "tally sheets", "actas", "detained", "killed", "political prisoners",
    "more than", "at least", "about", "nearly", "51.2%", "44.2 %", "67\u00a0per cent", "2,400", "2\u00a0400", "6.89 million",
    "half a million", "twenty-four", "2024", "July 28", "Mr.", "U.S.", "Dr.", ":", ";", ",", ".", "...", "…", "?", "!",
    "(", ")", "—", "-", " ", "  ", "\t",
])
MARKS = st.sampled_from([
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "%", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
    "\u00a0", "\u202f", "\u2009", "\u200b", "\u200e", "\u200f", "\u202e", "\u202c", "\u2066", "\ufeff", "\x00", "\x1b[31m",
    "مادورو", "הבחירות", "0", "1", "9", "<script>alert(1)</script>", "**bold**", "$x$",
])
# st.text never draws surrogates, which no UTF-8 file can hold.
PIECES = st.one_of(FRAGMENTS, VOCABULARY, VOCABULARY, MARKS, MARKS, st.text(max_size=40))
TEXT = st.lists(PIECES, max_size=60).map("".join)
TABLES = {"positions": schema.POSITIONS, "results": schema.RESULTS, "crackdown": schema.CRACKDOWN, "quotes": schema.QUOTES}


def check_rows(text, found):
    """Every row is valid for its table and its offsets reproduce its evidence (or quote) exactly."""
    for name, table in TABLES.items():
        schema.validate(table, table.frame(found[name]), {"x": text})
    for row in found["quotes"]:
        assert row.sentence_start <= row.start < row.end <= row.sentence_end <= len(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_extracts_without_error_and_offsets_are_exact(text):
    check_rows(text, extract_article("x", text))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(TEXT.map(lambda t: t.replace("\x00", "")).filter(str.strip), st.integers(min_value=1, max_value=MAX_BYTES))
@example("“We won,\u00a0Machado said. The CNE said Maduro won 51.2% and 2,400 were detained… 'Foro Penal' \u200f\r\n", MAX_BYTES)
def test_long_text_up_to_the_size_limit_reads_and_extracts(text, size):
    # One drawn text repeated to a drawn size in bytes, so examples reach the
    # size limit while hypothesis only draws a few hundred characters.
    data = (text * (size // len(text.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()
    try:
        article = decode_article("x", data)
    except ValueError as refused:  # blank, or a header with no text after it
        assert str(refused) in ("empty file", "no article text after the header")
        return
    check_rows(article.text, extract_article("x", article.text))


BYTES = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]),
        st.sampled_from([b"", b"---\n", b"---\r\n", b"---\ntitle: T\nurl: javascript:alert(1)\npublished: 2024-13-45\n---\n",
                         b"---\ntitle: <b>T</b>\noutlet: O\nurl: https://example.org/a\npublished: 2024-07-30\n---\n\n"]),
        TEXT.map(str.encode),
        st.binary(max_size=8),
    ).map(b"".join),
)


@settings(max_examples=400, deadline=None)
@given(BYTES)
def test_any_bytes_are_an_article_or_a_reason(data):
    try:
        article = decode_article("x", data)
    except ValueError as refused:
        assert str(refused)
        return
    assert article.text.strip() and article.n_chars == len(article.text)
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.url == "" or article.url.startswith(("http://", "https://"))
    assert article.published == "" or date.fromisoformat(article.published)
    assert article.metadata_source in schema.METADATA_SOURCES
