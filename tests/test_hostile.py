"""Hostile and broken input: every odd file is read (and how) or refused (and why), extraction never raises,
every row's offsets reproduce its evidence, and a corpus full of bad files still builds.

The fixtures in tests/fixtures/hostile/ are short election paragraphs written for these tests, each
carrying one oddity (see the table below); the 5 MB file is made at test time. Known failures stay
visible as xfail.
"""
import shutil
import time

import pandas as pd
import pytest

from lib import schema
from lib.articles import MAX_BYTES, MAX_FILE_BYTES, decode_article, read_corpus
from lib.build import build
from lib.extract import extract_article
from lib.extract.quotes import find_spans

from lib.paths import DEV_ARTICLES, ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

# file -> None when it is read, else the reason it is refused with.
FIXTURES = {
    "markup.txt": None,  # HTML, Markdown, LaTeX, Streamlit directives, a formula in title, outlet, url, sentences and quote
    "unbalanced_quotes.txt": None,  # quotes whose closing mark is missing, curly and straight
    "one_paragraph.txt": None,  # the whole article on one line, opening with an unclosed quote
    "mixed_quotes.txt": None,  # curly marks closed by straight ones and the reverse
    "cut_mid_sentence.txt": None,  # ends mid-sentence and mid-quote, without a final newline
    "nbsp.txt": None,  # no-break, narrow and thin spaces inside numbers, before %, inside names and hedges
    "rtl.txt": None,  # Arabic and Hebrew, right-to-left marks, a right-to-left override inside a quote
    "crlf.txt": None,  # Windows line endings, header included
    "bom.txt": None,  # a UTF-8 byte-order mark before the header
    "control_chars.txt": None,  # form feed, vertical tab, terminal colour codes, bell, U+2028/2029, U+0085
    "lf_copy_of_crlf.txt": "duplicate of article 'crlf' (same text)",  # same body once line endings are normalised
    "nul.txt": "binary file (contains NUL bytes)",
    "empty.txt": "empty file",
    "header_only.txt": "no article text after the header",
    "windows_1252.txt": "not UTF-8 (byte 60: invalid start byte)",
    "utf16.txt": "not UTF-8 (UTF-16 or UTF-32 text, by its byte-order mark)",
    "surrogate.txt": "not UTF-8 (byte 42: invalid continuation byte)",  # an encoded surrogate half
}
READ = sorted(name for name, reason in FIXTURES.items() if reason is None)
TABLES = {"positions": schema.POSITIONS, "results": schema.RESULTS, "crackdown": schema.CRACKDOWN, "quotes": schema.QUOTES}


@pytest.fixture(scope="module")
def corpus():
    articles, rejected = read_corpus([HOSTILE])
    return {a.article_id: a for a in articles}, {r.path.rsplit("/", 1)[-1]: r.reason for r in rejected}


@pytest.fixture(scope="module")
def extracted(corpus):
    return {article_id: extract_article(article_id, article.text) for article_id, article in corpus[0].items()}


def stem(name):
    return name.rsplit(".", 1)[0]


def test_the_table_names_every_fixture():
    assert sorted(p.name for p in HOSTILE.iterdir() if not p.name.startswith(".")) == sorted(FIXTURES)


@pytest.mark.parametrize("name, reason", FIXTURES.items(), ids=list(FIXTURES))
def test_each_fixture_is_read_or_refused_with_its_reason(corpus, name, reason):
    articles, rejected = corpus
    if reason is None:
        assert stem(name) in articles and name not in rejected
    else:
        assert rejected.get(name) == reason and stem(name) not in articles


