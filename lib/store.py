"""The data folder: where builds are published, locked, found, read and judged current.

Layout of ``data/`` (or ``$VENEZUELA_DATA``)::

    .build.lock          one build at a time (an OS lock, released when its holder dies)
    build-<stamp>-<pid>/ a complete build: <table>.parquet/ and <table>.csv/ (one part per batch of articles,
                         batch-NNNNN.parquet and .csv), parts.parquet, files.arrow, datapackage.json,
                         build_report.json, summaries/ (lib.summaries: what the dashboard shows unfiltered,
                         each with one part per batch, combined when the build is published; parts/<name>.arrow
                         holds every batch's part of a combined one, for the next build),
                         extracted/<table>.parquet/ (the extractor's rows before reviewers' corrections)
    review.sqlite        reviewers' corrections (lib.review), unless $VENEZUELA_DATABASE_URL puts them elsewhere
    scores/              the extractor's scores kept between processes (lib.evaluate): against the gold, per code and gold;
                         from the reviewers' decisions, per build
    current -> build-…   the published build, switched atomically
    .staging-*           a build being written (or left by a killed one, removed under the lock)

A build folder is written whole, then ``current`` is switched to it in one
rename, so a reader sees the previous build or the new one, never a mix.
Every table is stored in parts, one per batch of articles (:func:`batch_bounds`,
in corpus order), so a build writes the parts whose articles changed and takes
every other one from the build before as a hard link (:class:`Staging`),
its summaries' parts with it: the cost of a rebuild follows the change, not the corpus. :func:`load_tables`
reads the parts back as whole tables.
:func:`stale_reason` is the one place that decides whether the published
build is current for a corpus and the code; everything else (the CLI's
``--if-stale``, the dashboard, uploads) asks it.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from lib import articles, export, paths, review, schema, summaries

CURRENT = "current"
REPORT = "build_report.json"
# Per build: path, size, mtime_ns, body_sha256, dropped and article_id of every corpus file it read (article_id ''
# for a manifest.csv), with its article's fields but the text and its batch (lib.build.file_manifest), so that the
# next build opens only the files that changed and learns what it can reuse from this one file.
FILES = "files.arrow"  # Arrow's file format, uncompressed: memory-mapped, not decoded (Parquet took a quarter of a second)
LOCK = ".build.lock"
EXTRACTED = "extracted"  # build-*/extracted/: every table as extracted, each row with its review status
# Per build: one row per batch (its number, the key of what it was made from, rows per table, what the
# reviewers' corrections did to it, the articles whose extraction failed), for the next build to reuse it.
PARTS = "parts.parquet"
# Report key: the schema_fingerprint() every table of a published build was validated against when it was written
# (Staging takes validated tables only). A reader may then skip validating them again (load_table(validate=False)).
VALIDATED = "validated_against"
BATCH_SIZE = 1000  # articles per batch on average, in corpus order (a batch holds a quarter to four times that)
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


def schema_fingerprint() -> str:
    """Hash of the table declarations (lib/schema.py): what a build's report records its tables were validated against (:data:`VALIDATED`)."""
    return _fingerprint(("schema.py",))


def extractor_fingerprint() -> str:
    """Hash of the extractor's code and lexicons: a change means no extracted row can be reused."""
    return _fingerprint(EXTRACTOR_CODE)


def corpus_fingerprint(folders: list[Path], scanned: list | None = None) -> str:
    """Names, sizes and modification times of every entry in the corpus folders (what a link points to, for a link).

    ``scanned`` is the folders' :func:`lib.articles.scan` when the caller took
    it already (the build, which lists its articles from the same look). Never
    raises: an entry or folder that cannot be looked at (a link loop, no
    permission) counts by its name and the error, as the build reports it.
    """
    digest = hashlib.sha256()
    for folder, entries in articles.scan(folders) if scanned is None else scanned:
        if isinstance(entries, OSError):
            digest.update(f"{folder}\0{type(entries).__name__}\n".encode())
            continue
        errors = entries.errors
        digest.update("".join([
            f"{name}\0{errors[name]}\n" if name in errors else f"{name}\0{size}\0{mtime}\n"
            for name, is_dir, size, mtime in zip(entries.names, entries.is_dir.tolist(), entries.size.tolist(), entries.mtime_ns.tolist()) if not is_dir
        ]).encode())
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


def part_files(folder: Path, name: str, suffix: str = "parquet") -> list[Path]:
    """The parts of table ``name`` in a build folder, in corpus order."""
    return sorted((folder / f"{name}.{suffix}").glob(f"batch-*.{suffix}"))


