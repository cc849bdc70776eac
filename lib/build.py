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
failed or killed build leaves the last good tables untouched. One build at a
time runs per ``--out`` folder (an exclusive lock); a second one waits for
the first.

Exit status is non-zero only when nothing could be built (no folder, or every
file refused); the previous build then stays current.
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

import numpy as np
import pandas as pd

from lib import engines, paths, review, schema, store
from lib.articles import SIDE_FILE, Article, KnownFile, Rejection, read_corpus
from lib.extract import extract_article

ENGINES = engines.ENGINES
# One article's extraction may take this long at most; past it that article alone is rejected. Extraction is
# linear in the text (a 2 MB article, the largest accepted, takes seconds), so only a rule gone wrong reaches it.
ARTICLE_SECONDS = 60.0


class BuildError(RuntimeError):
    """Nothing could be built; the previous build (if any) stays current."""


class PreviousBuild(NamedTuple):
    """What the current build can lend to the next one: rows of articles whose file did not change."""

    sha256: dict[str, str]  # article_id -> hash of the file it was extracted from
    tables: dict[str, pd.DataFrame]  # fact tables
    files: dict[str, KnownFile]  # path -> the file as read, for files recorded in the build's manifest


def previous_build(out: Path) -> PreviousBuild | None:
    """The current build's rows, when it was made by the same extractor (else nothing is reusable)."""
    report = store.read_report(out)
    if report is None or report.get("extractor_fingerprint") != store.extractor_fingerprint():
        return None
    build_folder = store.current_build(out)
    folder = build_folder / store.EXTRACTED  # the extractor's rows, not the reviewed ones
    try:
        articles = pd.read_parquet(folder / "articles.parquet", columns=list(Article._fields))
        tables = {name: schema.validate(schema.TABLES[name], pd.read_parquet(folder / f"{name}.parquet")) for name in schema.FACT_TABLES}
        manifest = build_folder / store.FILES  # the build's own, beside its tables
        recorded = pd.read_parquet(manifest) if manifest.is_file() else None
    except (OSError, ValueError):  # damaged by hand: extract everything again
        return None
    files = {}
    if recorded is not None:
        by_id = {row[0]: Article(*row) for row in articles.itertuples(index=False, name=None)}
        for path, size, mtime_ns, body_sha256, dropped, article_id in recorded.itertuples(index=False, name=None):
            if not article_id or article_id in by_id:
                files[path] = KnownFile(path, int(size), int(mtime_ns), body_sha256, dropped, by_id.get(article_id))
    return PreviousBuild(dict(zip(articles["article_id"], articles["sha256"])), tables, files)


def file_manifest(files: list[KnownFile], articles: list[Article]) -> pd.DataFrame:
    """The build's :data:`lib.store.FILES` manifest: the files its articles (and manifests) were read from."""
    kept = {a.article_id for a in articles}
    rows = [
        (f.path, f.size, f.mtime_ns, f.body_sha256, f.dropped, f.article.article_id if f.article else "")
        for f in files if f.article is None or f.article.article_id in kept
    ]
    return pd.DataFrame(rows, columns=["path", "size", "mtime_ns", "body_sha256", "dropped", "article_id"]).astype(
        {"size": "int64", "mtime_ns": "int64"}
    )


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
    """A batch of articles extracted: a typed, provenance-checked frame per fact table, and the articles that failed."""

    frames: dict[str, pd.DataFrame]
    failed: list[Rejection]


def extract_batch(articles: list[Article]) -> Extracted:
    """Extract a batch of articles (what a worker runs).

    The worker turns its rows into Arrow-backed frames and checks their
    offsets against the texts it holds, so the main process receives compact
    column buffers rather than millions of Python tuples to convert.
    """
    rows: dict[str, list] = {name: [] for name in schema.FACT_TABLES}
    failed = []
    for article in articles:
        try:
            with time_budget(ARTICLE_SECONDS):
                found = extract_article(article.article_id, article.text)
        except OverBudget:
            failed.append(Rejection(article.article_id, f"extraction took longer than {ARTICLE_SECONDS:g} s"))
            continue
        except Exception as exc:  # one bad article must not sink the corpus
            failed.append(Rejection(article.article_id, f"extractor error: {type(exc).__name__}: {exc}"))
            continue
        for name, table_rows in found.items():
            rows[name].extend(table_rows)
    texts = {a.article_id: a.text for a in articles}
    sha256 = {a.article_id: a.sha256 for a in articles}
    frames = {}
    for name, table_rows in rows.items():
        frame = schema.TABLES[name].frame(table_rows)
        frame["row_id"] = review.row_ids(name, frame, sha256)  # hashed here, in the worker, with the article's hash at hand
        frames[name] = schema.validate(schema.TABLES[name], frame, texts)
    return Extracted(frames, failed)