READING = [  # (file, title, outlet, url, how the body starts, how it ends)
    # Markup is kept as typed (escaping is the dashboard's job); a javascript: address is dropped.
    ("markup.txt", "CNE names Maduro winner <script>alert(1)</script> **bold** [link](javascript:alert(1)) $x$ :red[colour]",
     "<img src=x onerror=alert(1)> **Daily** :red[Wire]", "", "Caracas wakes", '=HYPERLINK("javascript:alert(1)")” on Monday.\n'),
    ("crlf.txt", "Windows line endings", "Hostile Fixture Wire", "", "The CNE said", "as the winner.\n"),
    ("bom.txt", "A byte-order mark before the header", "Hostile Fixture Wire", "", "The CNE said", "were detained.\n"),
    ("cut_mid_sentence.txt", "Tally sheets dispute, cut off mid-sentence", "Hostile Fixture Wire", "", "The CNE declared",
     "until every vote is counted and"),
    # No header and no line break: the title is the first 120 characters.
    ("one_paragraph.txt", "“We won this election by a landslide, Edmundo González told reporters in Caracas. "
     "The CNE said Maduro won 51.2% of the v", "", "", "“We won", "“we will defend every vote” on Monday."),
    ("rtl.txt", "\u200fانتخابات فنزويلا\u200f — Venezuela's election in Arabic and Hebrew press", "Hostile Fixture Wire", "",
     "قال المجلس", "as the winner.\n"),
]


@pytest.mark.parametrize("name, title, outlet, url, body_start, body_end", READING, ids=[r[0] for r in READING])
def test_what_reading_keeps_and_normalises(corpus, name, title, outlet, url, body_start, body_end):
    article = corpus[0][stem(name)]
    assert (article.title, article.outlet, article.url) == (title, outlet, url)
    assert article.text.startswith(body_start) and article.text.endswith(body_end)
    assert "\r" not in article.text and "\ufeff" not in article.text and article.n_chars == len(article.text)


@pytest.mark.parametrize("name, kept", [
    ("nbsp.txt", "\u00a0\u202f\u2009"),  # read verbatim: offsets point into the text as written
    ("rtl.txt", "\u200f\u200e\u202e\u202c"),
    ("control_chars.txt", "\x0c\x0b\x1b\x07\u2028\u2029\x85"),  # the corpus reader keeps them (uploads refuse them)
])
def test_invisible_characters_are_kept_verbatim(corpus, name, kept):
    assert set(kept) <= set(corpus[0][stem(name)].text)


