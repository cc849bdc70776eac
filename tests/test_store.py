"""lib.store: one build at a time, damage detected and rebuilt; the configured folders (lib.paths)."""
import pytest

from lib import build, paths, store, summaries
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