def counted_parts(folder: Path, name: str, batches: int | None = None) -> list[Path]:
    """:func:`part_files` of table ``name``; FileNotFoundError when its folder is missing or, ``batches`` given, a part is (damage, not fewer rows)."""
    where = folder / f"{name}.parquet"
    if not where.is_dir():
        raise FileNotFoundError(f"no folder {where.name}")
    files = part_files(folder, name)
    if batches is not None and len(files) != batches:
        raise FileNotFoundError(f"{len(files)} parts of {batches}")
    return files


def read_table(folder: Path, name: str, columns: list[str] | None = None, batches: int | None = None) -> pd.DataFrame:
    """Table ``name`` of a build folder, its parts read as one frame (not validated); OSError or ValueError when damaged.

    ``batches``, when given, is how many parts there must be (:func:`counted_parts`).
    """
    files = counted_parts(folder, name, batches)
    if not files:
        empty = schema.TABLES[name].empty()
        return empty[columns] if columns else empty
    return pq.read_table([str(f) for f in files], columns=columns).to_pandas()


def load_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of one build folder, whole and validated against the schema."""
    batches = _batch_count(folder)
    return {name: load_table(folder, name, batches=batches) for name in schema.TABLES}


def _batch_count(folder: Path) -> int:
    """How many batches a build folder (or its extracted/ folder) holds, from its :data:`PARTS` manifest."""
    try:
        return len(pd.read_parquet(folder.parent / PARTS if folder.name == EXTRACTED else folder / PARTS, columns=["batch"]))
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}/{PARTS}: {exc}") from exc


def load_table(folder: Path, name: str, columns: tuple[str, ...] | None = None, *, batches: int | None = None, validate: bool = True) -> pd.DataFrame:
    """One table of a build folder (only ``columns``, in the schema's order, when given), validated against the schema.

    Parquet is read by column: the articles' metadata without their texts is
    a few megabytes at 100,000 articles, the texts hundreds. ``batches`` is
    how many parts there must be (read from the manifest when not given).
    ``validate=False`` skips the schema check (half the time of a read at
    100,000 articles) where :func:`validated` says the build made it already:
    the files were written from validated frames, so they read back with the
    schema's columns and dtypes.
    """
    table = schema.TABLES[name]
    if columns is not None:
        table = replace(table, columns=tuple(c for c in table.columns if c.name in columns), primary_key=())
    batches = _batch_count(folder) if batches is None else batches
    try:
        frame = read_table(folder, name, list(table.column_names), batches=batches)
        return schema.validate(table, frame) if validate else frame
    except (OSError, ValueError) as exc:  # includes SchemaError and Arrow errors
        raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc


def validated(folder: Path) -> bool:
    """Whether a published build folder's report says its tables were validated against the current schema when written.

    False for a folder without a report (a build being staged, or damaged)
    and for one validated against other declarations: those are validated when read.
    """
    try:
        return load_report(folder).get(VALIDATED) == schema_fingerprint()
    except DataError:
        return False


def check_files(folder: Path) -> None:
    """Raise :class:`DataError` unless every table has all its parts and the schema's columns.

    What a table deleted or truncated by hand breaks, found from the files'
    footers without reading their rows (:func:`load_table` validates the
    values when a table is read).
    """
    batches = _batch_count(folder)
    for name, table in schema.TABLES.items():
        try:
            files = counted_parts(folder, name, batches)
            found = pq.read_schema(files[0]).names if files else list(table.column_names)
        except (OSError, ValueError) as exc:
            raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc
        if sorted(found) != sorted(table.column_names):
            raise DataError(f"{folder.name}/{name}.parquet: columns {found}, not {list(table.column_names)}")


def _parts_holding(folder: Path, wanted: pa.Array) -> list[str]:
    """The file names of the batches that hold some of the ``wanted`` article ids, from the articles' id column alone.

    An article's rows of every table sit in its batch, so its articles part
    says which part of any table to read. The Parquet statistics cannot: a
    batch's ids come from the whole corpus (batches end by the ids' hashes), so
    every part's range spans nearly all ids, and filtering on them decoded the
    asked-for columns of every part (the texts of ten articles: 0.7 s at
    100,000 articles; their id columns alone: 0.02 s).
    """
    # ParquetFile, not read_table: a dataset made per part cost five times the read of its ids.
    return [f.name for f in part_files(folder, "articles")
            if pc.any(pc.is_in(pq.ParquetFile(f).read(columns=["article_id"]).column(0), value_set=wanted)).as_py()]


def read_rows(folder: Path, name: str, columns: tuple[str, ...], article_ids) -> pd.DataFrame:
    """``columns`` of the rows of table ``name`` that belong to some articles, without reading the whole table:
    only the parts of the batches holding those articles (:func:`_parts_holding`) are read."""
    wanted = pa.array(sorted(set(map(str, article_ids))), type=pa.string())
    try:
        files = [folder / f"{name}.parquet" / part for part in _parts_holding(folder, wanted)]
        if not files:  # none of them (or an empty corpus, which has no batches)
            return schema.TABLES[name].empty()[list(columns)]
        found = ds.dataset([str(f) for f in files], format="parquet").to_table(columns=list(columns), filter=ds.field("article_id").isin(wanted))
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc
    return found.to_pandas()


def part_sizes(folder: Path, name: str) -> np.ndarray:
    """How many rows each part of table ``name`` holds, in corpus order, from the parts' footers alone."""
    try:
        return np.array([pq.ParquetFile(f).metadata.num_rows for f in counted_parts(folder, name)], dtype=np.int64)
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc


