"""The Add articles page through AppTest: web addresses fetched from a local server, feeds followed and unfollowed.

Every connection outside this machine is refused by the autouse guard.
"""
import io

import pandas as pd
import pytest

from lib import feeds, fetch, ingest
from apptest import app, built_tables, check_downloads, file_id, open_page
from webserver import serve

PAGE = "app_pages/add_articles.py"


pytestmark = pytest.mark.usefixtures("outside_connections")


@pytest.fixture
def site(monkeypatch):
    with serve() as server:
        monkeypatch.setenv(fetch.ALLOW_HOSTS, server.host)
        yield server


def click(at, label):
    next(b for b in at.button if b.proto.label == label).click().run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_addresses_given_on_the_page_are_fetched_added_and_built(seeds, downloads, site):
    at = open_page(app().run(), PAGE)
    before = built_tables(seeds)["articles"]
    at.text_area(key="urls").input("\n".join([site.url("/article/1"), "  ", site.url("/image.png"), site.url("/redirect/1")]))
    click(at, "Add articles")
    assert any("Added 1 article(s): panama-recognizes-gonzalez-as-venezuela-s-president-elect" in s.value for s in at.success)
    assert any("Refused 2 of 3" in w.value for w in at.warning)
    button = next(b for b in at.download_button if b.proto.id.endswith("download_added_articles"))
    check_downloads(at, downloads)
    rows = pd.read_csv(io.BytesIO(downloads[file_id(button)]), keep_default_na=False)
    assert rows[["file", "result"]].values.tolist() == [
        [site.url("/article/1"), ingest.ADDED], [site.url("/image.png"), ingest.REFUSED], [site.url("/redirect/1"), ingest.IN_CORPUS]]
    tables = built_tables(seeds)
    assert len(tables["articles"]) == len(before) + 1
    row = tables["articles"].set_index("article_id").loc["panama-recognizes-gonzalez-as-venezuela-s-president-elect"]
    assert row["url"] == site.url("/article/1") and row["fetched_at"]
    assert ("PAN", "recognizes_gonzalez") in set(zip(tables["positions"]["actor_code"], tables["positions"]["stance"]))


def test_feeds_are_followed_and_unfollowed_from_the_page(seeds, site):
    at = open_page(app().run(), PAGE)
    at.text_input(key="feed_url").input(site.url("/feed.xml"))
    click(at, "Follow")
    assert any("Following it now" in s.value for s in at.success)
    assert [f["url"] for f in feeds.load()] == [site.url("/feed.xml")]
    assert site.url("/feed.xml") in at.dataframe[0].value["feed"].tolist()
    at.text_input(key="feed_url").input("javascript:alert(1)")
    click(at, "Follow")
    assert any("not an http(s) address" in w.value for w in at.warning)
    at.text_input(key="feed_url").input(site.url("/feed.xml"))
    click(at, "Unfollow")
    assert any("Unfollowed" in s.value for s in at.success) and feeds.load() == []
    assert site.requests == []  # following reads nothing: the command does
