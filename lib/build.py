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
import itertools
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib import engines, paths, review, schema, store
from lib.articles import SIDE_FILE, Article, KnownFile, Rejection, corpus_roots, read_corpus, scan, with_text
from lib.extract import extract_article

ENGINES = engines.ENGINES
# One article's extraction may take this long at most; past it that article alone is rejected. Extraction is
# linear in the text (a 2 MB article, the largest accepted, takes seconds), so only a rule gone wrong reaches it.
ARTICLE_SECONDS = 60.0


class BuildError(RuntimeError):
    """Nothing could be built; the previous build (if any) stays current."""


class PreviousBuild(NamedTuple):
    """What the current build can lend to the next one: its batches, and the rows of articles whose file did not change."""

    folder: Path
    sha256: dict[str, str]  # article_id -> hash of the file it was extracted from
    batch_of: dict[str, int]  # article_id -> the batch holding its rows
    batches: dict[str, tuple[int, dict]]  # batch key -> (batch number, its manifest info)
    files: dict[str, KnownFile]  # path -> the file as read (its article without text), for files in the build's manifest


# The article's fields in the file manifest (every one but its text, which the sha256 stands for), and the batch holding its rows.
MANIFEST_ARTICLE = [f for f in Article._fields if f not in ("article_id", "text")]
MANIFEST_COLUMNS = ["path", "size", "mtime_ns", "body_sha256", "dropped", "article_id", *MANIFEST_ARTICLE, "batch"]


def previous_build(out: Path) -> PreviousBuild | None:
    """The current build's batches and articles (not their texts), when it was made by the same extractor (else nothing is reusable).

    Everything but the batches comes from its file manifest (:data:`lib.store.FILES`, one file), not from its tables' parts.
    """
    report = store.read_report(out)
    if report is None or report.get("extractor_fingerprint") != store.extractor_fingerprint():
        return None
    folder = store.current_build(out)
    try:
        batches = {key: (int(batch), info) for batch, key, info in store.read_parts(folder).itertuples(index=False) if key}
        # Read with Arrow into Python lists: iterating pandas' Arrow-backed strings costs seconds at 100,000 articles.
        recorded = pq.read_table(folder / store.FILES, columns=MANIFEST_COLUMNS).to_pydict()
    except (OSError, ValueError, KeyError):  # damaged by hand, or made before the manifest held the articles: extract everything again
        return None
    if not all(store.intact(folder, batch, info) for batch, info in batches.values()):  # damaged by hand: nothing is lent
        return None
    # Made by map and zip, row by row in C: a loop in Python over 100,000 rows took most of this function's time.
    cut = Article._fields.index("text") - 1  # the manifest's article fields before the text's place
    ids, fields = recorded["article_id"], [recorded[c] for c in MANIFEST_ARTICLE]
    made = map(Article._make, zip(ids, *fields[:cut], itertools.repeat("", len(ids)), *fields[cut:]))
    known = map(KnownFile._make, zip(*(recorded[c] for c in MANIFEST_COLUMNS[:5]), (a if a.article_id else None for a in made)))
    files = dict(zip(recorded["path"], known))
    sha256 = {a: digest for a, digest in zip(ids, recorded["sha256"]) if a}  # '': a manifest.csv, no article
    batch_of = {a: batch for a, batch in zip(ids, recorded["batch"]) if a}
    return PreviousBuild(folder, sha256, batch_of, batches, files)


def file_manifest(files: list[KnownFile], articles: list[Article], batch_of: dict[str, int]) -> pa.Table:
    """The build's :data:`lib.store.FILES` manifest: the files its articles (and manifests) were read from, each article's
    fields but its text, and its batch (``batch_of``; -1 for a manifest.csv). A file looked at without a signature (a link)
    has size and mtime_ns -1: never taken as unchanged."""
    kept = {a.article_id for a in articles}
    listed = [f for f in files if f.article is None or f.article.article_id in kept]
    blank = Article("", *([""] * (len(Article._fields) - 1)))._replace(n_chars=0)
    # Columns by transposing the rows (zip), not by one attribute look-up per row and field: 17 fields of 100,000 files.
    known = dict(zip(KnownFile._fields, zip(*listed))) if listed else dict.fromkeys(KnownFile._fields, ())
    fields = dict(zip(Article._fields, zip(*(a or blank for a in known["article"])))) if listed else dict.fromkeys(Article._fields, ())
    columns = {
        **{c: known[c] for c in MANIFEST_COLUMNS[:5]}, "article_id": fields["article_id"], **{c: fields[c] for c in MANIFEST_ARTICLE},
        "batch": list(map(batch_of.get, fields["article_id"], itertools.repeat(-1))),  # -1: a manifest.csv ('' is no article's id)
    }
    types = {"size": pa.int64(), "mtime_ns": pa.int64(), "n_chars": pa.int64(), "batch": pa.int64()}
    return pa.table({c: pa.array(v, type=types.get(c, pa.string())) for c, v in columns.items()})


@contextlib.contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector paused until the block calls what it is given, then the objects alive frozen, until the block ends.

    Listing the corpus and the build before makes a few hundred thousand
    tuples and strings that live as long as the build and form no cycles; a
    collector scanning them again and again as they are made took more time
    than making them (0.7 of 1.1 s at 100,000 articles). Once frozen, the
    collections the rest of the build triggers (its extraction, pandas) skip them.
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


