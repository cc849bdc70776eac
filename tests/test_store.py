"""lib.store: one build at a time, damage detected and rebuilt; the configured folders (lib.paths)."""
import json

import pandas as pd
import pytest

from lib import build, paths, schema, store, summaries
from lib.paths import SEEDS


def build_if_stale():
    return build.build(paths.corpus_folders(), paths.data_folder(), only_if_stale=True)


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(SEEDS))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


def test_missing_build_is_built_then_reused(env):
    with pytest.raises(store.DataError):
        store.current_build(env)
    assert build_if_stale()["articles_read"] == 5
    assert build_if_stale() is None  # up to date: nothing rebuilt
    tables = store.load_tables(store.current_build(env))
    assert len(tables["articles"]) == 5


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_a_damaged_table_is_detected_and_rebuilt(env, damage):
    build_if_stale()
    victim = store.part_files(store.current_build(env), "quotes")[0]
    if damage == "delete":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes()[:100])
    with pytest.raises(store.DataError, match="quotes.parquet"):
        store.load_tables(store.current_build(env))
    assert "damaged" in store.stale_reason(paths.corpus_folders(), env)
    assert build_if_stale() is not None
    assert len(store.load_tables(store.current_build(env))["articles"]) == 5


def test_corpus_folders_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VENEZUELA_ARTICLES", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert paths.corpus_folders() == [tmp_path / "a", tmp_path / "b"]
    monkeypatch.delenv("VENEZUELA_ARTICLES")
    assert paths.corpus_folders() == [paths.ROOT / "seeds"]


def test_the_upload_folder_joins_the_corpus_once_it_exists(monkeypatch, tmp_path, private_upload_folder):
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(tmp_path / "a"))
    assert paths.corpus_folders() == [tmp_path / "a"]
    private_upload_folder.mkdir()
    assert paths.corpus_folders() == [tmp_path / "a", private_upload_folder]
    monkeypatch.setenv("VENEZUELA_UPLOADS", str(tmp_path / "a"))  # uploads saved into the corpus folder itself
    assert paths.corpus_folders() == [tmp_path / "a"]


def test_fact_tables_get_their_article_metadata(env):
    build_if_stale()
    tables = store.load_tables(store.current_build(env))
    joined = summaries.with_article_meta(tables["quotes"], tables["articles"])
    assert set(summaries.ARTICLE_META) <= set(joined.columns)
    assert joined["published"].ne("").all()


def test_a_build_records_that_it_validated_its_tables_and_they_read_back_the_same_unchecked(env):
    build_if_stale()
    folder = store.current_build(env)
    assert store.validated(folder) and store.validated(folder / store.EXTRACTED)
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(store.load_table(folder, name, validate=False), store.load_table(folder, name))
    report = store.load_report(folder)
    (folder / store.REPORT).write_text(json.dumps({**report, store.VALIDATED: "other declarations"}), encoding="utf-8")
    assert not store.validated(folder)  # validated against other declarations: a reader validates it again
    (folder / store.REPORT).unlink()
    assert not store.validated(folder)  # no report: not a published build


def test_the_rows_of_one_article_are_read_without_the_whole_table(env):
    build_if_stale()
    folder = store.current_build(env)
    quotes = store.load_table(folder, "quotes")
    one = quotes["article_id"].iloc[0]
    got = store.read_rows(folder, "quotes", ("article_id", "start", "speaker"), [one])
    expected = quotes.loc[quotes["article_id"] == one, ["article_id", "start", "speaker"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    assert store.read_rows(folder, "quotes", ("article_id",), ["no such article"]).empty
