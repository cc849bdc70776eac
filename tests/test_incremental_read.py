"""Incremental builds follow the change, not the corpus: a file whose size and modification time
are those the current build recorded is not opened again; a touched, edited, resized, renamed or new
file is, a removed one leaves, and a changed manifest.csv re-reads its folder. The tables come out as
a full build makes them."""
import csv
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from lib import articles, build, store
from lib.paths import SEEDS


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def opened(monkeypatch):
    """The files read_corpus opens, by name."""
    names: list[str] = []
    read_file = articles.read_file

    def recording(path, roots, *args, **kwargs):
        names.append(path.name)
        return read_file(path, roots, *args, **kwargs)

    monkeypatch.setattr(articles, "read_file", recording)
    return names


def tables(out):
    folder = store.current_build(out)
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in ("articles", "positions", "quotes", "results")}


@pytest.mark.parametrize("change, expected", [
    ("nothing", set()),  # near miss: an unchanged corpus opens no file
    ("touch", {"FIRST"}),  # same bytes, new modification time: read (and hashed) again
    ("edit", {"FIRST"}),
    ("resize", {"FIRST"}),  # other bytes, the modification time set back to the recorded one: its size tells
    ("remove", set()),  # the others are taken from the manifest as they were; its rows leave the tables
    ("rename", {"renamed.txt"}),  # another path, so another article: read, and the old name's rows leave
    ("add", {"new.txt"}),
    ("manifest", "ALL"),  # the folder's metadata changed: every article of it is read again
    ("retitle", "ALL"),  # ... and an article whose bytes are the same gets its new title, as a full build gives it
])
def test_only_changed_files_are_read(corpus, tmp_path, opened, change, expected):
    out = tmp_path / "data"
    build.build([corpus], out)
    first = sorted(p.name for p in corpus.glob("*.txt"))[0]
    if change == "touch":
        os.utime(corpus / first, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    elif change == "edit":
        (corpus / first).write_text((corpus / first).read_text(encoding="utf-8") + "\nA new last line.\n", encoding="utf-8")
    elif change == "resize":
        recorded = (corpus / first).stat()
        (corpus / first).write_text((corpus / first).read_text(encoding="utf-8") + "\nA new last line.\n", encoding="utf-8")
        os.utime(corpus / first, ns=(recorded.st_atime_ns, recorded.st_mtime_ns))
    elif change == "remove":
        (corpus / first).unlink()
    elif change == "rename":
        (corpus / first).rename(corpus / "renamed.txt")
    elif change == "add":
        (corpus / "new.txt").write_text("Foro Penal said 1,200 people were detained.\n", encoding="utf-8")
    elif change == "manifest":
        manifest = corpus / articles.MANIFEST
        manifest.write_text(manifest.read_text(encoding="utf-8"), encoding="utf-8")
        os.utime(manifest, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    elif change == "retitle":
        manifest = corpus / articles.MANIFEST
        with open(manifest, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        rows[0]["title"] = "A new title in the manifest"
        with open(manifest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    opened.clear()
    report = build.build([corpus], out)
    wanted = {p.name for p in corpus.glob("*.txt")} if expected == "ALL" else {first if e == "FIRST" else e for e in expected}
    assert set(opened) == wanted
    assert report["articles_read"] == len(list(corpus.glob("*.txt")))
    incremental = tables(out)
    if change == "retitle":
        assert "A new title in the manifest" in set(incremental["articles"]["title"])
    build.build([corpus], tmp_path / "full", incremental=False)
    for name, df in tables(tmp_path / "full").items():
        pd.testing.assert_frame_equal(incremental[name], df)


@pytest.mark.parametrize("to, expected", [
    ("elsewhere/articles", set()),  # moved: its files keep their signatures, so none is opened again
    ("renamed", "ALL"),  # its name is its articles' source: every row changes, so every file is read
])
def test_a_moved_corpus_folder_is_known_by_its_files(corpus, tmp_path, opened, to, expected):
    out = tmp_path / "data"
    build.build([corpus], out)
    (tmp_path / to).parent.mkdir(parents=True, exist_ok=True)
    moved = corpus.rename(tmp_path / to)
    opened.clear()
    report = build.build([moved], out)
    assert set(opened) == ({p.name for p in moved.glob("*.txt")} if expected == "ALL" else expected)
    assert report["articles_read"] == len(list(moved.glob("*.txt")))
    incremental = tables(out)
    build.build([moved], tmp_path / "full", incremental=False)
    for name, df in tables(tmp_path / "full").items():
        pd.testing.assert_frame_equal(incremental[name], df)
    # The manifest now names the files where they are: an edit there is seen, and its text read from there.
    first = sorted(moved.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nFoulards said 3 people were detained.\n", encoding="utf-8")
    opened.clear()
    build.build([moved], out)
    assert set(opened) == {first.name}
    assert store.stale_reason([moved], out) is None


def test_only_the_folders_that_moved_move():
    # A folder gone from the list is moved to the new one at its place; a folder still listed, or one within a moved one, is not.
    known = pa.table({"path": ["/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]})
    cases = [
        (["/a", "/b"], ["/a", "/b"], ["/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),  # nothing moved
        (["/a", "/b"], ["/n/a", "/b"], ["/n/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),
        (["/a", "/b"], ["/b/a", "/a/b"], ["/b/a/x.txt", "/a/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),
        (["/a", "/b"], ["/b", "/a"], ["/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),  # reordered: each keeps its files
        (["/a", "/b"], ["/b", "/n/a"], ["/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),  # /b is still listed: not moved to /n/a
        (["/a"], ["/n/a", "/b"], ["/a/x.txt", "/b/y.txt", "/a/sub/z.txt", "/c/w.txt"]),  # other folders: nothing is known
    ]
    for before, now, expected in cases:
        assert articles.moved(known, before, [Path(f) for f in now])["path"].to_pylist() == expected, (before, now)
