"""Reviewers' corrections (lib/review.py): the store on SQLite and PostgreSQL, versions, concurrency, crashes, and builds applying them.

The store's tests run on SQLite always and on PostgreSQL when
``VENEZUELA_TEST_DATABASE_URL`` names one (``.ci/run`` starts a throwaway
cluster and sets it); without it they are skipped with that reason.
"""
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest
import sqlalchemy as sa

from lib import build, evaluate, review, schema, store
from lib.paths import DEV_ARTICLES, ROOT, SEEDS

TEST_DATABASE_ENV = "VENEZUELA_TEST_DATABASE_URL"


def fresh_store(url: str) -> str:
    """``url`` with an empty corrections table."""
    engine = sa.create_engine(url)
    review.metadata.drop_all(engine)
    engine.dispose()
    review._ENGINES.pop(url, None)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.sqlite'}"
    if not os.environ.get(TEST_DATABASE_ENV):
        pytest.skip(f"no PostgreSQL to test on: set {TEST_DATABASE_ENV} (.ci/run starts one)")
    return fresh_store(os.environ[TEST_DATABASE_ENV])


def target(row_id="positions-0000000000000001", **values):
    return review.Target("positions", row_id, "a1", "f" * 64, 0, 10, {"stance": "rejects_result", **values})


def test_a_row_is_edited_confirmed_and_undone_as_an_audit_log(url):
    t = target()
    review.record(url, t, "edit", reviewer="ana", reason="the article says recognises", seen_version=0, new={"stance": "recognizes_gonzalez"})
    review.record(url, t._replace(values={"stance": "recognizes_gonzalez"}), "confirm", reviewer="ben", seen_version=1)
    history = review.corrections(url, t.row_id)
    assert list(history["version"]) == [1, 2] and list(history["reviewer"]) == ["ana", "ben"]
    assert history.iloc[0]["changes"] == {"stance": ["rejects_result", "recognizes_gonzalez"]}
    assert history.iloc[0]["article_sha256"] == "f" * 64 and history.iloc[0]["reason"] == "the article says recognises"
    assert review.fold(history) == {"status": "confirmed", "values": {"stance": "recognizes_gonzalez"}, "version": 2}
    review.record(url, t, "undo", reviewer="ben", seen_version=2)  # the confirmation undone
    review.record(url, t, "undo", reviewer="ben", seen_version=3)  # undoing the undo confirms again
    history = review.corrections(url, t.row_id)
    assert len(history) == 4  # nothing deleted
    assert review.fold(history.iloc[:3])["status"] == "corrected"
    assert review.fold(history)["status"] == "confirmed"
    assert review.latest_id(url) == int(history["id"].max())


def test_bad_corrections_are_refused(url):
    with pytest.raises(ValueError, match="not one of"):
        review.record(url, target(), "edit", reviewer="ana", seen_version=0, new={"stance": "loves_maduro"})
    with pytest.raises(ValueError, match="cannot be changed"):
        review.record(url, target(), "edit", reviewer="ana", seen_version=0, new={"actor_code": "FRA"})
    with pytest.raises(ValueError, match="reviewer"):
        review.record(url, target(), "confirm", reviewer=" ", seen_version=0)
    with pytest.raises(ValueError, match="nothing to undo"):
        review.record(url, target(), "undo", reviewer="ana", seen_version=0)
    assert review.latest_id(url) == 0


@pytest.mark.parametrize("path", ["/tmp/data/review.sqlite", "data/review.sqlite", "/tmp/a b/x+y.sqlite", "/tmp/ñ/a#b?mode=ro",
                                  "/tmp/a%20b/review.sqlite", "/tmp/a:b/review.sqlite"])
