"""A new server's warm-up (app.cached.warm, run in a thread by dashboard.py's start-up hook): what every first page run
reads is read before any visitor comes, and a server with no build yet warms without failing."""
from app import cached
from lib import build, paths, store


def fresh_looks(monkeypatch) -> cached._FileLooks:
    looks = cached._FileLooks()
    monkeypatch.setattr(cached, "_FILE_LOOKS", looks)
    return looks


def test_warming_takes_the_first_look_and_reads_the_report_and_the_sidebar_options(seeds, monkeypatch):
    build.build(paths.corpus_folders(), seeds)
    looks = fresh_looks(monkeypatch)
    cached.warm()
    assert list(looks._looks) == [(tuple(map(str, paths.corpus_folders())), str(seeds))]
    assert looks.reason(*next(iter(looks._looks))) is None  # the tables are current

    def read_again(*args, **kwargs):
        raise AssertionError("read again on the first page run")

    monkeypatch.setattr(store, "load_report", read_again)
    monkeypatch.setattr(cached.summaries, "read", read_again)
    folder = str(store.current_build(seeds))
    assert cached._report(folder)["articles_read"] == 5
    assert cached._filter_options(folder)["n_articles"] == 5


def test_a_server_with_no_build_warms_without_failing(empty, monkeypatch):
    looks = fresh_looks(monkeypatch)
    cached.warm()
    [(_, found)] = looks._looks.values()
    assert found == store.stale_reason(paths.corpus_folders(), empty, load=None) and found  # the first visit builds
