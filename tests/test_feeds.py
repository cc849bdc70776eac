"""Adding articles by web address (lib.ingest.add_urls) and following feeds (lib.feeds, python -m lib.ingest), against a local server.

Every connection outside this machine is refused by the autouse guard.
"""
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from lib import build, feeds, fetch, ingest, paths, store
from lib.paths import ROOT, SEEDS

pytestmark = pytest.mark.usefixtures("outside_connections")


@pytest.fixture
def site(web_server, monkeypatch, tmp_path):
    server = web_server
    monkeypatch.setenv(fetch.ALLOW_HOSTS, server.host)
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(SEEDS))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    server.requests.clear()
    server.extra_entries.clear()
    return server


def articles() -> pd.DataFrame:
    return pd.read_parquet(store.current_dir() / "articles.parquet").set_index("article_id")


def test_pages_are_added_with_their_provenance_and_built(site):
    outcomes = ingest.add_urls([site.url("/article/1"), site.url("/redirect/2"), site.url("/plain"), site.url("/image.png"), "file:///etc/passwd"])
    assert [(o.status, o.article_id) for o in outcomes] == [
        (ingest.ADDED, "panama-recognizes-gonzalez-as-venezuela-s-president-elect"),
        (ingest.IN_CORPUS, "panama-recognizes-gonzalez-as-venezuela-s-president-elect"),  # redirected to article 1: same address
        (ingest.ADDED, "venezuela-s-opposition-published-tally-sheets-from-83-of-polling-stations"),
        (ingest.REFUSED, ""),
        (ingest.REFUSED, ""),
    ]
    assert outcomes[1].reason == "duplicate of article 'panama-recognizes-gonzalez-as-venezuela-s-president-elect' (same address)"
    assert "Content-Type 'image/png'" in outcomes[3].reason and "not an http(s) address" in outcomes[4].reason
    build.build(paths.corpus_folders())
    row = articles().loc[outcomes[0].article_id]
    assert (row["url"], row["outlet"], str(row["published"])[:10], row["feed"]) == (site.url("/article/1"), "Test Wire", "2024-08-02", "")
    assert row["fetched_at"].endswith("Z") and row["metadata_source"] == "front_matter"
    assert row["text"].startswith("PANAMA CITY - Panama recognized") and "Copyright" not in row["text"]


def test_an_address_already_in_the_corpus_is_not_fetched_again(site):
    assert ingest.add_urls([site.url("/article/2")])[0].status == ingest.ADDED
    site.requests.clear()
    again = ingest.add_urls([site.url("/article/2#comments"), "HTTP://127.0.0.1:" + site.host.split(":")[1] + "/article/2", site.url("/gzip-article")])
    assert [o.status for o in again] == [ingest.IN_CORPUS, ingest.REFUSED, ingest.IN_CORPUS]
    assert "earlier in this list" in again[1].reason
    assert again[2].reason.endswith("(same text)")  # the same page, gzipped at another address
    assert site.requests == ["/gzip-article"]