def test_a_5_mb_file_is_refused_and_a_corpus_of_bad_files_still_builds(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(HOSTILE, articles)
    paragraph = "The CNE said Maduro won 51.2% of the vote, and Foro Penal said 2,400 people were detained.\n"
    (articles / "five_mb.txt").write_text(paragraph * (5_000_000 // len(paragraph) + 1), encoding="utf-8")
    report = build([articles], tmp_path / "data")
    rejected = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejected"]}
    size = (articles / "five_mb.txt").stat().st_size
    assert rejected == {**{n: r for n, r in FIXTURES.items() if r}, "five_mb.txt": f"oversized: {size:,} bytes, limit {MAX_FILE_BYTES:,}"}
    assert report["articles_read"] == len(READ)
    current = tmp_path / "data" / "current"
    texts = dict(pd.read_parquet(current / "articles.parquet", columns=["article_id", "text"]).itertuples(index=False))
    assert sorted(texts) == sorted(stem(n) for n in READ)
    for name, table in TABLES.items():
        schema.validate(table, pd.read_parquet(current / f"{name}.parquet"), texts)
        assert report["rows"][name] > 0


@pytest.mark.parametrize("article_id", [stem(n) for n in READ])
def test_every_fixture_yields_rows_whose_offsets_reproduce_their_evidence(corpus, extracted, article_id):
    text = corpus[0][article_id].text
    for name, table in TABLES.items():
        rows = extracted[article_id][name]
        assert rows, f"{article_id}: no {name}: the offset check would prove nothing"
        schema.validate(table, table.frame(rows), {article_id: text})
    for row in extracted[article_id]["quotes"]:
        assert row.sentence_start <= row.start < row.end <= row.sentence_end <= len(text)


def facts(extracted, article_id):
    """(table, kind, value, qualifier, claimed_by) of each figure and (table, actor, stance) of each position; (quote, speaker) of each quote."""
    found = extracted[article_id]
    return (
        {(t, r.kind, r.value, r.qualifier, r.claimed_by) for t in ("results", "crackdown") for r in found[t]}
        | {("positions", r.actor_code, r.stance) for r in found["positions"]},
        {(r.quote, r.speaker) for r in found["quotes"]},
    )


EXPECTED = [  # (article, its figures and positions, its quotes with their speakers)
    # No-break spaces read as spaces: in "51.2 %", "2 400", "more than", "Foro Penal", "United States", a name.
    ("nbsp", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 44.2, "", "CNE"),
        ("results", "vote_share_pct", 67.0, "", "opposition"), ("crackdown", "detained", 2400.0, "more than", "Foro Penal"),
        ("crackdown", "detained", 2229.0, "", "government"), ("positions", "USA", "recognizes_gonzalez"),
    }, {("the\u00a0world\u00a0knows\u00a0who\u00a0won", "María Corina Machado")}),
    # Right-to-left text and marks pass through, the override included, and English around them still reads.
    ("rtl", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 67.0, "", "opposition"),
        ("crackdown", "detained", 1200.0, "more than", "Foro Penal"), ("positions", "USA", "recognizes_gonzalez"),
    }, {("\u202ewe won the election\u202c and the world knows it", "María Corina Machado"),
        ("\u200fالشعب انتصر في الانتخابات\u200f", "María Corina Machado")}),
    # An unclosed quote ends with its first sentence when another quote opens
    # after it, and the attribution inside it names its speaker.
    ("one_paragraph", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 67.0, "", "opposition"),
        ("crackdown", "detained", 2000.0, "more than", "Foro Penal"), ("positions", "USA", "recognizes_gonzalez"),
    }, {("We won this election by a landslide, Edmundo González told reporters in Caracas.", "Edmundo González Urrutia"),
        ("the evidence is overwhelming", "Antony Blinken"), ("did not meet international standards.", "Carter Center"),
        ("we will defend every vote", "María Corina Machado")}),
    ("mixed_quotes", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 67.0, "", "opposition"),
        ("crackdown", "detained", 2000.0, "more than", "Foro Penal"), ("positions", "USA", "recognizes_gonzalez"),
    }, {("we have the tally sheets and we will publish them", "María Corina Machado"),
        ("the results are irreversible and final", "Elvis Amoroso"),
        ("there is overwhelming evidence that González won", "Antony Blinken"),
        ("the vote did not meet international standards", "Carter Center"),
        ("We won,", "González"), ("They know it,", "González"), ("We will defend every vote", "María Corina Machado"),
        ("when the protests would end.", "María Corina Machado")}),
    # A text cut off mid-quote: the open quote runs to the end of the text.
    ("cut_mid_sentence", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 67.0, "", "opposition"),
        ("crackdown", "detained", 1500.0, "more than", "Foro Penal"), ("crackdown", "killed", 24.0, "", "Provea"),
        ("positions", "USA", "recognizes_gonzalez"), ("positions", "ARG", "demands_transparency"),
        ("positions", "URY", "demands_transparency"),
    }, {("We will not give up until every vote is counted and", "María Corina Machado")}),
    # The byte-order mark is gone before offsets are taken.
    ("bom", {
        ("results", "vote_share_pct", 51.2, "", "CNE"), ("results", "vote_share_pct", 67.0, "", "opposition"),
        ("crackdown", "detained", 1400.0, "at least", "Foro Penal"), ("positions", "USA", "recognizes_gonzalez"),
    }, {("there is overwhelming evidence that Edmundo González won", "Antony Blinken")}),
]


