"""The data folder: where builds are published, locked, found, read and judged current.

Layout of ``data/`` (or ``$VENEZUELA_DATA``)::

    .build.lock          one build at a time (an OS lock, released when its holder dies)
    build-<stamp>-<pid>/ a complete build: <table>.parquet, <table>.csv, parts/, datapackage.json, build_report.json,
                         summaries/ (lib.summaries: what the dashboard shows unfiltered),
                         extracted/<table>.parquet (the extractor's rows before reviewers' corrections)
    review.sqlite        reviewers' corrections (lib.review), unless $VENEZUELA_DATABASE_URL puts them elsewhere
    current -> build-…   the published build, switched atomically
    .staging-*           a build being written (or left by a killed one, removed under the lock)

A build folder is written whole, then ``current`` is switched to it in one
rename, so a reader sees the previous build or the new one, never a mix.
:func:`stale_reason` is the one place that decides whether the published
build is current for a corpus and the code; everything else (the CLI's
``--if-stale``, the dashboard, uploads) asks it.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from lib import export, paths, review, schema, summaries

CURRENT = "current"
REPORT = "build_report.json"
# Per build: path, size, mtime_ns, body_sha256, dropped and article_id of every corpus file it read
# (article_id '' for a manifest.csv), so that the next build opens only the files that changed.
FILES = "files.parquet"
LOCK = ".build.lock"
EXTRACTED = "extracted"  # build-*/extracted/: every table as extracted, each row with its review status
PARTS = "parts"  # parts/<table>/batch-NNNNN.parquet: the tables split by article batch
BATCH_SIZE = 1000  # articles per batch, in corpus order
KEEP_BUILDS = 2  # the current build and the one before it

# What an article's extracted rows depend on besides its text: a change re-extracts every article.
EXTRACTOR_CODE = ("extract/*.py", "extract/*/*.py", "lexicons/*.csv", "articles.py", "lexicon.py", "schema.py", "text.py")
# What the published files depend on: a change rebuilds them (reusing rows if the extractor is unchanged).
# The dashboard's modules (app/) are outside lib/, so editing a chart does not force a rebuild.
BUILD_CODE = (*EXTRACTOR_CODE, "build.py", "store.py", "export.py", "review.py", "summaries.py")


class DataError(RuntimeError):
    """The data folder holds no complete, valid build."""


# ---------------------------------------------------------------- fingerprints


def _fingerprint(patterns: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in paths.LIB.glob(pattern)}):
        digest.update(path.relative_to(paths.LIB).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def code_fingerprint() -> str:
    """Hash of the code and lexicons the tables are made with: a change means the tables are stale."""
    return _fingerprint(BUILD_CODE)


def extractor_fingerprint() -> str:
    """Hash of the extractor's code and lexicons: a change means no extracted row can be reused."""
    return _fingerprint(EXTRACTOR_CODE)