def read_at(folder: Path, name: str, positions, sizes: np.ndarray, *, validate: bool = True) -> pd.DataFrame:
    """The rows of table ``name`` at ``positions`` (row numbers in the whole table as :func:`load_table` reads it), in
    that order and indexed by them, only the parts holding them read; ``sizes`` is the table's :func:`part_sizes`.

    Ten quotes of 750,000 are a few parts' rows, not the table (``validate`` as in :func:`load_table`).
    """
    positions = np.asarray(positions, dtype=np.int64)
    table = schema.TABLES[name]
    ends = np.cumsum(sizes)
    if len(positions) and (positions.min() < 0 or positions.max() >= (ends[-1] if len(ends) else 0)):
        raise IndexError(f"{name}: row positions outside its {int(ends[-1]) if len(ends) else 0:,} rows")
    part = np.searchsorted(ends, positions, side="right")
    try:
        files = counted_parts(folder, name, len(sizes))
        pieces, placed = [], []
        for at in np.unique(part).tolist():
            wanted = np.flatnonzero(part == at)
            rows = pq.ParquetFile(files[at]).read(columns=list(table.column_names))
            pieces.append(rows.take(pa.array(positions[wanted] - (ends[at] - sizes[at]))))
            placed.append(wanted)
        found = pa.concat_tables(pieces).take(pa.array(np.argsort(np.concatenate(placed)))).to_pandas() if pieces else table.empty()
        found = schema.validate(table, found) if validate else found
    except (OSError, ValueError) as exc:  # includes SchemaError and Arrow errors
        raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc
    return found.set_axis(pd.RangeIndex(0) if not len(positions) else pd.Index(positions))


def read_texts(folder: Path, article_ids) -> pd.DataFrame:
    """``article_id`` and ``text`` of a few articles of a build folder (:func:`read_rows`), without reading every text."""
    return read_rows(folder, "articles", ("article_id", "text"), article_ids).astype({"article_id": "string", "text": "string"})


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
    if any(not (current_dir(out) / f"{name}.parquet").is_dir() for name in schema.TABLES):
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


