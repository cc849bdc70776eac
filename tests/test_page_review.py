"""The Review page through AppTest: a reviewed row shows on the map and in the CSV, two reviewers never overwrite each other,
read-only mode has no write path, and a visitor of a shared app cannot upload or review without logging in."""
import io
import zipfile

import pandas as pd
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from lib import review
from lib.paths import ROOT
from app import auth, components, style
from apptest import app, built_tables, figure, file_id, map_locations, open_page, open_tab


def review_page(row_id=None):
    at = app()
    if row_id:
        at.query_params["row"] = row_id
    at.run()
    return open_page(at, "app_pages/review.py")


def country_row(data_dir):
    app().run()  # builds the seeds' tables
    positions = built_tables(data_dir)["positions"]
    # A country only one article gives a stance for: the map shows exactly that row's stance (others keep the
    # strongest stance of their side across articles, which one corrected row need not change).
    alone = positions["actor_code"].map(positions["actor_code"].value_counts()) == 1
    return positions[(positions["actor_type"] == "country") & (positions["stance"] != "recognizes_gonzalez") & alone].iloc[0]


def decide(at, row_id, action, reason="", **fields):
    at.radio(key=f"decision_{row_id}").set_value(action)
    for field, value in fields.items():
        at.selectbox(key=f"edit_{row_id}_{field}").set_value(value)
    at.text_input(key=f"reason_{row_id}").input(reason)
    return next(b for b in at.button if b.label == "Record").click().run()


def test_a_reviewed_row_shows_on_the_map_and_in_the_csv(seeds, downloads):
    row = country_row(seeds)
    at = review_page(row["row_id"])
    assert any("status **unreviewed**" in m.value for m in at.markdown)
    at = decide(at, row["row_id"], "edit", "the sentence recognises González", stance="recognizes_gonzalez")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Recorded: edit" in s.value for s in at.success)
    history = review.corrections(review.database_url(seeds), row["row_id"])
    assert list(history["reviewer"]) == [auth.LOCAL_REVIEWER] and history.iloc[0]["reason"] == "the sentence recognises González"
    at = open_tab(open_page(at, "app_pages/world_map.py"), "view", "Table")
    assert (row["actor_code"], style.stance_label("recognizes_gonzalez")) in map_locations(figure(at, "stance_map"))
    csv = next(downloads[file_id(b)] for b in at.download_button if b.proto.id.endswith("download_positions"))
    rows = pd.read_csv(io.BytesIO(csv)).set_index("row_id")
    assert rows.loc[row["row_id"], "review_status"] == "corrected" and "confidence" in rows.columns
    # extracted-only data: the extractor's stance again, and the page says which data it shows
    at.toggle(key="reviewed").set_value(False).run()
    assert (row["actor_code"], style.stance_label(row["stance"])) in map_locations(figure(at, "stance_map"))
    assert any("extracted-only" in c.value for c in at.caption)
    # the bundle carries the audit log and says what reviewed means
    at.toggle(key="reviewed").set_value(True).run()
    bundle = next(downloads[file_id(b)] for b in open_page(at, "app_pages/sources.py").download_button if "zip" in b.proto.label)
    archive = zipfile.ZipFile(io.BytesIO(bundle))
    assert pd.read_csv(io.BytesIO(archive.read("corrections.csv")))["row_id"].tolist() == [row["row_id"]]
    assert "REVIEWED DATA" in archive.read("README.txt").decode()


def test_two_reviewers_on_one_row_never_overwrite_each_other(seeds):
    row = country_row(seeds)
    first, second = review_page(row["row_id"]), review_page(row["row_id"])
    decide(first, row["row_id"], "reject", "not a position")
    second = decide(second, row["row_id"], "confirm", "looks right")
    assert any("another reviewer changed this row" in e.value for e in second.error)
    assert list(review.corrections(review.database_url(seeds), row["row_id"])["status"]) == ["rejected"]
    assert any("status **rejected**" in m.value for m in second.markdown)  # the second reviewer now sees the first's decision


def test_read_only_mode_has_no_write_path(seeds, monkeypatch):
    monkeypatch.setenv(auth.READONLY_ENV, "1")
    assert not {script for script, *_ in components.pages()} & set(components.WRITE_PAGES)
    assert app().run().session_state  # the router runs without them
    for page in components.WRITE_PAGES:  # even run directly, a write page offers nothing to write with
        at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
        assert not at.exception
        assert any("read-only" in i.value for i in at.info)
        assert not at.get("file_uploader") and not [b for b in at.button if b.label in ("Record", "Add this fact", "Add articles")]


@pytest.fixture
def shared(seeds):
    config.set_option("server.address", "0.0.0.0")  # a server others reach; AppTest's visitor is no loopback address
    at = app()
    at.secrets["reviewers"] = {"ana": auth.hash_password("correct horse")}
    return at


@pytest.mark.parametrize("page", ["app_pages/review.py", "app_pages/add_articles.py"])
def test_a_visitor_of_a_shared_app_cannot_review_or_upload_without_logging_in(shared, page):
    at = open_page(shared.run(), page)
    assert not at.get("file_uploader") and not [b for b in at.button if b.label in ("Record", "Add this fact", "Add articles")]
    at.text_input[0].input("ana")
    at.text_input[1].input("wrong")
    at = next(b for b in at.button if b.label == "Log in").click().run()
    assert any("wrong password" in e.value for e in at.error) and not at.get("file_uploader")
    at.text_input[1].input("correct horse")
    at = next(b for b in at.button if b.label == "Log in").click().run()
    assert any("Signed in as ana" in c.value for c in at.caption)
    assert at.get("file_uploader") if page.endswith("add_articles.py") else [b for b in at.button if b.label == "Record" or b.label == "Add this fact"]


def test_password_hashes_are_salted_and_checked():
    one, two = auth.hash_password("pw"), auth.hash_password("pw")
    assert one != two and auth.check_password("pw", one) and auth.check_password("pw", two)
    assert not auth.check_password("pW", one) and not auth.check_password("pw", "plain-text") and not auth.check_password("pw", "scrypt$zz$zz")


def test_every_table_row_links_to_its_review_unless_read_only(seeds, monkeypatch):
    at = open_tab(open_page(app().run(), "app_pages/world_map.py"), "view", "Table")
    evidence = next(d.value for d in at.dataframe if "review" in d.value.columns and "cue" in d.value.columns)
    assert evidence["review"].str.fullmatch(r"review\?row=positions-[0-9a-f]+").all()
    monkeypatch.setenv(auth.READONLY_ENV, "1")
    at = open_tab(open_page(app().run(), "app_pages/world_map.py"), "view", "Table")
    assert not any("review" in d.value.columns for d in at.dataframe)
