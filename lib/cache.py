"""Cached loading for the dashboard: the only module of ``lib`` that imports Streamlit.

Every cached function is keyed by the current build folder's path (a new
build gets a new ``build-*`` folder), so publishing a build invalidates the
cache without any explicit clearing. The public functions resolve the
``current`` link once per call and pass the folder down.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib import build, data_io, schema, selection


STALE_CHECK_SECONDS = 15  # how often a rerun may look at the corpus files for changes


@st.cache_data(ttl=STALE_CHECK_SECONDS, show_spinner=False)
def _is_stale(folders: tuple[str, ...], out: str) -> bool:
    return build.is_stale([Path(f) for f in folders], Path(out))


def build_needed() -> str | None:
    """Why the tables must be rebuilt, or None; the corpus is looked at most every STALE_CHECK_SECONDS."""
    folders, out = data_io.corpus_folders(), data_io.data_folder()
    return data_io.build_needed(
        folders, out,
        is_stale=lambda f, o: _is_stale(tuple(map(str, f)), str(o)),
        load=lambda folder: _tables(str(folder)),
    )


def forget_staleness() -> None:
    """After a build: the next rerun must see the new build as up to date at once."""
    _is_stale.clear()


def build_folder() -> Path:
    """The current build folder (raises :class:`lib.data_io.DataError` when there is none)."""
    return data_io.current_build(data_io.data_folder())


@st.cache_data(show_spinner=False, max_entries=4)
def _tables(folder: str) -> dict[str, pd.DataFrame]:
    return data_io.load_tables(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _report(folder: str) -> dict:
    return data_io.load_report(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _with_meta(folder: str) -> dict[str, pd.DataFrame]:
    tables = _tables(folder)
    return {name: data_io.with_article_meta(tables[name], tables["articles"]) for name in schema.FACT_TABLES}


def tables() -> dict[str, pd.DataFrame]:
    """Every table of the current build, validated."""
    return _tables(str(build_folder()))


def report() -> dict:
    return _report(str(build_folder()))


def facts() -> dict[str, pd.DataFrame]:
    """The fact tables joined with their article's title, outlet and publication date."""
    return _with_meta(str(build_folder()))


@st.cache_data(show_spinner=False, max_entries=4)
def _quotes_view(folder: str) -> pd.DataFrame:
    tables = _tables(folder)
    return selection.quotes_with_context(tables["quotes"], tables["articles"])


def quotes_view() -> pd.DataFrame:
    """Quotes with their article's metadata and surrounding sentence, computed once per build."""
    return _quotes_view(str(build_folder()))


@st.cache_data(show_spinner=False, max_entries=4)
def _articles_view(folder: str) -> pd.DataFrame:
    return selection.facts_per_article(_tables(folder))


def articles_view() -> pd.DataFrame:
    """Articles with how many facts each gave, computed once per build."""
    return _articles_view(str(build_folder()))


@st.cache_data(show_spinner=False, max_entries=4)
def _timeline_view(folder: str) -> pd.DataFrame:
    return selection.timeline(_tables(folder))


def timeline_view() -> pd.DataFrame:
    """The timeline of key events, computed once per build."""
    return _timeline_view(str(build_folder()))


@st.cache_data(show_spinner="Scoring the extractor against the hand-annotated gold…", max_entries=2)
def _method_scores(code_fingerprint: str, gold_stamp: str) -> pd.DataFrame | str:
    from lib import evaluate

    try:
        gold = evaluate.load_gold()
    except (OSError, ValueError) as exc:
        return f"The gold annotations are incomplete ({exc}); scores cannot be computed yet."
    return evaluate.scores_frame(evaluate.evaluate(gold, evaluate.extract_corpus()))


def method_scores() -> pd.DataFrame | str:
    """Precision/recall/F1 per table from :mod:`lib.evaluate` (a message when the gold is missing).

    Keyed by the extractor's code fingerprint and the gold files, not the build:
    the scores only change when the code or the annotations do.
    """
    from lib import evaluate

    stamp = ";".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in sorted(evaluate.GOLD_DIR.glob("*.csv")))
    return _method_scores(build.code_fingerprint(), stamp)


@st.cache_data(show_spinner="Packing the tables…", max_entries=2)
def _bundle(folder: str, scores_key: str) -> bytes:
    from lib import bundle

    scores = method_scores()
    return bundle.zip_all(_tables(folder), _report(folder), scores if isinstance(scores, pd.DataFrame) else None)


def bundle_zip() -> bytes:
    """All tables as CSV in a zip with datapackage.json and README.txt."""
    return _bundle(str(build_folder()), build.code_fingerprint())


@st.cache_data(show_spinner=False, max_entries=8)
def _positions_as_of(folder: str, outlets: tuple, date_from, date_to, include_undated: bool, as_of) -> pd.DataFrame:
    pos = selection.apply_filters(_with_meta(folder)["positions"], selection.Filters(outlets=outlets, date_from=date_from, date_to=date_to, include_undated=include_undated), stance=False)
    return selection.positions_as_of(pos, as_of, include_undated)


def positions_as_of(filters: selection.Filters, as_of=None) -> pd.DataFrame:
    """Each actor's latest stance as of a date, under the outlet/date filters (cached)."""
    return _positions_as_of(str(build_folder()), tuple(filters.outlets), filters.date_from, filters.date_to, filters.include_undated, as_of)