def batch_bounds(article_ids: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each batch of a corpus in order: where batches end depends on the articles' ids only.

    A batch ends after an article whose id hashes to a multiple of the batch
    size (once it holds a quarter of :data:`BATCH_SIZE`), or at four times
    it. So an article added, changed or removed changes its own batch and
    leaves every other batch as it was, wherever it sits in the corpus; cutting
    by position would shift every batch after it.
    """
    least, most = max(1, BATCH_SIZE // 4), 4 * BATCH_SIZE
    spread = max(1, BATCH_SIZE - least)
    bounds, start = [], 0
    for i, article_id in enumerate(article_ids):
        size = i + 1 - start
        cut = int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest(), "big") % spread == 0
        if size >= most or (size >= least and cut):
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(article_ids):
        bounds.append((start, len(article_ids)))
    return bounds


class Staging:
    """A build folder being written batch by batch, published whole by :meth:`publish` (removed if never published).

    :meth:`write` stores a batch made now, :meth:`link` one taken from the
    build before (its files hard-linked, not copied), so the reviewed tables,
    the extracted ones and the CSVs of an unchanged batch cost nothing.
    Batches come in corpus order; their numbers are given here.
    """

    def __init__(self, out: Path):
        out.mkdir(parents=True, exist_ok=True)
        self.out, self.stamp = out, datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        self.folder = out / f".staging-{self.stamp}-{os.getpid()}"
        self.folder.mkdir()
        for name in schema.TABLES:
            for where in (self.folder / f"{name}.parquet", self.folder / f"{name}.csv", self.folder / EXTRACTED / f"{name}.parquet"):
                where.mkdir(parents=True)
        for where in summaries.part_folders(self.folder):
            where.mkdir(parents=True)
        self.batches: list[dict] = []
        self.linked: list[tuple[Path, int] | None] = []  # per batch: the build folder and batch it was linked from, or None

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)  # gone once published (renamed); else a failed build's leftovers

    def write(self, tables: dict[str, pd.DataFrame], extracted: dict[str, pd.DataFrame] | None = None, **info) -> None:
        """Store one batch: ``tables`` (every table, reviewed), ``extracted`` (fact tables before corrections; the same when None),
        each validated against :mod:`lib.schema` (as :func:`lib.schema.validate` returns them: the report says so, :data:`VALIDATED`).

        ``info`` (``key``, ``applied``, ``orphaned``, ``failed``) goes to the :data:`PARTS` manifest.
        """
        batch = len(self.batches)
        part = f"batch-{batch:05d}"
        for name, df in tables.items():
            df.to_parquet(self.folder / f"{name}.parquet" / f"{part}.parquet", index=False)
            export.write_safe_csv(df, str(self.folder / f"{name}.csv" / f"{part}.csv"))
            own = extracted is not None and name in extracted and extracted[name] is not df
            if own:
                extracted[name].to_parquet(self.folder / EXTRACTED / f"{name}.parquet" / f"{part}.parquet", index=False)
            else:  # the rows as extracted: the same file, once on disk
                paths.link_or_copy(self.folder / f"{name}.parquet" / f"{part}.parquet", self.folder / EXTRACTED / f"{name}.parquet" / f"{part}.parquet")
        summaries.write_parts(tables, self.folder, part)  # while the batch's texts are at hand; linked with its tables when unchanged
        sizes = [f.stat().st_size for f in batch_files(self.folder, batch)]
        self.batches.append({"rows": {name: len(df) for name, df in tables.items()}, "sizes": sizes, **info})
        self.linked.append(None)

    def link(self, previous: Path, batch: int, key: str, info: dict) -> None:
        """Take batch number ``batch`` of the build folder ``previous`` (with its ``key`` and manifest ``info``) as this build's next batch."""
        for source, target in zip(batch_paths(previous, batch), batch_paths(self.folder, len(self.batches))):
            paths.link_or_copy(source, target)
        self.batches.append({**info, "key": key})
        self.linked.append((previous, batch))

    def publish(self, report: dict, files: pa.Table | None = None) -> Path:
        """Write the manifests and the report, then swap the ``current`` link to this build atomically."""
        staging = self.folder
        report = {**report, VALIDATED: schema_fingerprint()}  # every batch came through write(), validated
        manifest = pd.DataFrame({
            "batch": range(len(self.batches)),
            "key": [b.get("key", "") for b in self.batches],
            "info": [json.dumps({k: v for k, v in b.items() if k != "key"}) for b in self.batches],
        })
        manifest.to_parquet(staging / PARTS, index=False)
        # What the dashboard shows unfiltered, once per build, not per visit: combined from the parts each batch wrote
        # (the extracted/ tables get none; a page computes them when asked).
        summaries.write(_Tables(staging, len(self.batches)), staging, self.linked)
        if files is not None:
            with pa.OSFile(str(staging / FILES), "wb") as sink, pa.ipc.new_file(sink, files.schema) as writer:
                writer.write_table(files)
        csv_parts = {name: {"path": [f"{name}.csv/{p.name}" for p in part_files(staging, name, "csv")]} for name in schema.TABLES}
        (staging / "datapackage.json").write_text(json.dumps(schema.datapackage(csv_parts), indent=2), encoding="utf-8")
        (staging / REPORT).write_text(json.dumps(report, indent=2), encoding="utf-8")
        shutil.copyfile(staging / REPORT, staging / EXTRACTED / REPORT)
        final = self.out / f"build-{self.stamp}-{os.getpid()}"
        staging.rename(final)
        link = self.out / f".{CURRENT}-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(final.name, target_is_directory=True)
        os.replace(link, self.out / CURRENT)  # the one atomic step readers can observe
        _prune(self.out, keep=final.name)
        return final


class _Tables(Mapping):
    """The tables of a build folder, each read when first asked for: :func:`lib.summaries.write` reads them only for
    a summary made without parts (none yet), so a build reads back no table it has no use for."""

    def __init__(self, folder: Path, batches: int):
        self.folder, self.batches, self.read = folder, batches, {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.read:
            self.read[name] = load_table(self.folder, name, batches=self.batches)
        return self.read[name]

    def __iter__(self):
        return iter(schema.TABLES)

    def __len__(self) -> int:
        return len(schema.TABLES)


def _batch_layout() -> tuple[str, ...]:
    """Where each file of a batch lies in a build folder, relative to it, with NUL standing for the batch's file stem: its
    tables' (Parquet, CSV, extracted), then its summaries' parts."""
    return _layout(tuple(schema.TABLES), tuple(summaries.PARTS))


@functools.cache
def _layout(tables: tuple[str, ...], parts: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`_batch_layout` of these tables and summary parts, worked out once: every batch linked or looked at asks for
    it, and making its paths each time took a tenth of a second of a rebuild at 100,000 articles."""
    part = "\0"
    names = [f for name in tables for f in (f"{name}.parquet/{part}.parquet", f"{name}.csv/{part}.csv", f"{EXTRACTED}/{name}.parquet/{part}.parquet")]
    return (*names, *(p.as_posix() for p in summaries.batch_parts(Path(), part)))


def batch_paths(folder: Path, batch: int) -> list[str]:
    """:func:`batch_files` as text: what looking at and linking them needs (a Path per file of every batch took a tenth
    of a second for the 80 batches of 100,000 articles)."""
    prefix, part = os.path.join(folder, ""), f"batch-{batch:05d}"
    return [prefix + name.replace("\0", part) for name in _batch_layout()]


def batch_files(folder: Path, batch: int) -> list[Path]:
    """Every file of one batch in a build folder: its tables' (Parquet, CSV, extracted), then its summaries' parts."""
    return [Path(p) for p in batch_paths(folder, batch)]


def intact(folder: Path, batch: int, info: dict) -> bool:
    """Whether every file of a batch is there with the size it was written with (a file deleted or truncated by hand is not).

    A manifest written before batches had summary parts records its
    tables' files only: those are checked (the rows they hold can be lent;
    the batch itself, made by other code, is never linked).
    """
    sizes = info.get("sizes") or []
    files = batch_paths(folder, batch)[:len(sizes)]
    try:
        return len(files) >= 3 * len(schema.TABLES) and [os.stat(f).st_size for f in files] == sizes
    except OSError:
        return False


def read_parts(folder: Path) -> pd.DataFrame:
    """A build folder's :data:`PARTS` manifest: batch, key and info (a dict) per batch."""
    manifest = pd.read_parquet(folder / PARTS)
    return manifest.assign(info=[json.loads(i) for i in manifest["info"]])


def publish(
    tables: dict[str, pd.DataFrame], report: dict, out: Path, files: pa.Table | None = None, *, extracted: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write whole tables as a complete build folder, then swap the ``current`` link to it atomically.

    The build itself streams its batches through :class:`Staging`; this is
    for tables made whole elsewhere (a replicated build). ``files`` is the
    build's file manifest (:data:`FILES`); ``extracted`` (the fact tables
    before reviewers' corrections) goes to ``extracted/``; every table
    validated, as :class:`Staging` takes them. Its batches are
    never reused (they have no key).
    """
    articles = tables["articles"]
    position = {article_id: i for i, article_id in enumerate(articles["article_id"])}
    bounds = batch_bounds(list(articles["article_id"]))
    batch_of = np.zeros(len(articles), dtype=np.int64)
    for batch, (start, end) in enumerate(bounds):
        batch_of[start:end] = batch

    def split(df: pd.DataFrame) -> list[pd.DataFrame]:
        where = batch_of[df["article_id"].map(position).to_numpy(dtype=np.int64)] if len(df) else np.zeros(0, dtype=np.int64)
        return [df[where == batch] for batch in range(len(bounds))]

    reviewed = {name: split(df) for name, df in tables.items()}
    before = {name: split(df) for name, df in (extracted or {}).items() if name != "articles"}
    with Staging(out) as staging:
        for batch in range(len(bounds)):
            staging.write({name: parts[batch] for name, parts in reviewed.items()}, {name: parts[batch] for name, parts in before.items()} or None)
        return staging.publish(report, files)


def _prune(out: Path, keep: str) -> None:
    builds = sorted(p for p in out.glob("build-*") if p.is_dir())
    for old in builds[:-KEEP_BUILDS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
