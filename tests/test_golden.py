"""Golden tables: the whole build of seeds/ compared with the committed tables in tests/snapshots/.

An intended change to the extractor shows up here as a diff to review; accept
it by regenerating the golden files with ``UPDATE_GOLDEN=1 make test``.
"""
import os

import pandas as pd
import pytest

from lib import build, schema, store

from lib.paths import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "snapshots"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    build.build([SEEDS], out)
    return store.current_dir(out)


@pytest.mark.parametrize("name", [n for n in schema.TABLES if n != "articles"])
def test_seed_tables_match_the_golden_files(seed_build, name):
    built = pd.read_csv(seed_build / f"{name}.csv", keep_default_na=False, dtype=str)
    golden_file = GOLDEN / f"{name}.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        built.to_csv(golden_file, index=False)
    golden = pd.read_csv(golden_file, keep_default_na=False, dtype=str)
    pd.testing.assert_frame_equal(built, golden)


def test_seed_articles_match_the_golden_metadata(seed_build):
    columns = ["article_id", "title", "outlet", "url", "published", "metadata_source", "sha256", "n_chars"]
    built = pd.read_csv(seed_build / "articles.csv", keep_default_na=False, dtype=str)[columns]
    golden_file = GOLDEN / "articles.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        built.to_csv(golden_file, index=False)
    pd.testing.assert_frame_equal(built, pd.read_csv(golden_file, keep_default_na=False, dtype=str))
