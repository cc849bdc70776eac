"""Build the tables: a folder of articles in, CSV + Parquet tables out.

    python -m lib.build [--articles DIR ...] [--out DIR] [--workers N] [--engine local|dask]
                        [--scheduler ADDRESS] [--if-stale] [--full]

Load reads every article (bad files become rejections with a reason), Process
maps the pure per-article extractor (on this machine's processes, or on a
Dask cluster: :mod:`lib.engines`) over the articles that are new or changed
since the current build (by content hash; all of them after a change to the
extraction code, or with ``--full``; a file whose size and modification time
are those the current build recorded is not even read again), Save validates every table against
:mod:`lib.schema` and publishes the build through :mod:`lib.store` (a fresh
``build-*`` folder, then the ``current`` link switched in one rename), so a
failed or killed build leaves the last good tables untouched. Process, review
and Save go batch by batch (:func:`lib.store.batch_bounds`): each batch of the
corpus is written as soon as its rows are in, or hard-linked from the current
build when its articles, the code and its corrections are unchanged, so a
rebuild costs what changed and no process holds the whole corpus. One build at a
time runs per ``--out`` folder (an exclusive lock); a second one waits for
the first.

Exit status is non-zero only when nothing could be built (no folder, or every
file refused); the previous build then stays current.
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import hashlib
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib import engines, evaluate, paths, review, schema, store
from lib.articles import ARTICLE_FIELDS, LISTED_COLUMNS, SIDE_FILE, Article, Corpus, Rejection, articles_of, corpus_roots, list_corpus, moved, scan, with_text
from lib.extract import extract_article

ENGINES = engines.ENGINES
# One article's extraction may take this long at most; past it that article alone is rejected. Extraction is
# linear in the text (a 2 MB article, the largest accepted, takes seconds), so only a rule gone wrong reaches it.
ARTICLE_SECONDS = 60.0


class BuildError(RuntimeError):
    """Nothing could be built; the previous build (if any) stays current."""


class PreviousBuild(NamedTuple):
    """What the current build can lend to the next one: its batches, and its file manifest (the files read, their articles, their batch)."""

    folder: Path
    batches: dict[str, tuple[int, dict]]  # batch key -> (batch number, its manifest info)
    files: pa.Table  # :data:`MANIFEST_COLUMNS`: every file of the build's manifest (its manifests' rows with an empty article_id)
    folders: list[str]  # the corpus folders it read, as its report names them


# The file manifest: each file as listed (lib.articles.LISTED_COLUMNS: its signature, its article's fields but the text) and its batch.
MANIFEST_COLUMNS = [*LISTED_COLUMNS, "batch"]


def previous_build(out: Path) -> PreviousBuild | None:
    """The current build's batches and file manifest, when it was made by the same extractor (else nothing is reusable).

    The articles come from its file manifest (:data:`lib.store.FILES`, one file, kept as Arrow columns), not from its tables' parts.
    """
    report = store.read_report(out)
    if report is None or report.get("extractor_fingerprint") != store.extractor_fingerprint():
        return None
    folder = store.current_build(out)
    try:
        batches = {key: (int(batch), info) for batch, key, info in store.read_parts(folder).itertuples(index=False) if key}
        files = pa.ipc.open_file(pa.memory_map(str(folder / store.FILES))).read_all().select(MANIFEST_COLUMNS)
    except (OSError, ValueError, KeyError, pa.ArrowInvalid):  # damaged by hand, or made before the manifest held the articles: extract everything again
        return None
    if not all(store.intact(folder, batch, info) for batch, info in batches.values()):  # damaged by hand: nothing is lent
        return None
    return PreviousBuild(folder, batches, files, [str(f) for f in report.get("articles_folders", [])])


def file_manifest(corpus: Corpus, kept: np.ndarray, batch: np.ndarray) -> pa.Table:
    """The build's :data:`lib.store.FILES` manifest: the folders' manifests (batch -1) and the files of the articles ``kept``
    (a mask over ``corpus.articles``), each with its ``batch``. A file looked at without a signature (a link) has size and
    mtime_ns -1: never taken as unchanged."""
    manifests = corpus.manifests.append_column("batch", pa.array(np.full(len(corpus.manifests), -1), pa.int64()))
    listed = corpus.articles.append_column("batch", pa.array(batch, pa.int64())).filter(pa.array(kept))
    return pa.concat_tables([manifests, listed])


@contextlib.contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector paused until the block calls what it is given, then the objects alive frozen, until the block ends.

    Listing the corpus makes an ``os.stat_result`` per file and keeps the
    names, paths and ids as lists, objects that form no cycles; a collector
    scanning them, and every object pandas and the extractor brought, again
    and again as they are made cost about a tenth of a second at 100,000
    articles (0.7 of 1.1 s when each file was a tuple of Python objects).
    Once frozen, the collections the rest of the build triggers (its
    extraction, pandas) skip them.
    """
    enabled, frozen = gc.isenabled(), []
    gc.disable()

    def loaded() -> None:
        gc.freeze()
        frozen.append(True)
        if enabled:
            gc.enable()

    try:
        yield loaded
    finally:
        if frozen:
            gc.unfreeze()
        elif enabled:
            gc.enable()


