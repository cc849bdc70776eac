"""Hostile corpora and visitors (issue 17): one file or one visitor must never break the build or the dashboard for everyone.

Each test reproduces one defect found by trying the project as an attacker or a
careless user would: a far-off date, special files, broken entries, files changed
during a build, sessions waiting on one build, the upload widget, upload limits,
huge titles, and an article that takes too long to extract.
"""
import os
import subprocess
import sys
import time
from datetime import date

import pandas as pd
import pytest

from apptest import app, open_page
from lib import articles, build, ingest, store
from lib.paths import ROOT

BODY = "The United States recognised Edmundo González as the winner, officials said on Thursday.\n"


def article(title="A story", published="2024-08-01", body=None, **extra) -> bytes:
    """An article file with a header; its body names its title, so no two titles make duplicates."""
    header = {"title": title, "published": published, **extra}
    body = body or f"{title[:40]}: {BODY}"
    return ("---\n" + "".join(f"{k}: {v}\n" for k, v in header.items()) + "---\n\n" + body).encode()


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A corpus folder of two good articles, configured as the dashboard's, with its own data folder."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_bytes(article())
    (folder / "other.txt").write_bytes(article("Another", body="Brazil asked for the tally sheets to be published.\n"))
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(folder))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return folder


def run_build(folder, out, timeout=120):
    """``python -m lib.build`` in a subprocess (a hang must fail the test, not the suite)."""
    return subprocess.run(
        [sys.executable, "-m", "lib.build", "--articles", str(folder), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )


def published(out) -> dict[str, str]:
    frame = pd.read_parquet(store.current_build(out) / "articles.parquet")
    return dict(zip(frame["article_id"], frame["published"]))


# ---------------------------------------------------------------- 1. far-off dates


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1989-12-31", f"{date.today().year + 2}-01-01"])
def test_an_implausible_publication_date_is_dropped_and_reported(corpus, tmp_path, value):
    (corpus / "far.txt").write_bytes(article("Far", published=value))
    report = build.build([corpus], tmp_path / "data")
    assert published(tmp_path / "data")["far"] == ""
    assert any(note["path"].endswith("far.txt") and value in note["reason"] for note in report["dropped_metadata"])


def test_plausible_dates_are_kept():
    assert articles.plausible_date("1990-01-01") == "1990-01-01"
    assert articles.plausible_date(date.today().isoformat()) == date.today().isoformat()


def test_an_upload_with_a_far_off_date_loses_the_date_not_the_article(corpus):
    draft = ingest.prepare("far.txt", article(published="9999-12-31"))
    assert draft.article.published == "" and b"9999" not in draft.content
    with pytest.raises(ValueError, match="publication date"):
        ingest.prepare("typed.txt", BODY.encode(), published="9999-12-31")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_every_page_survives_a_far_off_date_in_the_corpus(corpus, value, streamlit_caches):
    (corpus / "far.txt").write_bytes(article("Far", published=value))
    for page in ("app_pages/overview.py", "app_pages/add_articles.py", "app_pages/world_map.py"):
        open_page(app().run(), page)


# ---------------------------------------------------------------- 3. special files


def test_a_fifo_named_txt_is_refused_without_hanging_the_build(corpus, tmp_path):
    os.mkfifo(corpus / "pipe.txt")
    done = run_build(corpus, tmp_path / "data", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "pipe.txt: not a regular file" in done.stdout


def test_a_link_to_a_device_or_outside_the_corpus_is_refused(corpus, tmp_path):
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "elsewhere.txt").write_bytes(article("Outside"))
    (corpus / "outside.txt").symlink_to(tmp_path / "elsewhere.txt")
    done = run_build(corpus, tmp_path / "data", timeout=60)
    assert done.returncode == 0, done.stderr
    for name in ("zero.txt", "passwd.txt", "outside.txt"):
        assert f"{name}: a link to a file outside the corpus folders" in done.stdout
    assert set(published(tmp_path / "data")) == {"good", "other"}


def test_a_link_inside_the_corpus_is_read(corpus, tmp_path):
    sub = corpus / "archive"
    sub.mkdir()
    (sub / "kept.txt").write_bytes(article("Kept", body="Chile rejected the result announced by the CNE.\n"))
    (corpus / "kept.txt").symlink_to(sub / "kept.txt")
    build.build([corpus], tmp_path / "data")
    assert "kept" in published(tmp_path / "data")


def test_a_huge_file_is_refused_before_it_is_read(corpus, tmp_path):
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB long, no disk used
    code = (
        "import resource, sys; from lib import build; from pathlib import Path;"
        f"build.build([Path({str(corpus)!r})], Path({str(tmp_path / 'data')!r}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 1024**2  # KB: under 1 GB, so the 3 GB were never read
    report = store.read_report(tmp_path / "data")
    assert any(r["path"].endswith("huge.txt") and "oversized" in r["reason"] for r in report["rejected"])


# ---------------------------------------------------------------- 4. broken entries


def test_a_link_loop_and_a_broken_link_are_rejected_and_the_rest_builds(corpus, tmp_path):
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "loopdir").symlink_to(corpus / "loopdir")
    report = build.build([corpus], tmp_path / "data")
    reasons = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejected"]}
    assert {"loop.txt", "gone.txt"} <= set(reasons)
    assert set(published(tmp_path / "data")) == {"good", "other"}
    assert store.stale_reason([corpus], tmp_path / "data") is None


def test_a_corpus_folder_that_cannot_be_listed_is_a_rejection(corpus, tmp_path):
    loop = tmp_path / "loop-folder"
    loop.symlink_to(loop)
    report = build.build([corpus, loop], tmp_path / "data")
    assert any(r["path"] == str(loop) for r in report["rejected"])
    assert store.stale_reason([corpus, loop], tmp_path / "data") is None


def test_the_dashboard_keeps_the_previous_build_when_an_entry_breaks(corpus, tmp_path, streamlit_caches, monkeypatch):
    build.build([corpus], tmp_path / "data")
    loop = tmp_path / "loop-folder"
    loop.symlink_to(loop)
    monkeypatch.setenv("VENEZUELA_ARTICLES", f"{corpus}{os.pathsep}{loop}")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    open_page(app().run(), "app_pages/overview.py")


# ---------------------------------------------------------------- 5. files changed during a build


def test_a_file_added_while_the_build_reads_makes_the_build_stale(corpus, tmp_path, monkeypatch):
    read = articles.list_corpus

    def read_then_add(folders, **kwargs):
        found = read(folders, **kwargs)
        (corpus / "late.txt").write_bytes(article("Late", body="Peru recognised González as the winner.\n"))
        return found

    monkeypatch.setattr(build, "list_corpus", read_then_add)
    build.build([corpus], tmp_path / "data")
    assert "late" not in published(tmp_path / "data")
    assert store.stale_reason([corpus], tmp_path / "data") is not None


# ---------------------------------------------------------------- 6. one rebuild, however many sessions wait


def test_a_session_that_finds_the_tables_current_does_not_rebuild(corpus, tmp_path, streamlit_caches, monkeypatch):
    build.build([corpus], tmp_path / "data")
    before = store.current_build(tmp_path / "data")
    from app import cached

    # This session's cached staleness check is out of date: another session has just built.
    monkeypatch.setattr(cached, "stale_reason", lambda: "the articles or the extraction code changed since the last build")
    open_page(app().run(), "app_pages/overview.py")
    assert store.current_build(tmp_path / "data") == before


# ---------------------------------------------------------------- 7. and 8. the upload widget and its limits


def test_the_upload_widget_accepts_every_name_and_leaves_refusing_to_ingest(seeds):
    at = open_page(app().run(), "app_pages/add_articles.py")
    uploader = at.get("file_uploader")[0]
    assert list(uploader.proto.type) == []  # a name the browser filter would block reaches ingest, which refuses it alone


@pytest.mark.parametrize("name", ["evil.txt.exe", "model.pkl", "trailing.txt.", "space.txt ", "nul\x00.txt"])
def test_a_disallowed_name_is_refused_alone(name, tmp_path):
    outcomes = ingest.add_articles(
        [ingest.Submission(name, article()), ingest.Submission("fine.txt", article("Fine"))],
        uploads=tmp_path / "uploads", folders=[tmp_path / "none"], out=tmp_path / "data",
    )
    assert [o.status for o in outcomes] == ["refused", "added"]


def test_a_text_upload_of_exactly_the_limit_is_accepted_and_builds(tmp_path):
    body = b"The CNE announced the result. " * (articles.MAX_BYTES // 30)
    data = body + b"x" * (articles.MAX_BYTES - len(body))
    assert len(data) == articles.MAX_BYTES
    outcomes = ingest.add_articles([ingest.Submission("limit.txt", data, title="A title")], uploads=tmp_path / "uploads",
                                   folders=[tmp_path / "none"], out=tmp_path / "data")
    assert outcomes[0].status == "added", outcomes[0].reason
    read, rejected = articles.read_corpus([tmp_path / "uploads"])
    assert [a.article_id for a in read] == ["limit"] and not rejected
    with pytest.raises(ValueError, match=f"{articles.MAX_BYTES + 1:,} bytes"):
        ingest.prepare("over.txt", data + b"x")


def test_the_html_limit_is_the_one_the_browser_applies():
    # Streamlit's browser side refuses a file above maxUploadSize * 1,000,000 bytes.
    assert ingest.MAX_UPLOAD_BYTES == ingest.MAX_UPLOAD_MB * 1_000_000
    page = b"<html><body><p>" + b"a" * ingest.MAX_UPLOAD_BYTES + b"</p></body></html>"
    with pytest.raises(ValueError, match=f"{len(page):,} bytes"):
        ingest.prepare("page.html", page)


# ---------------------------------------------------------------- 9. huge titles


def test_titles_and_outlets_are_cut_in_the_build_as_on_upload(corpus, tmp_path):
    (corpus / "long.txt").write_bytes(article("T" * 1_000_000, outlet="O" * 100_000))
    build.build([corpus], tmp_path / "data")
    frame = pd.read_parquet(store.current_build(tmp_path / "data") / "articles.parquet").set_index("article_id")
    assert len(frame.loc["long", "title"]) <= ingest.MAX_FIELD and len(frame.loc["long", "outlet"]) <= ingest.MAX_FIELD


def test_the_reader_link_holds_the_article_id(seeds):
    at = app()
    at.query_params["read"] = "002_eafcf9088da930d2"
    at.switch_page("app_pages/sources.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="read").value == "002_eafcf9088da930d2"
    assert at.query_params["read"] in ("002_eafcf9088da930d2", ["002_eafcf9088da930d2"])


# ---------------------------------------------------------------- 2. the time budget


def test_an_article_over_the_time_budget_is_rejected_alone(corpus, tmp_path, monkeypatch):
    extract = build.extract_article

    def slow_on_one(article_id, text):
        if article_id == "other":
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # pure Python, as a pathological rule would be
                pass
        return extract(article_id, text)

    monkeypatch.setattr(build, "extract_article", slow_on_one)
    monkeypatch.setattr(build, "ARTICLE_SECONDS", 0.5)
    started = time.monotonic()
    report = build.build([corpus], tmp_path / "data")
    assert time.monotonic() - started < 20
    assert set(published(tmp_path / "data")) == {"good"}
    assert any(r["path"] == "other" and "0.5 s" in r["reason"] for r in report["rejected"])