def test_the_number_of_addresses_at_once_is_bounded(site, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ADDRESSES", 2)
    outcomes = ingest.add_urls([site.url(f"/missing?{i}") for i in range(4)])
    assert [o.reason for o in outcomes[2:]] == ["more than 2 addresses at once: add the rest in another batch"] * 2
    assert len(site.requests) == 2


# ---------------------------------------------------------------- feeds


def read_feed(site, *urls):
    return feeds.read_all([site.url(u) for u in urls], ["Venezuela"])


def test_a_feed_adds_its_new_entries_once_and_only_once(site, outside_connections):
    assert read_feed(site, "/feed.xml") == 0
    followed = feeds.load()
    assert [f["url"] for f in followed] == [site.url("/feed.xml")]
    added = followed[0]["last_added"]
    # Article 1 and 2 by their title, the Bogotá meeting by its text; not the repeated link, the syndicated copy, the football, the script or the intranet.
    assert sorted(added) == ["brazil-demands-venezuela-publish-the-voting-records", "panama-recognizes-gonzalez-as-venezuela-s-president-elect",
                             "regional-leaders-meet-in-bogota"]
    built = articles()
    assert set(added) <= set(built.index) and set(built.loc[added, "feed"]) == {site.url("/feed.xml")}
    assert outside_connections == []  # the intranet entry was refused before any connection
    fetched = len(site.requests)

    site.extra_entries.append("/article/3")
    assert read_feed(site, "/feed.xml") == 0
    second = feeds.load()[0]
    assert second["last_added"] == ["russia-congratulates-maduro-on-his-re-election-in-venezuela"]
    assert second["total_added"] == 4 and second["error"] == ""
    assert site.requests[fetched:] == ["/feed.xml", "/article/3"]  # entries dealt with are not fetched again

    assert read_feed(site, "/feed.xml") == 0
    assert feeds.load()[0]["last_added"] == [] and feeds.load()[0]["total_added"] == 4
    assert len(articles()) == len(list(SEEDS.glob("*.txt"))) + 4
    assert len(list(paths.upload_folder().iterdir())) == 4


def test_a_feed_build_keeps_the_dashboard_scores_and_survives_their_failure(site, monkeypatch, capsys):
    """Sources & method's scores are made for the build a feed publishes; if making them fails, the build stands and the
    follower goes on (the page scores on its visit)."""
    from lib import evaluate

    assert read_feed(site, "/feed.xml") == 0
    out = paths.data_folder()
    assert (out / evaluate.SCORES / f"reviewed-{store.current_build(out).name}.parquet").is_file()

    def broken(out):
        raise RuntimeError("no scores today")

    monkeypatch.setattr(evaluate, "kept_dashboard_scores", broken)
    before = store.current_build(out)
    assert read_feed(site, "/atom.xml") == 0
    assert store.current_build(out) != before and "scoring the extractor failed" in capsys.readouterr().out


def test_a_failing_feed_never_stops_the_others(site):
    assert read_feed(site, "/broken.xml", "/passwd.xml", "/html-as-feed", "/missing", "/atom.xml") == 1
    status = {f["url"].rsplit("/", 1)[1]: f for f in feeds.load()}
    assert status["broken.xml"]["error"].startswith("not an RSS or Atom feed (<unknown>:1:")  # where the XML breaks
    assert status["passwd.xml"]["error"].startswith("not an RSS or Atom feed")  # parsed as data, never opened as a file
    assert "Content-Type 'text/html'" in status["html-as-feed"]["error"]
    assert status["missing"]["error"] == "HTTP 404 Not Found"
    assert status["atom.xml"]["last_added"] == ["russia-congratulates-maduro-on-his-re-election-in-venezuela"] and not status["atom.xml"]["error"]
    assert all(f["last_read"] for f in status.values())


def test_following_and_unfollowing(site):
    assert feeds.follow(site.url("/feed.xml")) and not feeds.follow(site.url("/feed.xml#top"))
    with pytest.raises(ValueError, match="not an http"):
        feeds.follow("javascript:alert(1)")
    feeds.unfollow(site.url("/feed.xml"))
    assert feeds.load() == []
    assert not list(feeds.feeds_file().parent.glob(".feeds-*"))  # no temporary file left


def test_an_unreadable_feeds_file_is_reported_not_replaced(site):
    path = feeds.feeds_file()
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2")
    with pytest.raises(ValueError, match="cannot be read"):
        feeds.load()
    assert read_feed(site, "/atom.xml") == 1
    assert path.read_text() == "[1, 2" and site.requests == []


# ---------------------------------------------------------------- the command


def command(site, tmp_path, *args, **popen):
    env = {**os.environ, fetch.ALLOW_HOSTS: site.host, "VENEZUELA_ARTICLES": str(SEEDS), "VENEZUELA_DATA": str(tmp_path / "data"),
           "VENEZUELA_UPLOADS": str(tmp_path / "uploads")}
    cmd = [sys.executable, "-m", "lib.ingest", *args]
    if popen:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_command_reads_a_feed_once_and_only_once_across_runs(site, tmp_path):
    first = command(site, tmp_path, "--feed", site.url("/feed.xml"), "--match", "Venezuela, Maduro")
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"{site.url('/feed.xml')}: 3 added" in first.stdout and "built the tables" in first.stdout
    again = command(site, tmp_path)  # no --feed: every feed followed
    assert again.returncode == 0 and f"{site.url('/feed.xml')}: 0 added" in again.stdout and "built the tables" not in again.stdout
    saved = json.loads((tmp_path / "data" / feeds.FILE).read_text())["feeds"]
    assert saved[0]["total_added"] == 3 and len(list((tmp_path / "uploads").iterdir())) == 3


def test_watch_repeats_until_sigterm(site, tmp_path):
    proc = command(site, tmp_path, "--feed", site.url("/atom.xml"), "--watch", "0.01", popen=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(p == "/atom.xml" for p in site.requests) < 2:
            time.sleep(0.2)
        assert sum(p == "/atom.xml" for p in site.requests) >= 2
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and out.rstrip().endswith("stopped"), out
    assert out.count("1 added") == 1 and len(list((tmp_path / "uploads").iterdir())) == 1


@pytest.mark.parametrize("args, message", [(["--match", " , "], "--match needs at least one word"), (["--watch", "0"], "--watch needs a positive")])
def test_bad_options_are_refused(site, tmp_path, args, message):
    done = command(site, tmp_path, *args)
    assert done.returncode == 2 and message in done.stderr


def test_the_readme_names_the_allowed_hosts_variable():
    # Every option of the command is checked by tests/test_readme.py, with the other commands'.
    assert fetch.ALLOW_HOSTS in (ROOT / "README.md").read_text(encoding="utf-8")