def extract_all(
    articles: list[Article],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extracted:
    """Map :func:`extract_batch` over batches of the articles with an engine of :mod:`lib.engines`."""
    size = engines.default_batch_size(len(articles), workers)
    batches = [articles[i:i + size] for i in range(0, len(articles), size)]

    def batches_done(done: int, total: int) -> None:
        progress(min(done * size, len(articles)), len(articles))

    results = list(engines.imap(
        extract_batch, batches, engine=engine, workers=workers, scheduler=scheduler, batch_size=1,
        progress=batches_done if progress else None,
    ))
    frames = {
        name: pd.concat([r.frames[name] for r in results], ignore_index=True) if results else schema.TABLES[name].empty()
        for name in schema.FACT_TABLES
    }
    return Extracted(frames, [f for r in results for f in r.failed])


def build_tables(
    articles: list[Article], fresh: dict[str, pd.DataFrame], reused: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """Typed, validated frames for every table, rows in corpus order.

    ``fresh`` rows were just extracted (and their provenance checked, by
    :func:`extract_batch`); ``reused`` rows of articles whose file is unchanged
    since they were checked are added as they are.
    """
    position = {a.article_id: i for i, a in enumerate(articles)}
    tables = {"articles": schema.validate(schema.ARTICLES, schema.ARTICLES.frame(articles))}
    for name in schema.FACT_TABLES:
        rows = fresh[name]
        if reused is not None and len(reused[name]):
            rows = pd.concat([reused[name], rows], ignore_index=True)
        # Rows of one article stay in extraction order; articles in corpus order, as a full build has them.
        positions = rows["article_id"].map(position).to_numpy()
        if (np.diff(positions) < 0).any():  # a full build is in order already: no copy of a million rows
            rows = rows.iloc[np.argsort(positions, kind="stable")]
        tables[name] = schema.validate(schema.TABLES[name], rows)
    return tables


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
    ``incremental`` reuses the current build's rows for articles whose file is
    unchanged; ``only_if_stale`` returns None without building
    when, once the lock is held, the build turns out to be up to date (another
    process built it meanwhile); the staleness check is made under the lock only.
    """
    started = time.perf_counter()
    folders, out = [Path(f) for f in folders], out or paths.data_folder()
    with store.build_lock(out):
        if only_if_stale and store.stale_reason(folders, out) is None:
            return None
        store.remove_leftovers(out)
        # Load. The corpus is fingerprinted before it is read: a file added or changed while the build
        # reads makes this build stale at once, so the next check builds again instead of calling it current.
        corpus_fingerprint = store.corpus_fingerprint(folders)
        dropped: list[Rejection] = []
        previous = previous_build(out) if incremental else None
        files: list[KnownFile] = []
        articles, rejected = read_corpus(folders, notes=dropped, known=previous.files if previous else None, files=files)
        if not articles and (rejected or not all(f.is_dir() for f in folders)):
            raise BuildError("no article could be read: " + "; ".join(f"{r.path}: {r.reason}" for r in rejected))
        unchanged = {a.article_id for a in articles if previous and previous.sha256.get(a.article_id) == a.sha256}
        # Process
        todo = [a for a in articles if a.article_id not in unchanged]
        n_extracted = len(todo)
        fresh, failed = extract_all(todo, workers=workers, engine=engine, scheduler=scheduler, progress=progress)
        failed_ids = {f.path for f in failed}
        articles = [a for a in articles if a.article_id not in failed_ids]
        reused = {name: df[df["article_id"].isin(unchanged)] for name, df in previous.tables.items()} if previous else None
        tables = build_tables(articles, fresh, reused)
        manifest = file_manifest(files, articles)
        del articles, todo, fresh, reused, previous, files  # the texts now live in the articles table; free the rest before writing
        # Review: the reviewers' corrections applied here, in this process, whatever engine extracted the rows.
        database = review.database_url(out)
        latest = review.latest_id(database)  # read first: a correction made while applying makes this build stale, not lost
        applied = review.apply(tables, review.corrections(database))
        extracted = {**tables, **applied.extracted}
        tables = {**tables, **applied.reviewed}
        # Save
        report = {
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "articles_folders": [str(f) for f in folders],
            "articles_read": len(tables["articles"]),
            "articles_extracted": n_extracted,
            "articles_reused": len(unchanged),
            "rejected": [r._asdict() for r in [*rejected, *failed] if r.reason != SIDE_FILE],
            "skipped": [r._asdict() for r in rejected if r.reason == SIDE_FILE],
            "dropped_metadata": [r._asdict() for r in dropped],
            "rows": {name: len(df) for name, df in tables.items()},
            "seconds": round(time.perf_counter() - started, 3),
            "workers": workers,
            "engine": engine,
            "corpus_fingerprint": corpus_fingerprint,
            "code_fingerprint": store.code_fingerprint(),
            "extractor_fingerprint": store.extractor_fingerprint(),
            "corrections": {
                "database": review.shown_url(database), "latest_id": latest, "rows_applied": applied.applied,
                "orphaned": applied.orphaned,
            },
        }
        store.publish(tables, report, out, manifest, extracted=extracted)
    return report


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