SEP = "\x1f"  # between an article's fields in a batch key


def batch_key(code: str, articles: list[Article], corrections: list[int]) -> str:
    """What a batch's files are made from: the ``code`` (fingerprint), its articles (each field but the text, which the sha256 stands for) and their corrections."""
    digest = hashlib.sha256(code.encode())
    # One string per batch, each article's fields joined with the text's left empty (the build lists articles without
    # their texts: each is joined whole), what hashing each article's fields one by one gives, at a fraction of the cost.
    digest.update("".join([SEP.join(map(str, a if not a.text else a._replace(text=""))) + "\n" for a in articles]).encode())
    digest.update(repr(corrections).encode())
    return digest.hexdigest()


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
        dropped: list[Rejection] = []
        previous = previous_build(out) if incremental else None
        files: list[KnownFile] = []
        located: dict[str, str] = {}
        articles, rejected = read_corpus(
            folders, notes=dropped, known=previous.files if previous else None, files=files, texts=False, located=located, scanned=scanned,
        )
        if not articles and (rejected or not all(f.is_dir() for f in folders)):
            raise BuildError("no article could be read: " + "; ".join(f"{r.path}: {r.reason}" for r in rejected))
        # Review: the reviewers' corrections, applied batch by batch in this process, whatever engine extracted the rows.
        database = review.database_url(out)
        latest = review.latest_id(database)  # read first: a correction made while applying makes this build stale, not lost
        history = review.corrections(database)
        owner = history.groupby("row_id")["article_id"].transform("first") if len(history) else history["article_id"]
        by_article = {a: rows for a, rows in history.groupby(owner, sort=False)} if len(history) else {}
        # Plan: a batch made from the same code, articles and corrections as one of the current build is linked, not made.
        bounds = store.batch_bounds([a.article_id for a in articles])
        plan, code, extractor = [], store.code_fingerprint(), store.extractor_fingerprint()  # read once: the code of every batch
        for start, end in bounds:
            members = articles[start:end]
            corrections = sorted(int(i) for a in members if a.article_id in by_article for i in by_article[a.article_id]["id"])
            key = batch_key(code, members, corrections)
            plan.append((members, key, previous.batches.get(key) if previous else None))
        unchanged = {a.article_id for a in articles if previous and previous.sha256.get(a.article_id) == a.sha256}
        todo = [a for members, _, linked in plan if linked is None for a in members if a.article_id not in unchanged]
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
            for members, key, linked in plan:
                if linked is not None:
                    batch, info = linked
                    staging.link(previous.folder, batch, key, info)
                else:
                    info = make_batch(staging, members, key, unchanged, fresh, previous, by_article)
                failed += [Rejection(*f) for f in info["failed"]]
                orphaned += info["orphaned"]
                applied += info["applied"]
                for name, n in info["rows"].items():
                    rows[name] += n
            failed_ids = {f.path for f in failed}
            kept = [a for a in articles if a.article_id not in failed_ids]
            gone = [rows for a, rows in by_article.items() if a not in located or a in failed_ids]
            if gone:  # corrections whose article is not (or no longer) in the tables: orphans
                empty = {name: schema.TABLES[name].empty() for name in schema.TABLES}
                orphaned += review.apply(empty, pd.concat(gone).sort_values("id", kind="stable")).orphaned
            # Save
            report = {
                "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "articles_folders": [str(f) for f in folders],
                "articles_read": len(kept),
                "articles_extracted": len(todo),
                "articles_reused": len(articles) - len(todo),
                "rejected": [r._asdict() for r in [*rejected, *failed] if r.reason != SIDE_FILE],
                "skipped": [r._asdict() for r in rejected if r.reason == SIDE_FILE],
                "dropped_metadata": [r._asdict() for r in dropped],
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
            batch_of = {a.article_id: batch for batch, (members, _, _) in enumerate(plan) for a in members}
            staging.publish(report, file_manifest(files, kept, batch_of))
    return report


def make_batch(
    staging: store.Staging, members: list[Article], key: str, unchanged: set[str], fresh: Fresh,
    previous: PreviousBuild | None, by_article: dict[str, pd.DataFrame],
) -> dict:
    """Make one batch of the corpus and write it to ``staging``: fresh rows, rows of unchanged articles from the current build, corrections applied.

    Returns its manifest info (rows, corrections applied, orphans, failed articles).
    """
    made = fresh.take([a.article_id for a in members if a.article_id not in unchanged])
    texts = {a.article_id: a for a in made.articles}
    reused = [a.article_id for a in members if a.article_id in unchanged]
    old: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.TABLES}
    for batch in sorted({previous.batch_of[i] for i in reused}) if previous else []:
        wanted = set(reused)
        for name in schema.TABLES:
            columns = ["article_id", "text"] if name == "articles" else None  # the rest of an article is as read now, below
            part = pd.read_parquet(previous.folder / store.EXTRACTED / f"{name}.parquet" / f"batch-{batch:05d}.parquet", columns=columns)
            old[name].append(part[part["article_id"].isin(wanted).to_numpy(dtype=bool)])
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