class OverBudget(Exception):
    """An article's extraction ran past :data:`ARTICLE_SECONDS`."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in this thread when the block runs longer than ``seconds``.

    A timer thread raises the exception into this one (CPython's
    ``PyThreadState_SetAsyncExc``), which works in any thread; a signal would
    only reach the main thread, and the dashboard builds in its script's
    thread. The lock makes sure no exception is raised once the block is over.
    """
    target, lock, over = threading.get_ident(), threading.Lock(), threading.Event()

    def expire() -> None:
        with lock:
            if not over.is_set():
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            over.set()
        timer.cancel()


class Extracted(NamedTuple):
    """A batch of articles extracted: a typed, provenance-checked frame per fact table, the articles, and those that failed."""

    frames: dict[str, pd.DataFrame]
    failed: list[Rejection]
    articles: list[Article]  # with their texts, for the articles table


def extract_batch(articles: list[Article | Rejection]) -> Extracted:
    """Extract a batch of articles (what a worker runs); a :class:`Rejection` in the batch (a file that could not be read again) passes through.

    The worker turns its rows into Arrow-backed frames and checks their
    offsets against the texts it holds, so the main process receives compact
    column buffers rather than millions of Python tuples to convert.
    """
    rows: dict[str, list] = {name: [] for name in schema.FACT_TABLES}
    failed, done = [], []
    for article in articles:
        if isinstance(article, Rejection):
            failed.append(article)
            continue
        try:
            with time_budget(ARTICLE_SECONDS):
                found = extract_article(article.article_id, article.text)
        except OverBudget:
            failed.append(Rejection(article.article_id, f"extraction took longer than {ARTICLE_SECONDS:g} s"))
            continue
        except Exception as exc:  # one bad article must not sink the corpus
            failed.append(Rejection(article.article_id, f"extractor error: {type(exc).__name__}: {exc}"))
            continue
        done.append(article)
        for name, table_rows in found.items():
            rows[name].extend(table_rows)
    texts = {a.article_id: a.text for a in done}
    sha256 = {a.article_id: a.sha256 for a in done}
    frames = {}
    for name, table_rows in rows.items():
        frame = schema.TABLES[name].frame(table_rows)
        frame["row_id"] = review.row_ids(name, frame, sha256)  # hashed here, in the worker, with the article's hash at hand
        frames[name] = schema.validate(schema.TABLES[name], frame, texts)
    return Extracted(frames, failed, done)


