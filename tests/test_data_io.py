"""Loading a build for the dashboard: one build at a time, damage detected and rebuilt."""
import pytest

from lib import build, data_io

from conftest import SEEDS


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(SEEDS))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


def test_missing_build_is_built_then_reused(env):
    with pytest.raises(data_io.DataError):
        data_io.current_build(env)
    assert data_io.ensure_built()["articles_read"] == 5
    assert data_io.ensure_built() is None  # up to date: nothing rebuilt
    tables = data_io.load_tables(data_io.current_build(env))
    assert len(tables["articles"]) == 5


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_a_damaged_table_is_detected_and_rebuilt(env, damage):
    data_io.ensure_built()
    victim = data_io.current_build(env) / "quotes.parquet"
    if damage == "delete":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes()[:100])
    with pytest.raises(data_io.DataError, match="quotes.parquet"):
        data_io.load_tables(data_io.current_build(env))
    assert data_io.ensure_built() is not None
    assert len(data_io.load_tables(data_io.current_build(env))["articles"]) == 5


def test_corpus_folders_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VENEZUELA_ARTICLES", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert data_io.corpus_folders() == [tmp_path / "a", tmp_path / "b"]
    monkeypatch.delenv("VENEZUELA_ARTICLES")
    assert data_io.corpus_folders() == [build.ROOT / "seeds"]


def test_the_upload_folder_joins_the_corpus_once_it_exists(monkeypatch, tmp_path, private_upload_folder):
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(tmp_path / "a"))
    assert data_io.corpus_folders() == [tmp_path / "a"]
    private_upload_folder.mkdir()
    assert data_io.corpus_folders() == [tmp_path / "a", private_upload_folder]
    monkeypatch.setenv("VENEZUELA_UPLOADS", str(tmp_path / "a"))  # uploads saved into the corpus folder itself
    assert data_io.corpus_folders() == [tmp_path / "a"]


def test_fact_tables_get_their_article_metadata(env):
    data_io.ensure_built()
    tables = data_io.load_tables(data_io.current_build(env))
    joined = data_io.with_article_meta(tables["quotes"], tables["articles"])
    assert set(data_io.ARTICLE_META) <= set(joined.columns)
    assert joined["published"].ne("").all()