def test_a_store_url_reads_as_sqlalchemy_reads_it(path, tmp_path):
    """The plain SQLite URLs read without SQLAlchemy (shown, looked for) give what SQLAlchemy gives; the others go through it."""
    url = f"sqlite:///{path}"
    assert review.shown_url(url) == sa.engine.make_url(url).render_as_string(hide_password=True)
    assert review._no_store(url) == (not os.path.exists(sa.engine.make_url(url).database))
    made = tmp_path / "made.sqlite"
    made.touch()
    assert not review._no_store(f"sqlite:///{made}")


def test_a_build_without_a_store_never_imports_sqlalchemy(tmp_path):
    """Importing SQLAlchemy was the largest import of a ten-article rebuild: it waits for a store to exist."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from lib import build
        build.build([Path({str(SEEDS)!r})], Path({str(tmp_path / "data")!r}))
        assert "sqlalchemy" not in sys.modules, "imported"
    """)
    env = {**{k: v for k, v in os.environ.items() if k != review.DATABASE_ENV}, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)
    assert store.read_report(tmp_path / "data")["corrections"]["database"] == f"sqlite:///{tmp_path / 'data' / 'review.sqlite'}"


def test_a_stale_version_is_refused_and_shows_the_first_reviewers_change(url):
    t = target()
    review.record(url, t, "edit", reviewer="ana", seen_version=0, new={"stance": "demands_transparency"})
    with pytest.raises(review.StaleVersion) as refused:
        review.record(url, t, "reject", reviewer="ben", seen_version=0)
    assert list(refused.value.history["reviewer"]) == ["ana"]
    assert review.fold(refused.value.history)["values"] == {"stance": "demands_transparency"}
    assert len(review.corrections(url)) == 1


