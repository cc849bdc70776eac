"""Extraction engines: local processes and Dask give the same tables, in corpus order, with progress as batches finish."""
import operator
import subprocess
import sys
import time

import pandas as pd
import pytest

from lib.paths import DEV_ARTICLES, ROOT, SEEDS
from lib import build, engines, schema, store


def needs_dask():
    return pytest.importorskip("distributed", reason="the dask engine is optional: pip install '.[dask]'")


def negate_slowly_at_first(number: int) -> int:
    """Module-level, so worker processes can import it; the first items finish last."""
    time.sleep(0.3 if number < 2 else 0)
    return -number


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seeds, dev articles and a file refused on reading."""
    extra = tmp_path_factory.mktemp("extra")
    (extra / "broken.txt").write_bytes(b"\xff\xfe\x00\x01")
    return [SEEDS, DEV_ARTICLES, extra]


@pytest.fixture(scope="module")
def scheduler():
    """Address of a two-worker Dask cluster standing in for a remote one."""
    needs_dask()
    with engines.local_cluster(2) as cluster:
        yield cluster.scheduler_address


def published(out) -> dict[str, tuple[pd.DataFrame, bytes]]:
    """Every table of the current build: its Parquet frame and its CSV bytes."""
    current = store.current_dir(out)
    return {name: (pd.read_parquet(current / f"{name}.parquet"), b"".join(p.read_bytes() for p in store.part_files(current, name, "csv")))
            for name in schema.TABLES}


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    report = build.build(corpus, out, workers=1, incremental=False)
    assert report["articles_read"] == 29 and "broken.txt" in {r["path"].rsplit("/", 1)[-1] for r in report["rejected"]}
    tables = published(out)
    assert all(len(df) for df, _ in tables.values())  # every table has rows to compare
    return tables


def assert_same_tables(found, expected):
    assert found.keys() == expected.keys()
    for name, (frame, csv) in expected.items():
        pd.testing.assert_frame_equal(found[name][0], frame, obj=name)
        assert found[name][1] == csv, name


@pytest.mark.parametrize("engine, workers, remote", [("local", 2, False), ("dask", 2, False), ("dask", 2, True)])
def test_every_engine_builds_the_same_tables(corpus, reference, request, tmp_path, engine, workers, remote):
    if engine == "dask":
        needs_dask()
    address = request.getfixturevalue("scheduler") if remote else None
    report = build.build(corpus, tmp_path, workers=workers, engine=engine, scheduler=address, incremental=False)
    assert report["engine"] == engine
    assert_same_tables(published(tmp_path), reference)


def test_the_command_line_builds_on_dask(corpus, reference, tmp_path):
    """Workers must find the extractor although it lives in ``__main__`` under ``python -m lib.build``."""
    needs_dask()
    command = [sys.executable, "-m", "lib.build", "--engine", "dask", "--workers", "2", "--out", str(tmp_path), "--articles", *map(str, corpus)]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    assert_same_tables(published(tmp_path), reference)


@pytest.mark.parametrize("engine, workers, remote", [("local", 1, False), ("local", 2, False), ("dask", 2, True)])
def test_results_keep_input_order_and_progress_counts_every_batch(request, engine, workers, remote):
    if engine == "dask":
        needs_dask()
    address = request.getfixturevalue("scheduler") if remote else None
    numbers, calls = list(range(23)), []
    found = engines.imap(
        negate_slowly_at_first, numbers, engine=engine, workers=workers, scheduler=address,
        batch_size=2, progress=lambda done, total: calls.append((done, total)),
    )
    assert list(found) == [-n for n in numbers]
    done = [d for d, _ in calls]
    assert len(calls) == 12 and {t for _, t in calls} == {23}
    assert done == sorted(done) and done[-1] == 23
    assert {b - a for a, b in zip([0, *done], done)} <= {1, 2}  # one call per finished batch


def test_a_missing_dask_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(engines.EngineUnavailable, match=r"pip install '\.\[dask\]'"):
        engines.imap(str, ["a"], engine="dask")
    assert list(engines.imap(str, [1, 2], workers=2)) == ["1", "2"]


def test_the_default_engine_never_imports_dask():
    code = "import sys, lib.build, lib.engines; print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_nothing_to_extract_starts_no_cluster(monkeypatch):
    monkeypatch.setattr(needs_dask(), "LocalCluster", None)  # calling it would raise
    assert list(engines.imap(str, [], engine="dask")) == []


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"workers": 0}, "at least 1"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs the dask engine"),
    ],
)
def test_bad_arguments_fail_before_any_work(arguments, message):
    with pytest.raises(ValueError, match=message):
        engines.imap(operator.neg, [1], **arguments)


@pytest.mark.parametrize(
    "n_items, workers, size",
    [(0, 1, engines.MIN_BATCH), (5, 2, engines.MIN_BATCH), (29, 2, engines.MIN_BATCH), (2_000, 2, 125), (100_000, 2, engines.MAX_BATCH), (100_000, 64, 196)],
)
def test_batches_give_each_worker_several_and_stay_small(n_items, workers, size):
    assert engines.default_batch_size(n_items, workers) == size
