"""Loading the built tables for the dashboard (Streamlit-free; see ``lib.cache``).

The dashboard reads one build at a time: :func:`current_build` resolves the
``current`` link once and every table is read from that folder, so a build
published in the middle of a page run cannot mix two builds. A missing or
malformed build (a table deleted or truncated by hand) raises
:class:`DataError`, which the dashboard answers by rebuilding.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pandas as pd

from lib import build, schema
from lib.build import corpus_folders, data_folder  # noqa: F401  (re-exported for the dashboard)

ARTICLE_META = ["article_id", "title", "outlet", "published"]


class DataError(RuntimeError):
    """The data folder holds no complete, valid build."""


def current_build(out: Path | None = None) -> Path:
    """The folder of the current build, resolved once."""
    link = build.current_dir(out or data_folder())
    if not link.exists():
        raise DataError(f"no build in {link.parent}")
    return link.resolve()


def build_needed(
    folders: list[Path],
    out: Path,
    *,
    is_stale: Callable[[list[Path], Path], bool] = build.is_stale,
    load: Callable[[Path], dict] | None = None,
) -> str | None:
    """Why the tables must be (re)built, or None when the current build is complete and up to date.

    ``is_stale`` and ``load`` default to the uncached checks; the dashboard
    passes its cached ones so that a rerun does not re-read 100,000 files.
    """
    if not build.current_dir(out).exists():
        return "no tables have been built yet"
    if is_stale(folders, out):
        return "the articles or the extraction code changed since the last build"
    try:
        (load or load_tables)(current_build(out))
    except DataError as exc:
        return f"the built tables are damaged ({exc})"
    return None


def ensure_built(progress: Callable[[int, int], None] | None = None) -> dict | None:
    """Build the tables when missing, stale or malformed; returns the report of a new build."""
    folders, out = corpus_folders(), data_folder()
    if build_needed(folders, out) is None:
        return None
    return build.build(folders, out, progress=progress)


def load_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of one build folder, validated against the schema."""
    tables = {}
    for name, table in schema.TABLES.items():
        try:
            df = pd.read_parquet(folder / f"{name}.parquet")
            tables[name] = schema.validate(table, df)
        except (OSError, ValueError) as exc:  # includes SchemaError and Arrow errors
            raise DataError(f"{folder.name}/{name}.parquet: {exc}") from exc
    return tables


def load_report(folder: Path) -> dict:
    try:
        return json.loads((folder / build.REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{folder.name}/{build.REPORT}: {exc}") from exc


def with_article_meta(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A fact table with its article's title, outlet and publication date alongside (missing when the article is).

    The fact table's own columns are shared, not copied (only the three new
    columns are allocated), which matters at hundreds of thousands of rows.
    """
    rows = pd.Index(articles["article_id"]).get_indexer(df["article_id"])
    return df.assign(**{
        column: pd.Series(articles[column].array.take(rows, allow_fill=True), index=df.index) for column in ARTICLE_META[1:]
    })
