"""Adding articles (lib.ingest): hostile names and contents in, a saved article or a refusal with its reason out."""
import pickle
import socket
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lib.paths import ROOT, SEEDS
from lib import articles, build, ingest, paths, store
from lib.articles import MAX_BYTES, read_corpus

BODY = b"Maduro was declared the winner.\n\nThe opposition says its tally sheets show otherwise.\n"
PAGE = b"""<!DOCTYPE html><html><head><title>CNE declares Maduro winner</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2024-07-29T10:00:00Z">
<link rel="canonical" href="https://example.org/world/cne-maduro"><script src="https://cdn.example.com/ads.js"></script>
<script>document.title = "ads";</script></head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>CNE declares Maduro winner</h1><p>CARACAS - The National Electoral Council declared Nicol\xc3\xa1s Maduro the winner with 51.2% of the vote.</p>
<p>"We won," said Mar\xc3\xada Corina Machado, whose coalition says its tally sheets show Edmundo Gonz\xc3\xa1lez won 67%.</p>
<img src="https://cdn.example.com/photo.jpg"></article><footer>Copyright 2024 Example News</footer></body></html>"""


class Evil:
    """Unpickling this would create a file: it must never happen."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


@pytest.fixture
def corpus(monkeypatch, tmp_path):
    """The seeds as the corpus, builds in a tmp folder; returns the upload folder (not created yet)."""
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(SEEDS))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return paths.upload_folder()


def add(*submissions: ingest.Submission) -> list[ingest.Outcome]:
    return ingest.add_articles(list(submissions))


def one(name: str, data: bytes, **meta) -> ingest.Outcome:
    return add(ingest.Submission(name, data, **meta))[0]


def read_back(uploads: Path) -> dict[str, articles.Article]:
    """The upload folder as the build reads it; fails if the build would refuse anything there."""
    found, rejected = read_corpus([uploads])
    assert not rejected
    return {a.article_id: a for a in found}


# ---------------------------------------------------------------- names

NAMES = [  # name -> saved stem
    ("report.txt", "report"),
    ("Report.TXT", "report"),
    ("notes.md", "notes"),
    ("page.htm", "page"),
    ("../../etc/cron.d/evil.txt", "evil"),
    ("/etc/passwd.txt", "passwd"),
    ("..\\..\\Windows\\System32\\evil.txt", "evil"),
    ("C:\\Users\\me\\Desktop\\news.md", "news"),
    ("．．／．．／fullwidth.txt", "fullwidth"),  # NFKC turns these into ../../
    ("Informe González 28-J (final).txt", "informe-gonzalez-28-j-final"),
    ("  spaced name  .txt", "spaced-name"),
    ("CON.txt", "con-article"),
    ("lpt1.md", "lpt1-article"),
    ("nul.txt", "nul-article"),
    ("a" * 300 + ".txt", "a" * ingest.MAX_NAME),
    ("日本語.txt", "maduro-was-declared-the-winner"),  # nothing ASCII left: named after the title
    ("....txt", "maduro-was-declared-the-winner"),
    ("-.txt", "maduro-was-declared-the-winner"),
]


@pytest.mark.parametrize("name, stem", NAMES)
def test_names_are_sanitised_into_the_upload_folder(corpus, name, stem):
    outcome = one(name, BODY)
    assert (outcome.status, outcome.article_id, outcome.reason) == ("added", stem, "")
    path = Path(outcome.path)
    assert path.parent.resolve() == corpus.resolve() and path.name == f"{stem}.txt"
    assert read_back(corpus)[stem].text == BODY.decode()


REFUSED_NAMES = [  # name -> reason fragment
    ("evil.txt.exe", "(.exe)"),
    ("model.pkl", "(.pkl)"),
    ("page.php", "(.php)"),
    ("archive.tar.gz", "(.gz)"),
    ("notes", "(no extension)"),
    ("a.txt.", "ends with a dot or a space"),
    (".txt", "(no extension)"),
    ("../", "(no extension)"),
    ("evil\x00.txt", "control or invisible"),
    ("evil.txt\x00.exe", "control or invisible"),
    ("line\nbreak.txt", "control or invisible"),
    ("evil\u202etxt.exe", "control or invisible"),  # shows as evilexe.txt
    ("zero\u200bwidth.txt", "control or invisible"),
]


@pytest.mark.parametrize("name, reason", REFUSED_NAMES)
def test_names_that_are_not_articles_are_refused(corpus, name, reason):
    outcome = one(name, BODY)
    assert outcome.status == "refused" and reason in outcome.reason
    assert not corpus.exists() or not any(corpus.iterdir())


# ---------------------------------------------------------------- contents

REFUSED_CONTENTS = [  # (name, bytes) -> reason fragment
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\t\r\n", "empty file"),
    ("latin1.txt", "Informe de la oposición".encode("latin-1"), "not UTF-8 (byte 21: invalid continuation byte)"),
    ("cp1252.txt", "“Ganamos”, dijo".encode("cp1252"), "not UTF-8"),
    ("utf16.txt", "Maduro was declared the winner".encode("utf-16"), "not UTF-8 (UTF-16 or UTF-32 text"),
    ("utf32.md", "Maduro was declared the winner".encode("utf-32"), "not UTF-8 (UTF-16 or UTF-32 text"),
    ("utf16le.txt", "Maduro was declared the winner".encode("utf-16-le"), "binary file (contains NUL bytes)"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("program.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary file"),
    ("data.txt", pickle.dumps({"a": 1}), "binary file"),
    ("page.html", pickle.dumps({"a": 1}), "binary file"),
    ("terminal.txt", b"Hello \x1b[2J world", "control character U+001B at character 6"),
    ("bell.md", b"Ding\x07 dong", "control character U+0007"),
    ("big.txt", b"a" * (MAX_BYTES + 1), f"oversized: {MAX_BYTES + 1:,} bytes, limit {MAX_BYTES:,}"),
    ("big.md", b"a " * (MAX_BYTES // 2 + 1), f"limit {MAX_BYTES:,}"),
    ("huge.html", b"<p>" + b"a" * ingest.MAX_UPLOAD_BYTES, f"limit {ingest.MAX_UPLOAD_BYTES:,}"),
    ("header-only.txt", b"---\ntitle: Nothing else\n---\n\n\n", "no article text after the header"),
    ("scripts.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text found in the HTML page"),
    ("really-html.txt", b"<!doctype html><html><head><style>p {}</style></head><body><script>go()</script></body></html>", "no article text found in the HTML page"),
]


@pytest.mark.parametrize("name, data, reason", REFUSED_CONTENTS)
def test_bad_contents_are_refused_with_the_reason(corpus, name, data, reason):
    outcome = one(name, data)
    assert (outcome.status, outcome.article_id) == ("refused", "")
    assert reason in outcome.reason
    assert not corpus.exists() or not any(corpus.iterdir())


def test_a_pickle_named_txt_is_stored_as_text_and_never_loaded(corpus, tmp_path):
    marker = tmp_path / "unpickled"
    data = pickle.dumps(Evil(marker), protocol=0)  # protocol 0 is printable ASCII, so it passes as text
    outcome = one("innocent.txt", data)
    assert outcome.status == "added"
    assert read_back(corpus)["innocent"].text.strip() == data.decode().strip()
    assert not marker.exists()


ACCEPTED = [  # (name, bytes) -> (title, outlet, url, published, words in the text, words not in it)
    ("plain.txt", BODY, ("Maduro was declared the winner.", "", "", "", ["tally sheets"], [])),
    ("crlf.txt", BODY.replace(b"\n", b"\r\n"), ("Maduro was declared the winner.", "", "", "", ["winner.\n\nThe"], ["\r"])),
    ("bom.txt", b"\xef\xbb\xbf" + BODY, ("Maduro was declared the winner.", "", "", "", ["tally"], ["\ufeff"])),
    ("form-feed.txt", b"Page one.\x0cPage two.", ("Page one. Page two.", "", "", "", ["Page one.\x0cPage two."], [])),
    ("own-header.txt", b"---\ntitle: Own title\noutlet: Own Outlet\npublished: 30 July 2024\nurl: https://example.org/x\n---\n" + BODY,
     ("Own title", "Own Outlet", "https://example.org/x", "2024-07-30", ["tally"], ["Own title"])),
    ("bad-header-values.txt", b"---\ntitle: T\npublished: sometime\nurl: javascript:alert(1)\n---\n" + BODY, ("T", "", "", "", ["tally"], ["javascript"])),
    ("notes.md", b"# Tally sheets published\n\nThe opposition's *tally sheets* are at [this site](https://example.org).\n",
     ("Tally sheets published", "", "", "", ["# Tally sheets published", "*tally sheets*", "[this site](https://example.org)"], [])),
    ("front.md", b"---\ntitle: Markdown with a header\n---\n# Heading\n\nText.\n", ("Markdown with a header", "", "", "", ["# Heading"], [])),
    ("story.html", PAGE, ("CNE declares Maduro winner", "Example News", "https://example.org/world/cne-maduro", "2024-07-29",
                          ["51.2% of the vote.\n\n\"We won,\"", "Nicolás"], ["Home", "Copyright", "ads", "<p>", "CNE declares Maduro winner"])),
    ("story-saved-as.txt", PAGE, ("CNE declares Maduro winner", "Example News", "https://example.org/world/cne-maduro", "2024-07-29", ["51.2%"], ["<p>"])),
    ("big-page.html", PAGE.replace(b"<script>", b"<script>" + b"var x = 1;" * 300_000), ("CNE declares Maduro winner", "Example News",
     "https://example.org/world/cne-maduro", "2024-07-29", ["51.2%"], ["var x"])),  # 3 MB of page, well over the text limit
]


@pytest.mark.parametrize("name, data, expected", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_files_round_trip_through_the_corpus_reader(corpus, name, data, expected):
    outcome = one(name, data)
    assert outcome.status == "added", outcome.reason
    article = read_back(corpus)[outcome.article_id]
    title, outlet, url, published, present, absent = expected
    assert (article.title, article.outlet, article.url, article.published) == (title, outlet, url, published)
    assert article.metadata_source == "front_matter"
    assert all(word in article.text for word in present), article.text
    assert not any(word in article.text for word in absent), article.text


def test_html_is_reduced_without_touching_the_network(corpus, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError(f"network access: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    text, meta = ingest.reduce_html(PAGE.decode())
    assert meta == {"title": "CNE declares Maduro winner", "outlet": "Example News", "url": "https://example.org/world/cne-maduro", "published": "2024-07-29"}
    assert text.startswith("CARACAS - The National Electoral Council")


# ---------------------------------------------------------------- metadata


HOSTILE_TITLES = [
    "Line one\nurl: javascript:alert(1)",
    "Closing the header\n---\nand writing the body",
    "---",
    "Windows\r\n---\r\noutlet: Evil",
    "Unicode line separator\u2028published: 1999-01-01",
    "Paragraph separator\u2029url: http://evil.example",
    "Next line\x85outlet: Evil",
    "Vertical tab\x0boutlet: Evil",
    "Form feed\x0coutlet: Evil",
    "File separator\x1coutlet: Evil",
    "Right-to-left \u202eoverride",
    "   spaces\t\tand tabs   ",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_title_cannot_break_the_header(corpus, title):
    outcome = one("", BODY, title=title, outlet="Outlet", url="https://example.org/a", published="2024-08-01")
    assert outcome.status == "added", outcome.reason
    article = read_back(corpus)[outcome.article_id]
    assert article.title == ingest.one_line(title) and "\n" not in article.title and "\u202e" not in article.title
    assert (article.outlet, article.url, article.published) == ("Outlet", "https://example.org/a", "2024-08-01")
    assert article.text == BODY.decode()


@pytest.mark.parametrize("value", ["2024-07-30", "2024-07-30T23:10:00", "2024-07-30T10:00:00+00:00", "20240730", "30 July 2024", "30 Jul 2024",
                                   "July 30, 2024", "Jul 30, 2024", "July 30 2024", "2024/07/30", " 30 July\n2024 ", date(2024, 7, 30)])
def test_dates_are_read_flexibly_and_stored_iso(value):
    assert ingest.iso_date(value) == "2024-07-30"


PASTED_REFUSED = [  # metadata typed in the form -> reason
    ({"published": "yesterday"}, "publication date 'yesterday' not understood"),
    ({"published": "30/07/2024"}, "not understood (use YYYY-MM-DD)"),  # day or month first? not guessed
    ({"url": "javascript:alert(1)"}, "not an http(s) address"),
    ({"url": "file:///etc/passwd"}, "not an http(s) address"),
    ({"url": "/world/article"}, "not an http(s) address"),
    ({"url": "https://exa mple.org"}, "not an http(s) address"),
    ({"title": "Only a title"}, "empty file"),
]


@pytest.mark.parametrize("meta, reason", PASTED_REFUSED)
def test_pasted_metadata_must_be_readable(corpus, meta, reason):
    data = b"" if reason == "empty file" else BODY
    outcome = one("", data, **meta)
    assert outcome.status == "refused" and reason in outcome.reason
    assert outcome.name.startswith("pasted text")


def test_pasted_text_is_named_after_its_title_and_keeps_its_metadata(corpus):
    outcome = one("", BODY, title="González claims victory / CNE silent", outlet="El País", url="https://elpais.com/x", published=date(2024, 7, 29))
    assert (outcome.status, outcome.article_id) == ("added", "gonzalez-claims-victory-cne-silent")
    article = read_back(corpus)[outcome.article_id]
    assert article.source.startswith("upload at ")  # labelled as uploaded, with when (who: nobody logged in here)
    assert article._replace(sha256="", source="") == articles.Article(
        "gonzalez-claims-victory-cne-silent", "González claims victory / CNE silent", "El País", "https://elpais.com/x", "2024-07-29",
        "front_matter", "", "", len(BODY.decode()), BODY.decode(),
    )


# ---------------------------------------------------------------- duplicates and collisions


def seed_text() -> str:
    return articles.decode_article("x", next(SEEDS.glob("*.txt")).read_bytes()).text


@pytest.mark.parametrize("built", [True, False], ids=["from the build", "from the files"])
def test_the_text_of_an_article_already_in_the_corpus_is_refused(corpus, built, monkeypatch):
    seed = next(SEEDS.glob("*.txt"))
    if built:
        build.build(paths.corpus_folders())
        monkeypatch.setattr(ingest, "read_corpus", lambda folders: pytest.fail("re-read the corpus although the build is current"))
    relabelled = b"---\ntitle: Same text, new title\n---\n\n\n" + seed_text().strip().encode() + b"\n\n"
    outcome = one("copy.txt", relabelled)
    assert outcome.status == "refused" and outcome.reason == f"duplicate of article {seed.stem!r} (same text)"


def test_duplicates_within_a_batch_and_name_collisions(corpus):
    outcomes = add(
        ingest.Submission("a.txt", BODY),
        ingest.Submission("b.md", b"---\ntitle: Other title\n---\n" + BODY),  # same text as a.txt
        ingest.Submission("a.txt", b"Another article entirely.\n"),
        ingest.Submission("A.md", b"A third article.\n"),
        ingest.Submission("", b"A third article.\n", title="Pasted copy"),
    )
    assert [(o.status, o.article_id, o.reason) for o in outcomes] == [
        ("added", "a", ""),
        ("refused", "", "duplicate of article 'a' (same text)"),
        ("added", "a-2", ""),
        ("added", "a-3", ""),
        ("refused", "", "duplicate of article 'a-3' (same text)"),
    ]
    assert set(read_back(corpus)) == {"a", "a-2", "a-3"}


def test_nothing_is_overwritten_and_ids_stay_unique_across_the_corpus(corpus, monkeypatch, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "Report.txt").write_text("An article in another corpus folder.\n")
    monkeypatch.setenv("VENEZUELA_ARTICLES", f"{SEEDS}:{other}")
    corpus.mkdir()
    (corpus / "report-2.txt").write_text("An earlier upload.\n")
    target = tmp_path / "outside.txt"
    (corpus / "report-3.txt").symlink_to(target)  # dangling: writing through it would create a file outside
    outcome = one("report.txt", BODY)
    assert (outcome.status, outcome.article_id) == ("added", "report-4")
    assert (corpus / "report-2.txt").read_text() == "An earlier upload.\n"
    assert not target.exists()
    (corpus / "report-3.txt").unlink()
    found, rejected = read_corpus(paths.corpus_folders())
    assert not rejected and {"Report", "report-2", "report-4"} <= {a.article_id for a in found}


@pytest.mark.parametrize("stem", ["../evil", "a/b", "", ".hidden", "UPPER", "a--b", "x" * (ingest.MAX_NAME + 1)])
def test_save_refuses_an_unsafe_stem(tmp_path, stem):
    with pytest.raises(ValueError, match="unsafe file name"):
        ingest.save(stem, BODY, tmp_path / "uploads")
    assert not (tmp_path / "evil").exists()


def test_added_articles_are_in_the_next_build(corpus):
    outcomes = add(ingest.Submission("story.html", PAGE), ingest.Submission("", BODY, title="Pasted", outlet="Outlet"))
    assert [o.status for o in outcomes] == ["added", "added"]
    report = build.build(paths.corpus_folders())
    assert report["rejected"] == []
    assert report["articles_read"] == len(list(SEEDS.glob("*.txt"))) + 2
    assert {"story", "pasted"} <= set(pd.read_parquet(store.current_dir() / "articles.parquet")["article_id"])


def test_the_app_limit_matches_the_server_upload_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == ingest.MAX_UPLOAD_MB