def corpus_fingerprint(folders: list[Path]) -> str:
    """Names, sizes and modification times of every entry in the corpus folders (what a link points to, for a link).

    Never raises: an entry or folder that cannot be looked at (a link loop, no
    permission) counts by its name and the error, as the build reports it.
    """
    digest = hashlib.sha256()
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            digest.update(f"{folder}\0{type(exc).__name__}\n".encode())
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    continue
                info = entry.stat()
                digest.update(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
            except OSError as exc:
                digest.update(f"{entry.name}\0{type(exc).__name__}\n".encode())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- reading


def current_dir(out: Path | None = None) -> Path:
    """The ``current`` link of a data folder (it may not exist yet)."""
    return (out or paths.data_folder()) / CURRENT


def current_build(out: Path | None = None) -> Path:
    """The folder of the current build, resolved once, so one page run reads one build."""
    link = current_dir(out)
    if not link.exists():
        raise DataError(f"no build in {link.parent}")
    return link.resolve()


def read_report(out: Path | None = None) -> dict | None:
    """The current build's report, or None when there is no readable one."""
    try:
        return load_report(current_dir(out))
    except DataError:
        return None


def load_report(folder: Path) -> dict:
    try:
        return json.loads((folder / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}/{REPORT}: {exc}") from exc


def load_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of one build folder, validated against the schema."""
    return {name: load_table(folder, name) for name in schema.TABLES}


def load_table(folder: Path, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One table of a build folder (only ``columns``, in the schema's order, when given), validated against the schema.

    Parquet is read by column: the articles' metadata without their texts is
    a few megabytes at 100,000 articles, the texts hundreds.
    """
    table = schema.TABLES[name]
    if columns is not None:
        table = replace(table, columns=tuple(c for c in table.columns if c.name in columns), primary_key=())
    try:
        return schema.validate(table, pd.read_parquet(folder / f"{name}.parquet", columns=list(table.column_names)))
    except (OSError, ValueError) as exc:  # includes SchemaError and Arrow errors
        raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc


def check_files(folder: Path) -> None:
    """Raise :class:`DataError` unless every table's Parquet file opens and has the schema's columns.

    What a table deleted or truncated by hand breaks, found from the files'
    footers without reading their rows (:func:`load_table` validates the
    values when a table is read).
    """
    for name, table in schema.TABLES.items():
        try:
            found = pq.read_schema(folder / f"{name}.parquet").names
        except (OSError, ValueError) as exc:
            raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc
        if sorted(found) != sorted(table.column_names):
            raise DataError(f"{folder.name}/{name}.parquet: columns {found}, not {list(table.column_names)}")


def read_texts(folder: Path, article_ids) -> pd.DataFrame:
    """``article_id`` and ``text`` of a few articles of a build folder, without reading every text.

    The per-batch files of ``parts/articles/`` each record the range of their
    article ids, so Arrow opens only the files that can hold the ones asked
    for; a build without them is read whole.
    """
    wanted = pa.array(sorted(set(map(str, article_ids))), type=pa.string())
    parts = folder / PARTS / "articles"
    source = parts if any(parts.glob("*.parquet")) else folder / "articles.parquet"
    try:
        found = ds.dataset(source, format="parquet").to_table(columns=["article_id", "text"], filter=ds.field("article_id").isin(wanted))
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}: the article texts: {exc}") from exc
    return found.to_pandas().astype({"article_id": "string", "text": "string"})


def stale_reason(folders: list[Path], out: Path, *, load: Callable[[Path], object] | None = load_tables) -> str | None:
    """Why the tables must be (re)built for ``folders``, or None when the current build is complete and up to date.

    The one decision every caller shares (the CLI's ``--if-stale``, the
    dashboard, uploads): no build yet, built from other articles or other
    code, or damaged (a table deleted or truncated by hand), found by reading
    every table through ``load`` (the dashboard passes its cached loader;
    None skips reading).
    """
    report = read_report(out)
    if report is None:
        return "no tables have been built yet"
    if any(not (current_dir(out) / f"{name}.parquet").is_file() for name in schema.TABLES):
        return "the built tables are damaged (a table file is missing)"
    if report.get("corpus_fingerprint") != corpus_fingerprint(folders) or report.get("code_fingerprint") != code_fingerprint():
        return "the articles or the extraction code changed since the last build"
    if report.get("corrections", {}).get("latest_id") != review.latest_id(review.database_url(out)):
        return "reviewers made corrections since the last build"
    return damage(out, load) if load else None


def damage(out: Path, load: Callable[[Path], object] = load_tables) -> str | None:
    """What is wrong with the current build's tables, read through ``load``, or None."""
    try:
        load(current_build(out))
    except DataError as exc:
        return f"the built tables are damaged ({exc})"
    return None


# ---------------------------------------------------------------- writing


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the exclusive build lock of ``out`` (waits for a running build to finish).

    An OS lock (flock) is released by the kernel when its holder dies, so a
    killed build never leaves a stale lock behind.
    """
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(out: Path) -> None:
    """Staging folders and temporary links of builds that were killed (only ever called under the lock)."""
    for path in out.glob(".staging-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in out.glob(f".{CURRENT}-*"):
        path.unlink(missing_ok=True)


def _write_parts(df: pd.DataFrame, folder: Path, position: dict[str, int]) -> None:
    """One Parquet file per batch of BATCH_SIZE articles (what a cluster job or DuckDB reads in parallel).

    Tables are in corpus order, so each batch is one contiguous slice.
    """
    folder.mkdir(parents=True)
    batch = df["article_id"].map(position).to_numpy() // BATCH_SIZE
    starts = [0, *(np.flatnonzero(np.diff(batch)) + 1)] if len(df) else []
    for start, end in zip(starts, [*starts[1:], len(df)]):
        df.iloc[start:end].to_parquet(folder / f"batch-{batch[start]:05d}.parquet", index=False)


def publish(
    tables: dict[str, pd.DataFrame], report: dict, out: Path, files: pd.DataFrame | None = None, *, extracted: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a complete build folder, then swap the ``current`` link to it atomically.

    ``files`` is the build's file manifest (:data:`FILES`): the size and
    modification time of every corpus file it read, for the next build to
    know which files changed without reading them. ``extracted`` (the tables
    before reviewers' corrections) goes to ``extracted/`` as Parquet, with the
    same articles file (a hard link) and report, so it loads like any build folder.
    """
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    staging = out / f".staging-{stamp}-{os.getpid()}"
    staging.mkdir()
    position = {article_id: i for i, article_id in enumerate(tables["articles"]["article_id"])}
    try:
        for name, df in tables.items():
            df.to_parquet(staging / f"{name}.parquet", index=False)
            export.write_safe_csv(df, str(staging / f"{name}.csv"))  # streamed: the articles CSV alone is ~600 MB at 100k
            _write_parts(df, staging / PARTS / name, position)
        if files is not None:
            files.to_parquet(staging / FILES, index=False)
        summaries.write(tables, staging)  # what the dashboard shows unfiltered, once per build (not for extracted/: computed when asked)
        (staging / "datapackage.json").write_text(json.dumps(schema.datapackage(), indent=2), encoding="utf-8")
        (staging / REPORT).write_text(json.dumps(report, indent=2), encoding="utf-8")
        (staging / EXTRACTED).mkdir()
        for name, df in (extracted or tables).items():
            if name == "articles":
                try:
                    os.link(staging / "articles.parquet", staging / EXTRACTED / "articles.parquet")  # the texts once on disk
                except OSError:
                    shutil.copyfile(staging / "articles.parquet", staging / EXTRACTED / "articles.parquet")
            else:
                df.to_parquet(staging / EXTRACTED / f"{name}.parquet", index=False)
        shutil.copyfile(staging / REPORT, staging / EXTRACTED / REPORT)
        final = out / f"build-{stamp}-{os.getpid()}"
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    link = out / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(final.name, target_is_directory=True)
    os.replace(link, out / CURRENT)  # the one atomic step readers can observe
    _prune(out, keep=final.name)
    return final


def _prune(out: Path, keep: str) -> None:
    builds = sorted(p for p in out.glob("build-*") if p.is_dir())
    for old in builds[:-KEEP_BUILDS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
