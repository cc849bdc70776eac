"""Snapshots: the whole build of seeds/ compared with the committed tables in tests/snapshots/.

An intended change to the extractor shows up here as a failure: the new table
is written to tests/snapshots-new/ (never over the snapshot), so the diff can
be reviewed (``diff tests/snapshots/X.csv tests/snapshots-new/X.csv``) and
accepted by copying the file over the snapshot, as Streamlit's own snapshot
tests do. The test can therefore never compare a table with itself.
"""
import pandas as pd
import pytest

from lib import build, schema, store
from lib.paths import ROOT, SEEDS

SNAPSHOTS = ROOT / "tests" / "snapshots"
NEW_SNAPSHOTS = ROOT / "tests" / "snapshots-new"  # git-ignored
ARTICLE_COLUMNS = ["article_id", "title", "outlet", "url", "published", "metadata_source", "sha256", "n_chars"]  # no texts


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    build.build([SEEDS], out)
    return store.current_dir(out)


def built_csv(folder, name: str) -> pd.DataFrame:
    """A table of the build as its CSV parts say, one frame."""
    parts = [pd.read_csv(part, keep_default_na=False, dtype=str) for part in store.part_files(folder, name, "csv")]
    return pd.concat(parts, ignore_index=True)


def assert_matches_snapshot(built: pd.DataFrame, name: str) -> None:
    snapshot = pd.read_csv(SNAPSHOTS / f"{name}.csv", keep_default_na=False, dtype=str)
    try:
        pd.testing.assert_frame_equal(built, snapshot)
    except AssertionError as difference:
        NEW_SNAPSHOTS.mkdir(exist_ok=True)
        built.to_csv(NEW_SNAPSHOTS / f"{name}.csv", index=False)
        raise AssertionError(
            f"the seed build's {name} table differs from tests/snapshots/{name}.csv; the new table is in "
            f"tests/snapshots-new/{name}.csv: review the diff and copy it over the snapshot to accept it\n{difference}"
        ) from None


@pytest.mark.parametrize("name", [n for n in schema.TABLES if n != "articles"])
def test_seed_tables_match_the_snapshots(seed_build, name):
    assert_matches_snapshot(built_csv(seed_build, name), name)


def test_seed_articles_match_the_snapshot_metadata(seed_build):
    assert_matches_snapshot(built_csv(seed_build, "articles")[ARTICLE_COLUMNS], "articles")