class Texts(Sequence):
    """Batches of articles listed without their texts, each article read again when its batch is taken (what an engine hands its workers).

    Only the batches in flight hold texts, so a corpus of any size is extracted in bounded memory.
    """

    def __init__(self, articles: list[Article], size: int, located: dict[str, str], roots: list[Path]):
        self.articles, self.size, self.located, self.roots = articles, size, located, roots

    def __len__(self) -> int:
        return -(-len(self.articles) // self.size)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        loaded = []
        for article in self.articles[index * self.size:(index + 1) * self.size]:
            try:
                loaded.append(with_text(article, Path(self.located[article.article_id]), self.roots))
            except ValueError as exc:
                loaded.append(Rejection(article.article_id, str(exc)))
        return loaded


SEP = "\x1f"  # after each of an article's fields in a batch key


def batch_keys(code: str, articles: pa.Table, bounds: list[tuple[int, int]], corrections: list[list[int]]) -> list[str]:
    """What each batch's files are made from: the ``code`` (fingerprint), its articles (each field but the text, which the
    sha256 stands for: :data:`lib.articles.ARTICLE_FIELDS` of ``articles``, rows ``start:end`` of ``bounds``) and their
    ``corrections`` (per batch)."""
    # Each article's fields joined into one string in Arrow, all at once; the articles of a batch are then one run of bytes
    # of that column, hashed as it lies, with no Python string per article.
    fields = [pc.cast(articles[f], pa.string()) for f in ARTICLE_FIELDS]
    joined = pc.binary_join_element_wise(*fields, pa.array([""] * len(articles), pa.string()), SEP).combine_chunks() if len(articles) else pa.array([], pa.string())
    offsets = np.frombuffer(joined.buffers()[1], dtype=np.int32)[joined.offset:joined.offset + len(joined) + 1] if len(joined) else np.zeros(1, np.int32)
    data = memoryview(joined.buffers()[2] or b"")
    keys = []
    for (start, end), fixes in zip(bounds, corrections):
        digest = hashlib.sha256(code.encode())
        digest.update(data[offsets[start]:offsets[end]])
        digest.update(repr(fixes).encode())
        keys.append(digest.hexdigest())
    return keys


def sort_rows(rows: pd.DataFrame, position: dict[str, int]) -> pd.DataFrame:
    """Rows with articles in corpus order; the rows of one article stay in extraction order."""
    positions = rows["article_id"].map(position).to_numpy()
    if len(rows) and (np.diff(positions) < 0).any():  # in order already: no copy
        rows = rows.iloc[np.argsort(positions, kind="stable")]
    return rows.reset_index(drop=True)


class Fresh:
    """The extraction of the articles to extract, handed out a batch of the corpus at a time.

    The engine extracts them in corpus order, a few tasks in flight; :meth:`take`
    returns the rows, articles and failures of the articles asked for, which
    come next, and keeps what belongs to the next batch.
    """

    def __init__(self, results: Iterator[Extracted]):
        self.results = results
        self.frames: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.FACT_TABLES}
        self.articles: dict[str, Article] = {}
        self.failed: dict[str, Rejection] = {}

    def take(self, ids: list[str]) -> Extracted:
        while not all(i in self.articles or i in self.failed for i in ids):
            result = next(self.results)
            for name, frame in result.frames.items():
                self.frames[name].append(frame)
            self.articles.update((a.article_id, a) for a in result.articles)
            self.failed.update((f.path, f) for f in result.failed)
        wanted = set(ids)
        frames = {}
        for name, kept in self.frames.items():
            rows = pd.concat(kept, ignore_index=True) if kept else schema.TABLES[name].empty()
            mine = rows["article_id"].isin(wanted).to_numpy(dtype=bool)
            frames[name], self.frames[name] = rows[mine], [rows[~mine]] if (~mine).any() else []
        return Extracted(
            frames, [self.failed.pop(i) for i in ids if i in self.failed], [self.articles.pop(i) for i in ids if i in self.articles],
        )


