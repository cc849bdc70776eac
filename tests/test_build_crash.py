"""Crash-proof builds: a build killed at any moment, or several started at once, never leaves a broken or mixed build.

Builds run as real ``python -m lib.build`` processes and are killed with
SIGKILL (no clean-up code runs), at moments spread over the whole build,
publication included; after every kill the current build must load and
validate and be either the old build or a complete new one.
"""
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from lib.paths import DEV_ARTICLES, ROOT, SEEDS
from lib import build, store
from tools.benchmark import synthesize_corpus


def start_build(articles, out) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lib.build", "--articles", *map(str, articles), "--out", str(out), "--full"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def articles_in_current(out) -> int:
    """Load and validate the current build, as the dashboard does; its article count."""
    return len(store.load_tables(store.current_build(out))["articles"])


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    synthesize_corpus(folder, 300)
    return folder


def test_a_build_killed_at_any_moment_leaves_the_previous_tables_readable(big_corpus, tmp_path):
    out = tmp_path / "data"
    build.build([SEEDS], out)
    started = time.perf_counter()
    assert start_build([big_corpus], tmp_path / "timing").wait() == 0
    duration = time.perf_counter() - started
    outcomes = set()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96, 0.99):
        process = start_build([big_corpus], out)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.add(articles_in_current(out))  # raises DataError on a broken build
    assert outcomes <= {5, 300}
    assert start_build([SEEDS], out).wait() == 0  # the next build clears what the killed ones left
    assert articles_in_current(out) == 5
    assert not list(out.glob(".staging-*")) and len(list(out.glob("build-*"))) <= store.KEEP_BUILDS + 1


def test_builds_started_at_once_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "data"
    build.build([SEEDS], out)
    seen, errors, stop = [], [], threading.Event()

    def read_while_building():
        while not stop.is_set():
            try:
                seen.append(articles_in_current(out))
            except Exception as exc:  # a thread's exception would otherwise be lost
                errors.append(exc)

    reader = threading.Thread(target=read_while_building)
    reader.start()
    try:
        processes = [start_build(corpus, out) for corpus in ([SEEDS], [SEEDS, DEV_ARTICLES], [DEV_ARTICLES], [SEEDS, DEV_ARTICLES])]
        codes = [p.wait(timeout=300) for p in processes]
    finally:
        stop.set()
        reader.join()
    assert codes == [0, 0, 0, 0], [p.stderr.read().decode() for p in processes]
    assert errors == [] and seen and set(seen) <= {5, 24, 29}
    report = store.read_report(out)  # the builds ran in lock order: whichever came last is current, whole
    expected = {(str(SEEDS),): 5, (str(DEV_ARTICLES),): 24, (str(SEEDS), str(DEV_ARTICLES)): 29}[tuple(report["articles_folders"])]
    assert articles_in_current(out) == report["articles_read"] == expected
    assert not list(out.glob(".staging-*"))


def test_a_build_that_waited_for_the_lock_does_nothing_when_the_tables_became_up_to_date(tmp_path):
    corpus = tmp_path / "articles"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "data"
    build.build([corpus], out)
    published = store.current_dir(out).resolve()
    (corpus / "new.txt").write_text("Panama rejected the result.", encoding="utf-8")
    with store.build_lock(out):
        waiting = subprocess.Popen([sys.executable, "-m", "lib.build", "--articles", str(corpus), "--out", str(out), "--if-stale"], cwd=ROOT)
        time.sleep(1.0)
        assert waiting.poll() is None  # stale when it looked, so it waits for the lock
        (corpus / "new.txt").unlink()  # meanwhile the corpus is back to what the current build was made from
    assert waiting.wait(timeout=60) == 0
    assert store.current_dir(out).resolve() == published
