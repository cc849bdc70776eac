"""Reading a corpus folder: front matter, manifest metadata, and bad files refused with a reason."""
import os

import pytest

from lib.articles import MAX_FILE_BYTES, SIDE_FILE, decode_article, parse_front_matter, read_corpus, scan

from lib.paths import DEV_ARTICLES, SEEDS


def test_front_matter_is_split_from_the_body():
    meta, body = parse_front_matter("---\ntitle: A: b\nurl: http://x\noutlet: O\npublished: 2024-07-30\nother: z\n---\n\nBody.")
    assert meta == {"title": "A: b", "url": "http://x", "outlet": "O", "published": "2024-07-30"}
    assert body == "\nBody."


def test_text_without_header_is_all_body():
    assert parse_front_matter("No header --- here.") == ({}, "No header --- here.")


def test_seeds_get_inferred_metadata_from_the_manifest():
    articles, rejected = read_corpus([SEEDS])
    assert rejected == []
    assert [a.article_id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert {a.metadata_source for a in articles} == {"manifest"}
    assert all(a.published and a.title for a in articles)


def test_dev_articles_read_their_front_matter():
    articles, rejected = read_corpus([DEV_ARTICLES])
    assert len(articles) == 24
    assert [r.reason for r in rejected] == [SIDE_FILE]  # SOURCES.md: skipped, and the build lists it apart from failures
    d01 = articles[0]
    assert (d01.article_id, d01.outlet, d01.published) == ("d01", "Pledge Times", "2024-07-30")
    assert d01.text.startswith("María Corina Machado")
    assert d01.n_chars == len(d01.text)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"abc\x00def", "binary file"),
        ("Caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"x" * (MAX_FILE_BYTES + 1), "oversized"),
        (b"---\ntitle: only a header\n---\n\n", "no article text"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode_article("x", data)


def test_bom_and_windows_line_endings_are_normalised():
    article = decode_article("x", "\ufeffLine one.\r\nLine two.\r".encode())
    assert article.text == "Line one.\nLine two.\n"


def test_bad_files_are_reported_and_the_rest_still_reads(tmp_path):
    (tmp_path / "good.txt").write_text("Maduro was declared the winner.", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("Maduro was declared the winner.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.txt").write_bytes(b"\x00" * 100)
    (tmp_path / "latin1.txt").write_bytes("Gonz\u00e1lez".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles, rejected = read_corpus([tmp_path])
    assert [a.article_id for a in articles] == ["copy"]
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in rejected}
    assert reasons["good.txt"].startswith("duplicate of article 'copy'")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["nul.txt"].startswith("binary file")
    assert reasons["latin1.txt"].startswith("not UTF-8")
    assert reasons["notes.pdf"] == "not a .txt article"


def test_same_id_in_two_folders_is_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One text.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Another text.", encoding="utf-8")
    articles, rejected = read_corpus([tmp_path / "a", tmp_path / "b"])
    assert len(articles) == 1 and "duplicate article_id" in rejected[0].reason


def test_an_entry_gone_between_the_listing_and_its_look_is_refused_and_the_rest_reads(tmp_path, monkeypatch):
    """The listing takes every name first, then looks at each (lstat): a name whose file is gone by then is no article."""
    (tmp_path / "kept.txt").write_text("Brazil asked for the tally sheets.", encoding="utf-8")
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda fd: [*listdir(fd), "gone.txt"])
    (_, listing), = scan([tmp_path])
    assert listing.errors == {"gone.txt": "FileNotFoundError"} and listing.size.tolist() == [-1, len("Brazil asked for the tally sheets.")]
    found, rejected = read_corpus([tmp_path])
    assert [a.article_id for a in found] == ["kept"]
    assert [r.path.rsplit("/", 1)[-1] for r in rejected] == ["gone.txt"] and rejected[0].reason.startswith("cannot be read")