def build(
    folders: list[Path],
    out: Path | None = None,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    incremental: bool = True,
    only_if_stale: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict | None:
    """Build and publish the tables; returns the build report (None when ``only_if_stale`` found nothing to do). Raises BuildError if nothing was built.

    ``engine`` and ``scheduler`` choose where the extraction runs (:mod:`lib.engines`);
    ``incremental`` reuses the current build's batches and rows for articles whose file is
    unchanged; ``only_if_stale`` returns None without building
    when, once the lock is held, the build turns out to be up to date (another
    process built it meanwhile); the staleness check is made under the lock only.

    The corpus is read twice: once to list and check it (texts dropped once
    hashed), then a batch at a time (:class:`Texts`) to extract the articles
    that changed; each batch of the corpus (:func:`lib.store.batch_bounds`) is
    written as soon as its rows are in, or linked from the current build when
    nothing in it changed, so no process holds every text or every row.
    """
    started = time.perf_counter()
    folders, out = [Path(f) for f in folders], out or paths.data_folder()
    with store.build_lock(out), long_lived() as loaded:
        if only_if_stale and store.stale_reason(folders, out) is None:
            return None
        store.remove_leftovers(out)
        # Load. The corpus is fingerprinted before it is read: a file added or changed while the build
        # reads makes this build stale at once, so the next check builds again instead of calling it current.
        scanned = scan(folders)  # one look at every file: the fingerprint, the articles and their signatures
        corpus_fingerprint = store.corpus_fingerprint(folders, scanned)
        previous = previous_build(out) if incremental else None
        # A folder moved since (the same folders at other paths) is known by its files' signatures all the same.
        corpus = list_corpus(folders, known=moved(previous.files, previous.folders, folders) if previous else None, scanned=scanned)
        listed, rejected = corpus.articles, corpus.rejected  # the articles as columns, in corpus order, without their texts
        if not len(listed) and (rejected or not all(f.is_dir() for f in folders)):
            raise BuildError("no article could be read: " + "; ".join(f"{r.path}: {r.reason}" for r in rejected))
        ids = listed["article_id"].to_pylist()
        # Review: the reviewers' corrections, applied batch by batch in this process, whatever engine extracted the rows.
        database = review.database_url(out)
        latest = review.latest_id(database)  # read first: a correction made while applying makes this build stale, not lost
        history = review.corrections(database)
        owner = history.groupby("row_id")["article_id"].transform("first") if len(history) else history["article_id"]
        by_article = {a: rows for a, rows in history.groupby(owner, sort=False)} if len(history) else {}
        # Plan: a batch made from the same code, articles and corrections as one of the current build is linked, not made.
        bounds = store.batch_bounds(ids)
        corrections = [
            sorted(int(i) for a in ids[start:end] if a in by_article for i in by_article[a]["id"]) if by_article else [] for start, end in bounds
        ]
        code, extractor = store.code_fingerprint(), store.extractor_fingerprint()  # read once: the code of every batch
        keys = batch_keys(code, listed, bounds, corrections)
        plan = [(start, end, key, previous.batches.get(key) if previous else None) for (start, end), key in zip(bounds, keys)]
        # An article whose file hashes as the one the current build extracted (its rows are there, in that build's batch ``lent``).
        lent = np.full(len(listed), -1, dtype=np.int64)
        if previous:
            before = previous.files.filter(pc.not_equal(previous.files["article_id"], ""))
            at = pc.index_in(listed["article_id"], value_set=before["article_id"]).fill_null(-1).to_numpy(zero_copy_only=False)
            same = (at >= 0) & (before["sha256"].to_numpy(zero_copy_only=False)[np.maximum(at, 0)] == listed["sha256"].to_numpy(zero_copy_only=False))
            lent = np.where(same, before["batch"].to_numpy()[np.maximum(at, 0)], -1) if len(before) else lent
        made = [i for start, end, _, linked in plan if linked is None for i in range(start, end) if lent[i] < 0]
        todo = articles_of(listed.take(pa.array(made, pa.int64())))  # only these are extracted; every other article is a row of the manifest
        located = dict(zip((a.article_id for a in todo), listed["path"].take(pa.array(made, pa.int64())).to_pylist()))
        size = engines.default_batch_size(len(todo), workers)
        loaded()

        def batches_done(done: int, total: int) -> None:
            progress(min(done * size, len(todo)), len(todo))

        results = engines.imap(
            extract_batch, Texts(todo, size, located, corpus_roots(folders)), engine=engine, workers=workers, scheduler=scheduler,
            batch_size=1, progress=batches_done if progress else None,
        )
        fresh = Fresh(results)
        failed: list[Rejection] = []
        orphaned, applied = [], 0
        rows = {name: 0 for name in schema.TABLES}
        with store.Staging(out) as staging, contextlib.closing(results):
            for start, end, key, linked in plan:
                if linked is not None:
                    batch, info = linked
                    staging.link(previous.folder, batch, key, info)
                else:
                    members = articles_of(listed.slice(start, end - start))
                    reused = {a.article_id: int(b) for a, b in zip(members, lent[start:end]) if b >= 0}
                    info = make_batch(staging, members, key, reused, fresh, previous, by_article)
                failed += [Rejection(*f) for f in info["failed"]]
                orphaned += info["orphaned"]
                applied += info["applied"]
                for name, n in info["rows"].items():
                    rows[name] += n
            failed_ids = {f.path for f in failed}
            kept = np.array([a not in failed_ids for a in ids], dtype=bool) if failed_ids else np.ones(len(ids), dtype=bool)
            listed_ids = set(ids) if by_article else set()
            gone = [rows for a, rows in by_article.items() if a not in listed_ids or a in failed_ids]
            if gone:  # corrections whose article is not (or no longer) in the tables: orphans
                empty = {name: schema.TABLES[name].empty() for name in schema.TABLES}
                orphaned += review.apply(empty, pd.concat(gone).sort_values("id", kind="stable")).orphaned
            # Save
            report = {
                "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "articles_folders": [str(f) for f in folders],
                "articles_read": int(kept.sum()),
                "articles_extracted": len(todo),
                "articles_reused": len(listed) - len(todo),
                "rejected": [r._asdict() for r in [*rejected, *failed] if r.reason != SIDE_FILE],
                "skipped": [r._asdict() for r in rejected if r.reason == SIDE_FILE],
                "dropped_metadata": [r._asdict() for r in corpus.notes],
                "rows": rows,
                "seconds": round(time.perf_counter() - started, 3),
                "workers": workers,
                "engine": engine,
                "corpus_fingerprint": corpus_fingerprint,
                "code_fingerprint": code,
                "extractor_fingerprint": extractor,
                "corrections": {
                    "database": review.shown_url(database), "latest_id": latest, "rows_applied": applied, "orphaned": orphaned,
                },
            }
            batch_of = np.repeat(np.arange(len(bounds)), [end - start for start, end in bounds]) if bounds else np.zeros(0, dtype=np.int64)
            staging.publish(report, file_manifest(corpus, kept, batch_of))
    return report


def make_batch(
    staging: store.Staging, members: list[Article], key: str, reused: dict[str, int], fresh: Fresh,
    previous: PreviousBuild | None, by_article: dict[str, pd.DataFrame],
) -> dict:
    """Make one batch of the corpus and write it to ``staging``: fresh rows, rows of unchanged articles from the current build
    (``reused``: article_id -> the batch of ``previous`` holding them), corrections applied.

    Returns its manifest info (rows, corrections applied, orphans, failed articles).
    """
    made = fresh.take([a.article_id for a in members if a.article_id not in reused])
    texts = {a.article_id: a for a in made.articles}
    old: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.TABLES}
    for batch in sorted(set(reused.values())):
        wanted = set(reused)
        for name in schema.TABLES:
            columns = ["article_id", "text"] if name == "articles" else None  # the rest of an article is as read now, below
            part = pd.read_parquet(previous.folder / store.EXTRACTED / f"{name}.parquet" / f"batch-{batch:05d}.parquet", columns=columns)
            part = part[part["article_id"].isin(wanted).to_numpy(dtype=bool)]
            # As extracted: a row's review status comes from the corrections applied below, never from the build it is
            # taken from (a correction gone from the store since must not leave its row confirmed, or rejected).
            old[name].append(part if name == "articles" else part.assign(review_status=schema.REVIEW_STATUSES[0]))
    # A reused article's text is the one its rows were extracted from (same sha256); its metadata is as read now, which
    # may differ (a title changed in the folder's manifest.csv), as a full build would give it.
    listed = {a.article_id: a for a in members}
    for article_id, text in zip(*pd.concat(old["articles"])[["article_id", "text"]].to_dict("list").values()) if old["articles"] else []:
        texts[article_id] = listed[article_id]._replace(text=text)
    kept = [texts[a.article_id] for a in members if a.article_id in texts]
    position = {a.article_id: i for i, a in enumerate(kept)}
    tables = {"articles": schema.validate(schema.ARTICLES, schema.ARTICLES.frame(kept))}
    for name in schema.FACT_TABLES:
        rows = pd.concat([*old[name], made.frames[name]], ignore_index=True) if old[name] else made.frames[name]
        tables[name] = schema.validate(schema.TABLES[name], sort_rows(rows, position))
    history = [by_article[a.article_id] for a in members if a.article_id in by_article]
    info = {"key": key, "applied": 0, "orphaned": [], "failed": [list(f) for f in made.failed]}
    if history:  # corrections in this batch: the reviewed tables differ from the extracted ones
        result = review.apply(tables, pd.concat(history).sort_values("id", kind="stable"))
        info.update(applied=result.applied, orphaned=result.orphaned)
        staging.write({"articles": tables["articles"], **result.reviewed}, result.extracted, **info)
    else:
        staging.write(tables, None, **info)
    return staging.batches[-1]