@pytest.mark.parametrize("article_id, expected_facts, expected_quotes", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_odd_input_still_yields_the_right_facts(extracted, article_id, expected_facts, expected_quotes):
    assert facts(extracted, article_id) == (expected_facts, expected_quotes)


def test_unbalanced_quotes_do_not_swallow_their_paragraph(extracted):
    quotes = {r.quote: r.speaker for r in extracted["unbalanced_quotes"]["quotes"]}
    assert set(quotes) == {
        "We won this election by a landslide, Edmundo González told reporters in Caracas on Monday.",
        "the minutes prove our victory",
        "The results are irreversible, said Elvis Amoroso, the president of the CNE.",
        "Maduro won with 51.2% of the vote",
        "did not meet international standards of electoral integrity.",
        "the evidence is overwhelming",
    }
    assert (quotes["the minutes prove our victory"], quotes["the evidence is overwhelming"]) == ("María Corina Machado", "Antony Blinken")


def test_an_unclosed_quote_finds_its_speaker(extracted):
    quotes = {r.quote: r.speaker for r in extracted["unbalanced_quotes"]["quotes"]}
    assert quotes["The results are irreversible, said Elvis Amoroso, the president of the CNE."] == "Elvis Amoroso"


def test_windows_line_endings_extract_like_unix_ones(corpus, extracted):
    unix = (HOSTILE / "crlf.txt").read_bytes().replace(b"\r\n", b"\n")
    assert extract_article("crlf", decode_article("crlf", unix).text) == extracted["crlf"]


def test_markup_is_extracted_verbatim(extracted):
    found = extracted["markup"]
    quote = next(r for r in found["quotes"] if r.speaker == "María Corina Machado").quote
    assert quote == ('we won <script>alert(1)</script> **bold** [link](javascript:alert(1)) javascript:alert(1) $x$ :red[colour] '
                     '=HYPERLINK("javascript:alert(1)")')
    evidence = {r.evidence for t in ("positions", "results", "crackdown") for r in found[t]}
    assert any("<img src=x onerror=alert(1)>" in e for e in evidence) and any("<script>alert(1)</script>" in e for e in evidence)


def spans(text):
    return [text[s.start:s.end] for s in find_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We won, she said. Machado said “the minutes prove it” on Monday.", ["We won, she said.", "the minutes prove it"]),
        ('"We won, she said. Machado said "the minutes prove it" on Monday.', ["We won, she said.", "the minutes prove it"]),
        ("“We won the vote and we will defend it\nThen “other words” here.", ["We won the vote and we will defend it", "other words"]),
        ('“We won," she said.', ["We won,"]),
        ('"We won,” she said.', ["We won,"]),
        ("He said ‘we won' and 'they lost’ today.", ["we won", "they lost"]),
        ('“He called it "a fraud" again,” she said.', ['He called it "a fraud" again,']),
        ('"We won," she said, "and we will win again."', ["We won,", "and we will win again."]),
        # A straight mark that opens no word closes the curly quote, though a curly mark closes later.
        ('“We won," she said. “Next thing,” he said.', ["We won,", "Next thing,"]),
    ],
)
def test_quote_marks_pair_up_despite_typos(text, expected):
    assert spans(text) == expected


# A run of one character or word as long as a paragraph: each once made the
# extractor quadratic (40,000 characters of dots took 17 s, of "5% " 110 s).
DEGENERATE = [".", "!?", "…", "Mr. ", "5% ", "twenty ", "'a ", "“", "”", '"', "‘", "Maduro ", "A. ", "\u00a0", "1,111 ", "‘a\n", "“a b\n"]


@pytest.mark.parametrize("unit", DEGENERATE)
def test_degenerate_text_extracts_in_linear_time(unit):
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    extract_article("x", text)
    assert time.perf_counter() - started < 15


def test_an_article_just_under_the_size_limit_reads_and_extracts():
    paragraphs = "\n\n".join(p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in sorted(DEV_ARTICLES.glob("*.txt")))
    data = (paragraphs * (MAX_BYTES // len(paragraphs.encode()) + 1)).encode()[:MAX_BYTES - 4].decode("utf-8", "ignore").encode()
    article = decode_article("big", data)
    started = time.perf_counter()
    found = extract_article("big", article.text)
    assert time.perf_counter() - started < 60  # 4 s; 49 s while name lookups rescanned the article for every mention
    for name, table in TABLES.items():
        schema.validate(table, table.frame(found[name]), {"big": article.text})
