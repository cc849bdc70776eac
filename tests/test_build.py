"""The build command: tables out, atomic publication, staleness, bad input."""
import json
import shutil

import pandas as pd
import pytest

from lib import build, schema, store

from lib.paths import DEV_ARTICLES, SEEDS


@pytest.fixture
def seed_copy(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def test_build_writes_every_table_with_its_package(seed_copy, tmp_path):
    out = tmp_path / "data"
    report = build.build([seed_copy], out)
    current = store.current_dir(out)
    for name, table in schema.TABLES.items():
        parquet = pd.read_parquet(current / f"{name}.parquet")
        parts = store.part_files(current, name, "csv")
        csv = pd.concat([pd.read_csv(part, keep_default_na=False) for part in parts], ignore_index=True)
        assert list(parquet.columns) == list(table.column_names) == list(csv.columns)
        assert len(parquet) == len(csv) == report["rows"][name]
    package = json.loads((current / "datapackage.json").read_text())
    assert {n: r["path"] for n, r in zip(schema.TABLES, package["resources"])} == {
        n: [f"{n}.csv/{p.name}" for p in store.part_files(current, n, "csv")] for n in schema.TABLES
    }
    assert report["articles_read"] == 5 and report["rejected"] == []


def test_every_row_reproduces_its_evidence(seed_copy, tmp_path):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    current = store.current_dir(out)
    texts = dict(pd.read_parquet(current / "articles.parquet")[["article_id", "text"]].values)
    for name in ("positions", "results", "crackdown"):
        for row in pd.read_parquet(current / f"{name}.parquet").itertuples():
            assert texts[row.article_id][row.start:row.end] == row.evidence
    for row in pd.read_parquet(current / "quotes.parquet").itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote
        assert row.sentence_start <= row.start <= row.end <= row.sentence_end


def test_bad_files_are_listed_and_the_rest_builds(seed_copy, tmp_path):
    (seed_copy / "broken.txt").write_bytes(b"\xff\xfe\x00\x01")
    (seed_copy / "empty.txt").write_bytes(b"")
    report = build.build([seed_copy], tmp_path / "data")
    assert report["articles_read"] == 5
    assert {r["path"].rsplit("/", 1)[-1] for r in report["rejected"]} == {"broken.txt", "empty.txt"}


def test_notes_beside_the_articles_are_skipped_not_rejected(seed_copy, tmp_path):
    """A SOURCES.md or a links.csv beside the articles is no failure: a first visitor was greeted by '1 file(s) rejected'."""
    for name in ("SOURCES.md", "links.csv", "meta.json"):
        (seed_copy / name).write_text("notes\n", encoding="utf-8")
    (seed_copy / "report.docx").write_bytes(b"PK")
    report = build.build([seed_copy], tmp_path / "data")
    assert {r["path"].rsplit("/", 1)[-1] for r in report["skipped"]} == {"SOURCES.md", "links.csv", "meta.json"}
    assert [r["path"].rsplit("/", 1)[-1] for r in report["rejected"]] == ["report.docx"]  # an unknown kind of file is still a refusal


def test_a_failed_build_keeps_the_last_good_tables(seed_copy, tmp_path):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    before = store.current_dir(out).resolve()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x00")
    assert build.run(["--articles", str(bad), "--out", str(out)]) == 1
    assert store.current_dir(out).resolve() == before
    assert store.load_tables(before)["positions"].shape[0] > 0


def test_an_empty_folder_builds_empty_tables(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    report = build.build([empty], tmp_path / "data")
    assert report["rows"] == {name: 0 for name in schema.TABLES}


def test_staleness_follows_the_corpus(seed_copy, tmp_path):
    out = tmp_path / "data"
    assert store.stale_reason([seed_copy], out)
    build.build([seed_copy], out)
    assert not store.stale_reason([seed_copy], out)
    (seed_copy / "new.txt").write_text("Panama rejected the result.", encoding="utf-8")
    assert store.stale_reason([seed_copy], out)


def test_rebuilds_swap_the_current_link_and_prune_old_builds(seed_copy, tmp_path):
    out = tmp_path / "data"
    for _ in range(4):
        build.build([seed_copy], out)
    assert len(list(out.glob("build-*"))) == store.KEEP_BUILDS
    assert not list(out.glob(".staging-*"))
    assert store.current_dir(out).is_symlink()


def test_parallel_workers_give_the_same_tables(seed_copy, tmp_path):
    build.build([seed_copy], tmp_path / "one", workers=1)
    build.build([seed_copy], tmp_path / "two", workers=2)
    for name in schema.TABLES:
        one = pd.read_parquet(store.current_dir(tmp_path / "one") / f"{name}.parquet")
        two = pd.read_parquet(store.current_dir(tmp_path / "two") / f"{name}.parquet")
        pd.testing.assert_frame_equal(one, two)


def _tables(out):
    return {name: pd.read_parquet(store.current_dir(out) / f"{name}.parquet") for name in schema.TABLES}


def test_an_incremental_build_extracts_only_new_and_changed_articles_and_matches_a_full_one(seed_copy, tmp_path):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    shutil.copy(next(DEV_ARTICLES.glob("d01*.txt")), seed_copy / "added.txt")
    changed = sorted(seed_copy.glob("0*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPanama rejected the result.\n", encoding="utf-8")
    report = build.build([seed_copy], out)
    assert (report["articles_extracted"], report["articles_reused"]) == (2, 4)
    build.build([seed_copy], tmp_path / "full", incremental=False)
    for name, df in _tables(tmp_path / "full").items():
        pd.testing.assert_frame_equal(_tables(out)[name], df, obj=name)


def test_a_change_to_the_extraction_code_re_extracts_everything(seed_copy, tmp_path, monkeypatch):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    monkeypatch.setattr(store, "extractor_fingerprint", lambda: "another-extractor")
    assert build.build([seed_copy], out)["articles_extracted"] == 5


def test_a_change_to_the_build_code_alone_rebuilds_but_reuses_every_row(seed_copy, tmp_path, monkeypatch):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    monkeypatch.setattr(store, "code_fingerprint", lambda: "another-writer")
    assert store.stale_reason([seed_copy], out)
    assert build.build([seed_copy], out)["articles_extracted"] == 0


def test_removed_articles_leave_the_tables_with_their_rows(seed_copy, tmp_path):
    out = tmp_path / "data"
    build.build([seed_copy], out)
    gone = sorted(seed_copy.glob("0*.txt"))[0]
    gone.unlink()
    report = build.build([seed_copy], out)
    assert report["articles_extracted"] == 0
    assert not any((df["article_id"] == gone.stem).any() for df in _tables(out).values())


def test_parts_hold_the_same_rows_as_the_merged_tables(seed_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BATCH_SIZE", 2)  # five seeds -> several batches
    out = tmp_path / "data"
    build.build([seed_copy], out)
    current = store.current_dir(out)
    parts = store.part_files(current, "articles")
    assert len(parts) > 1 and [p.name for p in parts] == [f"batch-{i:05d}.parquet" for i in range(len(parts))]
    for name, df in _tables(out).items():
        pieces = [pd.read_parquet(p) for p in store.part_files(current, name)]
        assert len(pieces) == len(parts)
        pd.testing.assert_frame_equal(pd.concat(pieces, ignore_index=True), df, obj=name)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_an_added_article_rewrites_its_batch_only(tmp_path, monkeypatch, where):
    """Batches end where the article ids say, not at positions: an article added anywhere leaves every other batch's files as they were (hard links)."""
    monkeypatch.setattr(store, "BATCH_SIZE", 4)
    corpus, out = tmp_path / "articles", tmp_path / "data"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:03d}.txt").write_text(f"Brazil's foreign minister said the {i} tally sheets must be verified.\n", encoding="utf-8")
    build.build([corpus], out)
    before = {name: {p.stat().st_ino for p in store.part_files(store.current_build(out), name)} for name in schema.TABLES}
    assert len(before["articles"]) > 4
    stem = {"first": "a", "middle": "a019-added", "last": "b"}[where]
    (corpus / f"{stem}.txt").write_text("Mexico's president said the count must be repeated.\n", encoding="utf-8")
    report = build.build([corpus], out)
    after = store.current_build(out)
    assert report["articles_extracted"] == 1 and report["articles_reused"] == 40
    linked = {p.stat().st_ino for p in store.part_files(after, "quotes")}
    assert build.build([corpus], out)["articles_extracted"] == 0  # nothing changed: every batch is linked, even those linked before
    assert {p.stat().st_ino for p in store.part_files(store.current_build(out), "quotes")} == linked
    for name in schema.TABLES:
        inodes = {p.stat().st_ino for p in store.part_files(after, name)}
        assert len(before[name] - inodes) <= 2 and len(inodes - before[name]) <= 2  # the batch the article joined (or the two it split)
    assert stem in set(store.load_tables(after)["articles"]["article_id"])
    pd.testing.assert_frame_equal(store.load_tables(after)["positions"], _full(corpus, tmp_path / "full")["positions"])


def _full(corpus, out):
    build.build([corpus], out, incremental=False)
    return store.load_tables(store.current_build(out))


def test_leftovers_of_a_killed_build_are_cleared_by_the_next(seed_copy, tmp_path):
    out = tmp_path / "data"
    (out / ".staging-20240101T000000000000Z-1").mkdir(parents=True)
    (out / f".{store.CURRENT}-1").symlink_to("nowhere")
    build.build([seed_copy], out)
    assert not list(out.glob(".staging-*")) and not list(out.glob(f".{store.CURRENT}-*"))


def test_a_file_changed_between_the_two_reads_is_rejected_not_mixed(seed_copy, tmp_path, monkeypatch):
    """Texts are read again a batch at a time: a file edited after the first read is refused, never extracted with the first read's metadata."""
    first_read = build.list_corpus

    def read_then_edit(*args, **kwargs):
        found = first_read(*args, **kwargs)
        sorted(seed_copy.glob("*.txt"))[0].write_text("Edited while the build ran.\n", encoding="utf-8")
        return found

    monkeypatch.setattr(build, "list_corpus", read_then_edit)
    report = build.build([seed_copy], tmp_path / "data")
    assert [r["reason"] for r in report["rejected"]] == ["changed while the build read it"]
    assert report["articles_read"] == 4 == len(store.load_tables(store.current_build(tmp_path / "data"))["articles"])


def test_the_build_command_scores_the_extractor_once_per_code_and_gold(seed_copy, tmp_path, monkeypatch):
    """Sources & method's scores (the code's, on the gold, and the build's reviewed rows') are made by the build, not on
    the page's first visit, and only when not kept."""
    from lib import evaluate

    out = tmp_path / "data"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x00")
    assert build.run(["--articles", str(bad), "--out", str(out)]) == 1
    assert not (out / evaluate.SCORES).exists()  # a failed build scores nothing
    assert build.run(["--articles", str(seed_copy), "--out", str(out)]) == 0
    kept = out / evaluate.SCORES / f"method-{evaluate.method_key(evaluate.METHOD_DATA)}.parquet"
    assert set(pd.read_parquet(kept)["data"]) == {label for label, _, _ in evaluate.METHOD_DATA}
    reviewed = out / evaluate.SCORES / f"reviewed-{store.current_build(out).name}.parquet"
    pd.testing.assert_frame_equal(pd.read_parquet(reviewed), evaluate.build_reviewed_scores(store.current_build(out)))

    def scored_again(data):
        raise AssertionError("scored again")

    monkeypatch.setattr(evaluate, "method_scores", scored_again)
    (seed_copy / "added.txt").write_text("Brazil called for the publication of the tally sheets.\n", encoding="utf-8")
    assert build.run(["--articles", str(seed_copy), "--out", str(out)]) == 0  # a new build, the same code and gold: read
    assert [p.name for p in (out / evaluate.SCORES).glob("reviewed-*")] == [f"reviewed-{store.current_build(out).name}.parquet"]