def test_concurrent_reviewers_on_one_row_lose_nothing(url):
    """Eight reviewers, each making five corrections to the same row, reading its version and retrying when refused."""
    t, per_reviewer, made = target(), 5, []

    def reviewer(name):
        for i in range(per_reviewer):
            while True:
                seen = len(review.corrections(url, t.row_id))
                try:
                    made.append(review.record(url, t, "confirm", reviewer=name, reason=str(i), seen_version=seen)["id"])
                    break
                except review.StaleVersion:
                    continue

    threads = [threading.Thread(target=reviewer, args=(f"r{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    history = review.corrections(url, t.row_id)
    assert sorted(history["id"]) == sorted(made) and len(made) == 8 * per_reviewer
    assert list(history["version"]) == list(range(1, 8 * per_reviewer + 1))  # every version once: no update lost or doubled


WRITER = """
import sys
from lib import review
url = sys.argv[1]
for n in range(100000):
    t = review.Target("positions", f"positions-{n:016d}", "a1", "f" * 64, 0, 10, {"stance": "rejects_result"})
    done = review.record(url, t, "confirm", reviewer="writer", seen_version=0)
    print(done["id"], flush=True)  # printed only once committed
"""


def test_kill_9_during_writes_loses_no_committed_correction(url):
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER), url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 30 and time.monotonic() < deadline:
        committed.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)  # mid-way through the next write
    writer.wait()
    committed += [int(line) for line in writer.stdout.read().split()]
    assert len(committed) >= 30
    review._ENGINES.pop(url, None)  # a fresh connection, as the next process would have
    stored = set(review.corrections(url)["id"])
    assert set(committed) <= stored
    assert len(stored) - len(committed) <= 1  # at most the write that was committed as the process died, before it printed


# ---------------------------------------------------------------- builds apply the corrections


def position_target(out, article_id=None) -> tuple[review.Target, pd.Series]:
    tables = store.load_tables(store.current_build(out))
    positions, articles = tables["positions"], tables["articles"].set_index("article_id")
    row = positions[positions["article_id"] == article_id].iloc[0] if article_id else positions.iloc[0]
    return review.Target("positions", row["row_id"], row["article_id"], articles.loc[row["article_id"], "sha256"], int(row["start"]), int(row["end"]),
                         {f: row[f] for f in review.editable("positions")}), row


def other_stance(stance: str) -> str:
    return "demands_transparency" if stance != "demands_transparency" else "rejects_result"


def reviewed_and_extracted(out, row_id):
    folder = store.current_build(out)
    reviewed = store.load_tables(folder)["positions"].set_index("row_id")
    extracted = store.load_tables(folder / store.EXTRACTED)["positions"].set_index("row_id")
    return reviewed.loc[row_id] if row_id in reviewed.index else None, extracted.loc[row_id]


def test_row_ids_are_unique_and_stable_across_builds(tmp_path):
    build.build([SEEDS, DEV_ARTICLES], tmp_path / "a", incremental=False)
    build.build([SEEDS, DEV_ARTICLES], tmp_path / "b", incremental=False)
    for name in review.ROW_KEY:
        a = store.load_tables(store.current_build(tmp_path / "a"))[name]["row_id"]
        b = store.load_tables(store.current_build(tmp_path / "b"))[name]["row_id"]
        assert a.is_unique and (a != "").all() and list(a) == list(b), name


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_correction_survives_rebuilds_full_rebuilds_and_the_dask_engine(tmp_path, monkeypatch, database):
    if database == "postgresql":
        if not os.environ.get(TEST_DATABASE_ENV):
            pytest.skip(f"no PostgreSQL to test on: set {TEST_DATABASE_ENV} (.ci/run starts one)")
        monkeypatch.setenv(review.DATABASE_ENV, fresh_store(os.environ[TEST_DATABASE_ENV]))
    out, corpus = tmp_path / "data", [SEEDS]
    build.build(corpus, out)
    t, row = position_target(out)
    new = other_stance(row["stance"])
    review.record(review.database_url(out), t, "edit", reviewer="ana", reason="test", seen_version=0, new={"stance": new})
    assert store.stale_reason(corpus, out) == "reviewers made corrections since the last build"
    runs = [dict(), dict(incremental=False), dict(incremental=False, engine="dask", workers=2)]
    if database == "postgresql":
        runs = runs[:2]  # the engines are the sqlite run's business; here, the store
    for run in runs:
        if run.get("engine") == "dask":
            pytest.importorskip("distributed")
        report = build.build(corpus, out, **run)
        reviewed, extracted = reviewed_and_extracted(out, t.row_id)
        assert (reviewed["stance"], reviewed["review_status"]) == (new, "corrected"), run
        assert (extracted["stance"], extracted["review_status"]) == (row["stance"], "corrected"), run
        assert report["corrections"]["rows_applied"] == 1 and not report["corrections"]["orphaned"]
        assert store.stale_reason(corpus, out) is None
    csv = pd.concat([pd.read_csv(p) for p in store.part_files(store.current_build(out), "positions", "csv")]).set_index("row_id")
    assert csv.loc[t.row_id, "stance"] == new and csv.loc[t.row_id, "review_status"] == "corrected"


def test_rejected_rows_leave_the_reviewed_tables_and_added_ones_join_them(tmp_path):
    out = tmp_path / "data"
    build.build([SEEDS], out)
    t, row = position_target(out)
    url = review.database_url(out)
    review.record(url, t, "reject", reviewer="ana", reason="not a position", seen_version=0)
    articles = store.load_tables(store.current_build(out))["articles"].set_index("article_id")
    article = {"article_id": row["article_id"], **articles.loc[row["article_id"]][["sha256", "text"]].to_dict()}
    added = review.add_fact(url, "crackdown", article, int(row["start"]), int(row["end"]),
                            {"kind": "detained", "value": 7.0, "mention": "seven", "claimed_by": "article"}, reviewer="ana", reason="missed")
    build.build([SEEDS], out)
    reviewed, extracted = reviewed_and_extracted(out, t.row_id)
    assert reviewed is None and extracted["review_status"] == "rejected"
    crackdown = store.load_tables(store.current_build(out))["crackdown"].set_index("row_id")
    assert crackdown.loc[added["row_id"], "review_status"] == "added" and crackdown.loc[added["row_id"], "evidence"] == row["evidence"]
    assert added["row_id"] not in set(store.load_tables(store.current_build(out) / store.EXTRACTED)["crackdown"]["row_id"])
    # Scored from the reviewers' decisions: the rejected position, and the added figure the extractor missed.
    scores = evaluate.build_reviewed_scores(store.current_build(out)).set_index(["table", "band"])
    assert scores.loc[("positions", "all"), ["reviewed", "rejected", "precision"]].tolist() == [1, 1, 0.0]
    assert pd.isna(scores.loc[("positions", "all"), "recall"])  # reviewers know of no position here: no recall (it divided by zero)
    assert scores.loc[("crackdown", "all"), ["reviewed", "added"]].tolist() == [0, 1]


def test_a_correction_gone_from_the_store_leaves_no_status_behind(tmp_path, monkeypatch):
    # Tables are the articles, the code and the corrections recorded: a build with another (empty) store reuses the rows
    # of unchanged articles, but not their review statuses, and gives what a full build with that store gives.
    out = tmp_path / "data"
    build.build([SEEDS], out)
    t, _ = position_target(out)
    review.record(review.database_url(out), t, "reject", reviewer="ana", reason="not a position", seen_version=0)
    assert build.build([SEEDS], out)["corrections"]["rows_applied"] == 1
    monkeypatch.setenv(review.DATABASE_ENV, f"sqlite:///{tmp_path / 'another.sqlite'}")
    report = build.build([SEEDS], out)
    assert report["corrections"]["rows_applied"] == 0 and report["articles_extracted"] == 0  # the rows were reused
    reviewed, extracted = reviewed_and_extracted(out, t.row_id)
    assert reviewed["review_status"] == extracted["review_status"] == "unreviewed"
    build.build([SEEDS], tmp_path / "full", incremental=False)
    for folder in ("", store.EXTRACTED):
        full, incremental = (store.load_tables(store.current_build(o) / folder) for o in (tmp_path / "full", out))
        for name in schema.FACT_TABLES:
            pd.testing.assert_frame_equal(incremental[name], full[name], obj=f"{folder or 'reviewed'} {name}")


def test_a_build_without_corrections_is_scored_without_reading_its_rows(tmp_path, monkeypatch):
    out = tmp_path / "data"
    report = build.build([SEEDS], out)
    assert report["corrections"]["rows_applied"] == 0
    scored = evaluate.build_reviewed_scores(store.current_build(out))
    assert scored["reviewed"].eq(0).all() and scored["precision"].isna().all()
    read = store.load_report
    monkeypatch.setattr(store, "load_report", lambda folder: {**read(folder), "corrections": {"rows_applied": 1}})  # as if some were
    pd.testing.assert_frame_equal(evaluate.build_reviewed_scores(store.current_build(out)), scored)
    monkeypatch.setattr(store, "load_report", read)
    monkeypatch.setattr(store, "load_table", lambda *args, **kwargs: pytest.fail("a row was read"))
    pd.testing.assert_frame_equal(evaluate.build_reviewed_scores(store.current_build(out)), scored)


def test_editing_the_article_orphans_its_corrections_and_lists_them(tmp_path):
    corpus, out = tmp_path / "articles", tmp_path / "data"
    shutil.copytree(SEEDS, corpus)
    build.build([corpus], out)
    t, row = position_target(out)
    review.record(review.database_url(out), t, "edit", reviewer="ana", seen_version=0, new={"stance": other_stance(row["stance"])})
    path = corpus / f"{row['article_id']}.txt"
    path.write_text("A new first paragraph, added by the editor.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    report = build.build([corpus], out)
    orphaned = report["corrections"]["orphaned"]
    assert [(o["row_id"], o["reason"]) for o in orphaned] == [(t.row_id, "the article changed since the correction was made")]
    positions = store.load_tables(store.current_build(out))["positions"]
    assert not (positions["review_status"] == "corrected").any()  # not applied to the new text
    assert len(review.corrections(review.database_url(out))) == 1  # and not dropped