def parser() -> argparse.ArgumentParser:
    """The command line, also read by the README test."""
    parser = argparse.ArgumentParser(prog="python -m lib.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, nargs="+", default=None, help="folders of .txt articles (default: seeds/, or $VENEZUELA_ARTICLES)")
    parser.add_argument("--out", type=Path, default=None, help="where builds go (default: data/, or $VENEZUELA_DATA)")
    parser.add_argument("--workers", type=int, default=1, help="processes to extract with (default 1)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="local: processes on this machine (default); dask: a Dask cluster")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: the address of a running Dask scheduler (default: start a local cluster)")
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the current build matches the articles and code")
    parser.add_argument("--full", action="store_true", help="re-extract every article, not only the new or changed ones")
    return parser


def run(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.workers < 1:
        cli.error("--workers must be at least 1")
    if args.scheduler and args.engine != "dask":
        cli.error("--scheduler needs --engine dask")
    args.articles, args.out = args.articles or paths.corpus_folders(), args.out or paths.data_folder()
    try:
        report = build(
            args.articles, args.out, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
            incremental=not args.full, only_if_stale=args.if_stale,
        )
    except (BuildError, engines.EngineUnavailable, OSError) as exc:  # OSError: an unreachable --scheduler
        print(f"build failed, previous tables kept: {exc}", file=sys.stderr)
        return 1
    # Sources & method's scores, made now unless kept: the code's on the gold, the current build's reviewed rows'.
    evaluate.kept_dashboard_scores(args.out)
    if report is None:
        print(f"{store.current_dir(args.out)} is up to date")
        return 0
    print(
        f"read {report['articles_read']} articles ({report['articles_extracted']} extracted, {report['articles_reused']} unchanged)"
        f" in {report['seconds']} s -> {store.current_dir(args.out)}"
    )
    print("rows: " + ", ".join(f"{name} {n}" for name, n in report["rows"].items()))
    for rejection in report["rejected"]:
        print(f"rejected {rejection['path']}: {rejection['reason']}")
    corrections = report["corrections"]
    if corrections["latest_id"]:
        print(f"reviewers' corrections applied to {corrections['rows_applied']} row(s), from {corrections['database']}")
    for orphan in corrections["orphaned"]:
        print(f"orphaned correction on {orphan['row_id']} ({orphan['article_id']}): {orphan['reason']}; re-review it")
    return 0


if __name__ == "__main__":
    sys.exit(run())
