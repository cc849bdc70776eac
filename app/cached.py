"""Cached loading for the dashboard: the only module of ``lib`` that imports Streamlit.

Every cached function is keyed by the current build folder's path (a new
build gets a new ``build-*`` folder), so publishing a build invalidates the
cache without any explicit clearing. The public functions resolve the
``current`` link once per call and pass the folder down.

Two kinds of cache, chosen for 100,000 articles:

- the tables and the per-build *views* (fact tables with what filtering and
  ordering them needs: their article's date; the quote search index) are held once with
  ``st.cache_resource``: ``st.cache_data`` would unpickle a fresh copy of
  hundreds of megabytes on every call. They are shared by every session and
  **must not be modified in place** (derive new frames: ``assign``, ``iloc``).
  Each table is read when a page first needs it, the articles without their
  texts (a page cuts the few texts it shows with :func:`article_texts`), and
  not validated again when the build that wrote it did (:func:`lib.store.validated`);
- what a table shows of its rows beyond their own columns (figures in words,
  published references, article titles: :data:`SHOWN`) is made for the rows
  shown, a page of them cached, not for every row on the first visit;
- with no sidebar filter, a summary the build wrote (:mod:`lib.summaries`)
  is read instead of computed, and so are the per-row quote search index and
  key-event days the views need, and the first rows each table lists
  (:class:`Listed`): a page reads a fact table once a filter is set;
- what depends on the filters is cached per build and filter values as row
  *positions* in a view (integer arrays) and small summaries, never as copies
  of the rows. The outlet and date filters are article-level, so they are
  applied once to the articles and carried to the fact tables through each
  row's article position (a NumPy take, not a string comparison per row);
- what a page's first run does not show is not read for it: the quotes'
  search text waits for the first search, and a search reads only the
  columns it narrows and orders by (the build's index: :data:`SEARCH_INDEX`),
  the rest of a row read from its part when the row is shown.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from lib import paths, schema, store, summaries
from app import selection


STALE_CHECK_SECONDS = 15  # how old the last look at the corpus files may be before a rerun has another taken


class _FileLooks:
    """The latest look at the corpus files for changes (:func:`lib.store.stale_reason` without the tables), per corpus
    and data folder, shared by every session.

    A look at 100,000 files takes half a second (an ``lstat`` each), so after
    the first a rerun never waits for one: once the latest is
    STALE_CHECK_SECONDS old, the next is taken in a thread and the rerun goes
    on with the latest; the first rerun after it sees what it found. A look
    begun before :meth:`forget` (a build or an upload since) is not kept.
    A first look under way (another session's, or the warm-up's when a
    server is not started by ``dashboard.py``) is waited for, not taken twice.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._looks: dict[tuple, tuple[float, str | None]] = {}  # (folders, out) -> (when the look began, what it found)
        self._looking: set[tuple] = set()
        self._first: dict[tuple, threading.Event] = {}  # the first looks under way, set when each is over
        self._generation = 0

    def reason(self, folders: tuple[str, ...], out: str) -> str | None:
        key = (folders, out)
        with self._lock:
            latest = self._looks.get(key)
            again = latest is not None and time.monotonic() - latest[0] >= STALE_CHECK_SECONDS and key not in self._looking
            if again:
                self._looking.add(key)
            underway = self._first.get(key) if latest is None else None
            if latest is None and underway is None:
                self._first[key] = threading.Event()
        if underway is not None:
            underway.wait()
            with self._lock:
                latest = self._looks.get(key)
            return self._look(key) if latest is None else latest[1]  # not kept (a build came meanwhile): a look of its own
        if latest is None:
            try:
                return self._look(key)
            finally:
                with self._lock:
                    self._first.pop(key).set()
        if again:
            threading.Thread(target=self._look_apart, args=(key,), name="corpus-look", daemon=True).start()
        return latest[1]

    def _look(self, key: tuple) -> str | None:
        with self._lock:
            began, generation = time.monotonic(), self._generation
        found = store.stale_reason([Path(f) for f in key[0]], Path(key[1]), load=None)
        with self._lock:  # kept unless a build came since, or a look begun later is in already
            if generation == self._generation and began >= self._looks.get(key, (began,))[0]:
                self._looks[key] = (began, found)
        return found

    def _look_apart(self, key: tuple) -> None:
        try:
            self._look(key)
        finally:
            with self._lock:
                self._looking.discard(key)

    def forget(self) -> None:
        with self._lock:
            self._looks.clear()
            self._generation += 1


_FILE_LOOKS = _FileLooks()


def stale_reason() -> str | None:
    """:func:`lib.store.stale_reason` for the configured corpus, its files looked at every STALE_CHECK_SECONDS (:class:`_FileLooks`).

    The tables are checked through the per-build cache, so a rerun reads nothing again.
    """
    folders, out = paths.corpus_folders(), paths.data_folder()
    return _FILE_LOOKS.reason(tuple(map(str, folders)), str(out)) or store.damage(out, load=lambda folder: _checked(str(folder)))


@st.cache_data(show_spinner=False, max_entries=4)
def _checked(folder: str) -> bool:
    store.check_files(Path(folder))  # the files' footers only: a page reads (and validates) the tables it needs
    return True


def warm() -> None:
    """At a server's start (``dashboard.py``, before it answers): what its first page run reads whatever page is asked for, so
    that the first visitor does not wait for it: the modules every page imports (pandas and pyarrow with them), the
    first look at the corpus files (:func:`stale_reason`), the build's report and the sidebar's options. With no
    build yet, nothing is read: the first visit builds."""
    import streamlit.emojis  # noqa: F401  (the page icon is an emoji: Streamlit compiles its catalogue on import, 0.1-0.2 s)
    from streamlit import delta_generator

    from app import components  # noqa: F401

    # Streamlit's once-per-process check, on a page's first element, that it is not run from a REPL: inspect.stack()
    # over the script runner's deep stack, a quarter of the first run at 100,000 articles; from here the stack is short.
    # (A private function: gone in another Streamlit, the first run pays for it again, nothing else.)
    getattr(delta_generator, "_maybe_print_use_warning", lambda: None)()
    stale_reason()
    try:
        folder = str(build_folder())
    except store.DataError:
        return
    _report(folder)
    _filter_options(folder)


def forget_staleness() -> None:
    """After a build or an upload: the next rerun must look at the files again at once."""
    _FILE_LOOKS.forget()


def build_folder() -> Path:
    """The current build folder (raises :class:`lib.store.DataError` when there is none)."""
    return store.current_build(paths.data_folder())


def reviewed() -> bool:
    """Whether the pages show the reviewed tables (the default) or the extractor's rows as they came (the sidebar's toggle)."""
    return bool(st.session_state.get("reviewed", True))


def _current() -> str:
    # The extracted tables are a build folder of their own (build-*/extracted/), so every cache keyed by the
    # folder keeps the two apart without knowing about them.
    folder = build_folder()
    return str(folder if reviewed() else folder / store.EXTRACTED)


# ---------------------------------------------------------------- per build: tables and views (shared, read-only)


ARTICLE_META = tuple(c for c in schema.ARTICLES.column_names if c != "text")  # what the pages use of the articles table


@st.cache_data(show_spinner=False, max_entries=8)
def _validated(folder: str) -> bool:
    return store.validated(Path(folder))


def _load(folder: str, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """:func:`lib.store.load_table`, not validated again when the build validated it as it wrote it (:func:`lib.store.validated`):
    validating takes as long as reading at 100,000 articles. Any other folder's tables are validated as they are read."""
    return store.load_table(Path(folder), name, columns, validate=not _validated(folder))


@st.cache_resource(show_spinner=False, max_entries=2 * len(schema.TABLES))  # the reviewed tables and the extracted ones
def _table(folder: str, name: str) -> pd.DataFrame:
    frame = _load(folder, name, ARTICLE_META if name == "articles" else None)
    pa.default_memory_pool().release_unused()
    return frame


class Tables(Mapping):
    """The tables of one build folder, each read on first use (``articles`` without its texts)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in schema.TABLES:
            raise KeyError(name)
        return _table(self.folder, name)

    def __iter__(self):
        return iter(schema.TABLES)

    def __len__(self) -> int:
        return len(schema.TABLES)


def _tables(folder: str) -> Tables:
    return Tables(folder)


@st.cache_resource(show_spinner=False, max_entries=2)
def _full_tables(folder: str) -> dict[str, pd.DataFrame]:
    return store.load_tables(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4 * len(schema.SUMMARIES))
def _build_summary(folder: str, name: str) -> pd.DataFrame | None:
    return summaries.read(Path(folder), name)


@st.cache_data(show_spinner=False, max_entries=4)
def _report(folder: str) -> dict:
    return store.load_report(Path(folder))


def tables() -> Tables:
    """Every table of the current build, validated, each read when first asked for; ``articles`` without texts (shared: do not modify)."""
    return _tables(_current())


@st.cache_data(show_spinner=False, max_entries=256)
def _article_texts(folder: str, article_ids: tuple[str, ...]) -> pd.DataFrame:
    return store.read_texts(Path(folder), article_ids)


TEXTS_CACHED = 1000  # more texts than a page shows (a download of every row): read once, not held in the cache


def article_texts(article_ids) -> pd.DataFrame:
    """``article_id`` and ``text`` of some articles (the texts are the same in the reviewed and extracted tables)."""
    wanted = tuple(sorted(set(map(str, article_ids))))
    read = _article_texts if len(wanted) <= TEXTS_CACHED else lambda folder, ids: store.read_texts(Path(folder), ids)
    return read(str(build_folder()), wanted)


@st.cache_data(show_spinner=False, max_entries=1024)
def _article_url(folder: str, article_id) -> str:
    articles = _tables(folder)["articles"]
    return next(iter(articles.loc[articles["article_id"] == article_id, "url"]), "")  # no index of 100,000 ids for a few cards


def article_url(article_id) -> str:
    """One article's URL ('' when it has none), looked up once per build and article: a card's cite line on every
    rerun would otherwise compare 100,000 article ids again (ten quote cards: a seventh of a second)."""
    return _article_url(_current(), article_id)


# What the article reader labels each fact with (selection.fact_spans): a few columns of the one article's rows,
# read from the parts that can hold them (lib.store.read_rows), not a column of every row of 100,000 articles.
SPAN_COLUMNS = {
    "positions": ("article_id", "start", "end", "actor_name", "stance", "cue"),
    "results": ("article_id", "start", "end", "claimed_by", "mention", "kind", "subject"),
    "crackdown": ("article_id", "start", "end", "claimed_by", "mention", "kind", "subject"),
    "quotes": ("article_id", "start", "end", "speaker"),
}


@st.cache_data(show_spinner=False, max_entries=64)
def _fact_spans(folder: str, article_id: str) -> pd.DataFrame:
    return selection.fact_spans({name: store.read_rows(Path(folder), name, columns, [article_id]) for name, columns in SPAN_COLUMNS.items()}, article_id)


def fact_spans(article_id: str) -> pd.DataFrame:
    """:func:`selection.fact_spans` of one article, from the columns of :data:`SPAN_COLUMNS`."""
    return _fact_spans(_current(), article_id)


def with_sentences(quotes: pd.DataFrame) -> pd.DataFrame:
    """:func:`summaries.with_sentences` of a few quotes, their articles' texts read for them alone; quotes from the build's
    first rows carry their sentences already (:data:`lib.summaries.HEAD_ADDED`): moved last, where the cut would put them."""
    if "sentence" in quotes.columns:
        return quotes[[*quotes.columns.drop("sentence"), "sentence"]]
    return summaries.with_sentences(quotes, article_texts(quotes["article_id"]))


def report() -> dict:
    return _report(_current())


def review_tables() -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The current build's reviewed tables and its extracted ones (each row with its review status), whatever the toggle says."""
    folder = build_folder()
    return _full_tables(str(folder)), _full_tables(str(folder / store.EXTRACTED))


def _with_dates(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    # A table's rows with their article's publication date: all that the filters, orders and date searches need of the articles.
    return summaries.with_article_meta(rows, tables["articles"][["article_id", "published"]])


def _dated(name: str) -> Callable[[Tables], pd.DataFrame]:
    return lambda tables: _with_dates(tables, tables[name])


def _figures(rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    # The article's metadata in its usual place (after the row's own columns), then each distinct figure in words.
    return selection.with_words(summaries.with_article_meta(rows.drop(columns="published"), articles))


def _articles(tables: Tables) -> pd.DataFrame:
    counts = _build_summary(tables.folder, "article_facts")
    if counts is None:  # a build without it (its extracted/ tables): counted here, from the article ids alone
        counts = summaries.fact_counts({"articles": tables["articles"], **{name: _load(tables.folder, name, ("article_id",)) for name in summaries.FACT_COUNTS}})
    return selection.facts_per_article(tables["articles"], counts)


def _quote_haystack(tables: Tables) -> pd.Series:
    index = _search_index(tables.folder, "quotes")
    if index is None:  # a build without the index (its extracted/ tables): made here, from every text
        return summaries.quote_search(tables["quotes"], _full_tables(tables.folder)["articles"])
    return index["haystack"]


VIEWS: dict[str, Callable[[Tables], pd.DataFrame]] = {
    "meta": lambda tables: tables["articles"],  # the articles' metadata, for summaries of the articles alone
    "articles": _articles,  # articles with how many facts each gave, no texts
    "positions": lambda tables: summaries.with_article_meta(tables["positions"], tables["articles"]),
    # the rows and their dates; what is shown of them is made for the rows shown (SHOWN), the search text read apart (HAYSTACKS)
    "results": _dated("results"),
    "crackdown": _dated("crackdown"),
    "quotes": _dated("quotes"),
    # key events, one row per (event, article), on the days the build placed them
    "timeline": lambda tables: summaries.timeline(tables, summaries.aligned(_build_summary(tables.folder, "event_days"), tables["events"])),
}
# What the rows of a view get where they are shown or summarised (a table's rows, a download, a filtered summary),
# not once for every row: words, published references and article titles for 400,000 figures or 750,000 quotes take seconds.
SHOWN: dict[str, Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]] = {
    "results": lambda rows, articles: summaries.with_references(_figures(rows, articles)),  # marked against the published figures
    "crackdown": _figures,
    "quotes": lambda rows, articles: selection.quote_index(rows.drop(columns="published"), articles),
}
# The folded text a search of a view looks through, aligned with its rows, made or read when someone first searches
# the view, not when a page first shows it: the quotes' is hundreds of megabytes at 100,000 articles, the articles' a third of a second.
HAYSTACKS: dict[str, Callable[[Tables], pd.Series]] = {
    "articles": lambda tables: summaries.haystack(_view(tables.folder, "articles"), ["article_id", "title", "outlet"]),
    "quotes": _quote_haystack,
}
# The build's per-row index of a view's searches (lib.summaries), row for row with its table: each row's row_id, the columns
# a search picks its rows by (their article, the values it narrows by) and the folded text it looks through, memory-mapped.
# A search reads no column of the table: the rest of each row (a quote's words, offsets and review) is read from the parts
# holding the rows shown (_at). Reading the columns from the table instead cost a first search 0.8 s at 100,000 articles.
SEARCH_INDEX: dict[str, tuple[str, list[str]]] = {"quotes": ("quote_search", summaries.QUOTE_SEARCHED)}
# The order in which tables list each view's rows (default: as built).
ORDERS: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "positions": summaries.by_actor,  # the same order as the build's listing of them (lib.summaries.LISTINGS)
    "results": summaries.newest_first,
    "crackdown": summaries.newest_first,
}


@st.cache_resource(show_spinner="Preparing this page's tables (once per build)…", max_entries=len(VIEWS))
def _view(folder: str, name: str) -> pd.DataFrame:
    frame = VIEWS[name](_tables(folder))
    # Building a view allocates several times its size in intermediate Arrow
    # buffers; hand them back to the system instead of keeping them pooled.
    pa.default_memory_pool().release_unused()
    return frame


@st.cache_data(show_spinner=False, max_entries=2 * len(SEARCH_INDEX))
def _part_sizes(folder: str, name: str) -> np.ndarray:
    return store.part_sizes(Path(folder), name)


# Read straight from the files, not through _build_summary: st.cache_data would pickle 200 MB of text once more.
@st.cache_resource(show_spinner=False, max_entries=2 * len(SEARCH_INDEX))
def _search_index(folder: str, name: str) -> pd.DataFrame | None:
    """The build's :data:`SEARCH_INDEX` of view ``name``; None when it has none (its extracted/ tables) or not as many rows
    as the table. Its rows are the table's in order by construction (each batch writes both): the row ids of the rows
    shown are checked (:func:`_at`), not all of them, which would read the table's 750,000 ids for every first search."""
    index = summaries.read(Path(folder), SEARCH_INDEX[name][0])
    return index if index is not None and len(index) == _part_sizes(folder, name).sum() else None


@st.cache_resource(show_spinner=False, max_entries=2 * len(SEARCH_INDEX))
def _searched(folder: str, name: str) -> pd.DataFrame:
    index, columns = _search_index(folder, name), SEARCH_INDEX[name][1]
    return _with_dates(_tables(folder), _load(folder, name, tuple(columns)) if index is None else index[columns])


def _keys(folder: str, name: str) -> pd.DataFrame:
    """What rows of view ``name`` are picked and ordered by: the columns of its :data:`SEARCH_INDEX` (row for row), or the view."""
    return _searched(folder, name) if name in SEARCH_INDEX else _view(folder, name)


def _at(folder: str, name: str, positions: np.ndarray) -> pd.DataFrame:
    """The rows of view ``name`` at ``positions``, as the view has them; of a view with a :data:`SEARCH_INDEX`, read from
    the parts holding them, and refused (:class:`lib.store.DataError`) unless they are the index's rows there."""
    if name not in SEARCH_INDEX:
        return selection.take(_view(folder, name), positions)
    rows = store.read_at(Path(folder), name, positions, _part_sizes(folder, name), validate=not _validated(folder))
    index = _search_index(folder, name)
    if index is not None and rows["row_id"].tolist() != list(summaries.values_at(index["row_id"].array, positions)):
        raise store.DataError(f"{Path(folder).name}: its {SEARCH_INDEX[name][0]} summary is not row for row its {name} table")
    return _with_dates(_tables(folder), rows)


@st.cache_resource(show_spinner="Preparing the search (once per build)…", max_entries=len(HAYSTACKS))
def _haystack(folder: str, name: str) -> pd.Series:
    return HAYSTACKS[name](_tables(folder))


@st.cache_resource(show_spinner=False, max_entries=len(VIEWS))
def _article_rows(folder: str, name: str) -> np.ndarray:
    return summaries.article_rows(_tables(folder)["articles"], _keys(folder, name))


@st.cache_resource(show_spinner=False, max_entries=len(VIEWS))
def _order(folder: str, name: str) -> np.ndarray:
    return ORDERS[name](_view(folder, name)) if name in ORDERS else np.arange(len(_keys(folder, name)))


def view(name: str) -> pd.DataFrame:
    """A per-build view of :data:`VIEWS`, every row (shared: do not modify); pick rows with :func:`rows` or :func:`search`,
    and show them with :func:`shown` (the ``prepare`` of :func:`app.components.table`)."""
    return _view(_current(), name)


def _shown(folder: str, name: str, rows: pd.DataFrame) -> pd.DataFrame:
    return SHOWN[name](rows, _tables(folder)["articles"]) if name in SHOWN else rows


@st.cache_data(show_spinner=False, max_entries=64)
def _shown_rows(folder: str, name: str, positions: bytes) -> pd.DataFrame:
    return _shown(folder, name, _at(folder, name, np.frombuffer(positions, dtype=np.int64)))


def shown(name: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """What rows of :func:`view` ``name`` need to be shown (:data:`SHOWN`: words, references, article titles), as a
    function of the rows (picked from the view by position: their index is their position in it).

    A page's worth of rows (up to TEXTS_CACHED) is made once per build and rows, so a rerun does not word them again;
    a download's are not kept.
    """
    folder = _current()

    def prepare(rows: pd.DataFrame) -> pd.DataFrame:
        return _shown(folder, name, rows) if len(rows) > TEXTS_CACHED else _prepared(folder, name, rows.index.to_numpy())
    return prepare


def _prepared(folder: str, name: str, positions: np.ndarray) -> pd.DataFrame:
    """The rows of view ``name`` at ``positions``, as shown: a page's worth (up to TEXTS_CACHED) made once per build and rows."""
    if len(positions) > TEXTS_CACHED:
        return _shown(folder, name, _at(folder, name, positions))
    return _shown_rows(folder, name, np.asarray(positions, dtype=np.int64).tobytes())


# ---------------------------------------------------------------- per build and filters: row positions and summaries
#
# Filters select row *positions* in a view (small integer arrays), never
# copies of the view: a copy per filter combination would hold gigabytes.


def _key(filters: selection.Filters) -> selection.Filters:
    return filters.of_articles


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_options(folder: str) -> dict:
    days = _build_summary(folder, "article_days")  # a few thousand rows, not the articles: the first run reads no table for it
    days = summaries.article_days(_tables(folder)["articles"]) if days is None else days
    return {
        "outlets": selection.outlets(days),
        "bounds": selection.date_bounds(days),
        "n_undated": int(days.loc[~summaries.dated(days), "n_articles"].sum()),
        "n_articles": int(days["n_articles"].sum()),
    }


def filter_options() -> dict:
    """What the sidebar offers, once per build: ``outlets``, the date ``bounds``, ``n_undated`` of ``n_articles``."""
    return _filter_options(_current())


@st.cache_resource(show_spinner=False, max_entries=16)
def _article_mask(folder: str, key: selection.Filters) -> np.ndarray:
    return selection.article_mask(_tables(folder)["articles"], key)


@st.cache_resource(show_spinner=False, max_entries=64)
def _rows(folder: str, name: str, key: selection.Filters) -> np.ndarray:
    order = _order(folder, name)
    articles = _article_rows(folder, name)[order]
    return order[(articles >= 0) & _article_mask(folder, key)[articles]]


def rows(name: str, filters: selection.Filters) -> np.ndarray:
    """Positions in :func:`view` ``name`` of the rows the outlet and date filters keep, in the view's table order."""
    return _rows(_current(), name, _key(filters))


def _kept(folder: str, name: str, key: selection.Filters) -> pd.DataFrame:
    return _view(folder, name).iloc[_rows(folder, name, key)].reset_index(drop=True)


# Held, not made again, for the summaries of one view under the same filters (the Results page makes two of the
# figures): making the kept rows as shown costs a second at 400,000 figures. Two entries: the latest filters of two views.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shown_subset(folder: str, name: str, key: selection.Filters) -> pd.DataFrame:
    return _shown(folder, name, _kept(folder, name, key))


def _subset(folder: str, name: str, key: selection.Filters) -> pd.DataFrame:
    """The kept rows as a frame, as shown (:data:`SHOWN`), for the summaries below (which are cached, not this;
    a view's of :data:`SHOWN` is shared: do not modify it)."""
    return _shown_subset(folder, name, key) if name in SHOWN else _kept(folder, name, key)


def is_kept(filters: selection.Filters, article_id: str) -> bool:
    """Whether the filters keep this article."""
    folder = _current()
    position = pd.Index(_tables(folder)["articles"]["article_id"]).get_indexer([article_id])[0]
    return bool(position >= 0 and _article_mask(folder, _key(filters))[position])


# Summaries of one view's kept rows: name -> (view, function of the rows). Those of lib.schema.SUMMARIES are
# also written by the build: with no filter, they are read from the build folder instead.
SUMMARIES: dict[str, tuple[str, Callable[[pd.DataFrame], object]]] = {
    "results_summary": ("results", summaries.results_summary),
    "published_claims": ("results", summaries.published_claims),
    "latest_figures": ("crackdown", summaries.latest_figures),
    "article_days": ("meta", summaries.article_days),
    "timeline_points": ("timeline", summaries.timeline_points),
}
# What the pages add to a summary, built or computed (labels are the dashboard's, not the build's).
FINISH: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {"published_claims": selection.with_kind_labels, "latest_figures": selection.with_words}
UNFILTERED = selection.Filters()


def _built(folder: str, name: str, key: selection.Filters) -> pd.DataFrame | None:
    """The build's summary ``name`` when the filters keep every article and the build wrote it, else None."""
    return _build_summary(folder, name) if key == UNFILTERED and name in schema.SUMMARIES else None


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(folder: str, name: str, key: selection.Filters):
    view_name, summarise = SUMMARIES[name]
    found = _built(folder, name, key)
    found = summarise(_subset(folder, view_name, key)) if found is None else found
    return FINISH[name](found) if name in FINISH else found


def summary(name: str, filters: selection.Filters):
    """A summary of :data:`SUMMARIES` (a :mod:`app.selection` function) of the rows the filters keep."""
    return _summary(_current(), name, _key(filters))


def corpus_summary(filters: selection.Filters) -> dict:
    """The selected articles in figures (:func:`selection.corpus_summary`)."""
    return selection.corpus_summary(summary("article_days", filters))


def latest_figures(filters: selection.Filters, kinds=()) -> pd.DataFrame:
    """The newest crackdown figure each reporter gives, per kind (all kinds when ``kinds`` is empty)."""
    return selection.filter_values(summary("latest_figures", filters), "kind", kinds)


@st.cache_data(show_spinner=False, max_entries=16)
def _figures_by_day(folder: str, key: selection.Filters, kind: str) -> pd.DataFrame:
    frame, kept = _view(folder, "crackdown"), _rows(folder, "crackdown", key)
    kept = kept[(frame["kind"] == kind).to_numpy(dtype=bool, na_value=False)[kept]]  # positions first: one copy, of that kind's rows only
    return selection.figures_by_day(frame.iloc[kept].reset_index(drop=True))


def figures_by_day(filters: selection.Filters, kind: str) -> pd.DataFrame:
    """One crackdown figure of ``kind`` per reporter and day (:func:`selection.figures_by_day`)."""
    return _figures_by_day(_current(), _key(filters), kind)


@st.cache_data(show_spinner=False, max_entries=16)
def _positions_as_of(folder: str, key: selection.Filters, as_of) -> pd.DataFrame:
    built = _built(folder, "positions_as_of", key)
    if built is not None and _at_latest(built, as_of):
        return selection.worded_positions(built)
    return selection.positions_as_of(_subset(folder, "positions", key), as_of, key.include_undated)


def _at_latest(built: pd.DataFrame, as_of) -> bool:
    # A date on or after the latest article is no date at all: the build's summaries hold then too.
    return as_of is None or str(as_of) >= max(built["latest_published"].fillna("").astype(str), default="")


def _every_position(folder: str, key: selection.Filters, as_of, codes: tuple) -> bool:
    """Whether the positions behind the actors shown are every position: no filter, the latest date, and every actor of the
    build's ``positions_as_of`` (which has every actor with a position: a reversal sets aside only the rows before it)."""
    built = _built(folder, "positions_as_of", key)
    return built is not None and _at_latest(built, as_of) and set(codes) >= set(built["actor_code"])


def positions_as_of(filters: selection.Filters, as_of=None) -> pd.DataFrame:
    """Each actor's position as of a date (the strongest stance of its side, :func:`selection.positions_as_of`), under the outlet/date filters."""
    return _positions_as_of(_current(), _key(filters), as_of)


@st.cache_data(show_spinner=False, max_entries=4)
def _profile_options(folder: str) -> list[str]:
    # Two columns of the positions, not the view: the World positions map offers the profiles before it reads any row.
    return selection.profile_options(_load(folder, "positions", ("actor_code", "actor_name")))


def profile_options() -> list[str]:
    """Codes that have a profile page (every actor with a position, the listed organisations, the observers), once per build."""
    return _profile_options(_current())


@st.cache_data(show_spinner=False, max_entries=32)
def _actor_profile(folder: str, key: selection.Filters, code: str) -> dict:
    positions = _subset(folder, "positions", key)
    quotes = _kept(folder, "quotes", key)  # shown: the actor's alone
    as_of = selection.positions_as_of(positions[positions["actor_code"] == code], None, key.include_undated)
    return {
        "position": as_of.iloc[0].to_dict() if len(as_of) else None,
        "history": selection.actor_history(positions, code, key.include_undated),
        "officials": selection.actor_officials(code, quotes, positions),
        "quotes": _shown(folder, "quotes", quotes[quotes["speaker_country"] == code].reset_index(drop=True)),
    }


def actor_profile(filters: selection.Filters, code: str) -> dict:
    """One actor under the filters: its ``position`` now (a row of :func:`selection.positions_as_of`, or None),
    ``history`` (:func:`selection.actor_history`: one row per article), ``officials`` and ``quotes`` (without sentences)."""
    return _actor_profile(_current(), _key(filters), code)


@st.cache_data(show_spinner=False, max_entries=16)
def _observer_findings(folder: str, key: selection.Filters, code: str) -> pd.DataFrame:
    articles = _full_tables(folder)["articles"]  # every text: the one page that searches them all
    return selection.observer_findings(articles[_article_mask(folder, key)], code)


def observer_findings(filters: selection.Filters, code: str) -> pd.DataFrame:
    """The sentences of the selected articles that mention an observer body (:func:`selection.observer_findings`)."""
    return _observer_findings(_current(), _key(filters), code)


PUBLICATION_DAYS = {"positions": "position_days"}  # the build's summary of a view's publication dates (lib.summaries.publication_days)


@st.cache_data(show_spinner=False, max_entries=16)
def _publication_dates(folder: str, name: str, key: selection.Filters) -> dict:
    days = _built(folder, PUBLICATION_DAYS.get(name, ""), key)
    days = summaries.publication_days(_subset(folder, name, key)) if days is None else days
    return {"days": selection.publication_dates(days), "n_undated": int(days.loc[~summaries.dated(days), "n_articles"].sum())}


def publication_dates(name: str, filters: selection.Filters) -> dict:
    """The distinct publication ``days`` of a view's rows under the filters, and how many of its articles are undated (``n_undated``)."""
    return _publication_dates(_current(), name, _key(filters))


@st.cache_resource(show_spinner=False, max_entries=16)
def _evidence_rows(folder: str, key: selection.Filters, as_of, codes: tuple) -> np.ndarray:
    positions, kept = _view(folder, "positions"), _rows(folder, "positions", key)
    shown = positions["actor_code"].isin(codes).to_numpy(dtype=bool)
    if as_of is not None:
        shown = shown & selection.date_mask(positions, date_to=as_of, include_undated=key.include_undated)
    return kept[shown[kept]]


@st.cache_data(show_spinner=False, max_entries=16)
def _stance_support(folder: str, key: selection.Filters, as_of, codes: tuple) -> pd.DataFrame:
    built = _built(folder, "position_support", key) if _every_position(folder, key, as_of, codes) else None
    if built is not None:
        return selection.worded_support(built)
    # Its columns first: picking the rows of every column copies each position's sentence and article title too.
    return selection.stance_support(_view(folder, "positions")[summaries.SUPPORT_INPUT].iloc[_evidence_rows(folder, key, as_of, codes)])


def stance_support(filters: selection.Filters, as_of, actor_codes) -> pd.DataFrame:
    """How many articles and outlets back each actor's stances (the rows of :func:`evidence_rows`)."""
    return _stance_support(_current(), _key(filters), as_of, tuple(actor_codes))


@st.cache_data(show_spinner=False, max_entries=16)
def _key_events(folder: str, key: selection.Filters) -> pd.DataFrame:
    found = _built(folder, "key_events", key)
    return summaries.event_timeline(_subset(folder, "timeline", key), _subset(folder, "meta", key)) if found is None else found


def key_events(filters: selection.Filters) -> pd.DataFrame:
    """One row per key event the selected articles report (:func:`lib.summaries.event_timeline`)."""
    return _key_events(_current(), _key(filters))


# ---------------------------------------------------------------- search


@st.cache_resource(show_spinner=False, max_entries=32)
def _search(folder: str, name: str, key: selection.Filters, words: tuple, narrow: tuple) -> np.ndarray:
    frame, kept = _keys(folder, name), _rows(folder, name, key)
    for column, values in narrow:
        if values:
            kept = kept[frame[column].isin(list(values)).to_numpy(dtype=bool)[kept]]
    return selection.search_rows(_haystack(folder, name), list(words), kept) if words else kept


@st.cache_resource(show_spinner=False, max_entries=32)
def _by_date(folder: str, name: str, key: selection.Filters, words: tuple, narrow: tuple, newest: bool) -> np.ndarray:
    return summaries.by_date(_keys(folder, name), _search(folder, name, key, words, narrow), newest)


def search(name: str, filters: selection.Filters, query: str, newest: bool | None = None, **narrow) -> np.ndarray:
    """Positions in :func:`view` ``name`` of the kept rows matching every word of ``query`` and each ``column=values``,
    in the view's order, or newest or oldest article first (``newest``: :func:`lib.summaries.by_date`).

    Cached per build, filters, query, values and order, so paging through the
    hits or rerunning costs nothing (sorting 750,000 quotes by date takes half
    a second); a new query looks through the precomputed, folded ``haystack`` column once.
    """
    narrow_key = tuple(sorted((column, tuple(values)) for column, values in narrow.items()))
    args = (_current(), name, _key(filters), tuple(selection.query_words(query)), narrow_key)
    return _search(*args) if newest is None else _by_date(*args, newest)


DISTINCT = {("quotes", "speaker"): "quote_speakers", ("quotes", "speaker_country"): "quote_speakers"}  # the build's summary of a view's values


@st.cache_data(show_spinner=False, max_entries=4)
def _distinct(folder: str, name: str, column: str) -> list[str]:
    values = _build_summary(folder, DISTINCT.get((name, column), ""))  # the Quotes page's options before it reads 750,000 quotes
    values = _keys(folder, name) if values is None else values
    return sorted(set(values[column].dropna().unique()) - {""})


def distinct(name: str, column: str) -> list[str]:
    """The distinct non-empty values of a view's column, sorted (widget options, once per build)."""
    return _distinct(_current(), name, column)


# ---------------------------------------------------------------- method and bundle


@st.cache_data(show_spinner="Scoring the extractor against the hand-annotated gold…", max_entries=2)
def _method_scores(out: str, key: str) -> pd.DataFrame | str:
    from lib import evaluate

    return evaluate.kept_method_scores(Path(out), evaluate.METHOD_DATA, key)


def method_scores() -> pd.DataFrame | str:
    """Precision/recall/F1 per table and data set (:data:`lib.evaluate.METHOD_DATA`, untouched held-out halves first).

    A message instead when the gold is missing. Keyed by the extractor's code
    and the gold (:func:`lib.evaluate.method_key`), not the build: the scores only
    change when the code or the annotations do, and scoring takes seconds, so
    they are kept in the data folder too, for a server's first visitor after a restart.
    """
    from lib import evaluate

    return _method_scores(str(paths.data_folder()), evaluate.method_key(evaluate.METHOD_DATA))


# Keyed by the build folder (a new build, a review included, is a new folder) and kept in the data folder too:
# reading every table's review statuses, reviewed and extracted, takes over a second at 100,000 articles.
@st.cache_data(show_spinner=False, max_entries=4)
def _reviewed_scores(folder: str) -> pd.DataFrame:
    from lib import evaluate

    return evaluate.kept_reviewed_scores(Path(folder))


def reviewed_scores() -> pd.DataFrame:
    """Precision and recall measured from this corpus's reviewed rows (:func:`lib.evaluate.build_reviewed_scores`), once per build."""
    return _reviewed_scores(str(build_folder()))


@st.cache_data(show_spinner=False, max_entries=1)
def _bundle(folder: str, scores_key: str, latest_correction: int) -> bytes:
    from app import bundle
    from lib import review

    scores = method_scores()
    corrections = review.corrections(review.database_url())
    return bundle.zip_all(_full_tables(folder), _report(folder), scores if isinstance(scores, pd.DataFrame) else None, corrections)


def bundle_zip() -> Callable[[], bytes]:
    """A maker of the zip of all tables (CSV, datapackage.json, README.txt) of the current build.

    A callable for ``st.download_button``: the zip (hundreds of megabytes at
    100,000 articles) is packed when someone asks for it, not on every run.
    """
    folder = _current()
    latest = _report(folder).get("corrections", {}).get("latest_id", 0)  # the audit log as of this build
    return lambda: _bundle(folder, store.code_fingerprint(), latest)


# Which results are which (summaries.presidential_results and its two complements), as masks over the view.
RESULT_PARTS = {
    "presidential": summaries.is_presidential_result,
    "other_contests": summaries.is_other_contest,
    "not_results": summaries.is_non_result,
}


@st.cache_resource(show_spinner=False, max_entries=8)
def _part_mask(folder: str, name: str, part: str) -> np.ndarray:
    return RESULT_PARTS[part](_view(folder, name)).to_numpy(dtype=bool, na_value=False)


def figure_rows(name: str, filters: selection.Filters, part: str) -> np.ndarray:
    """:func:`rows` of the results view that are in ``part`` of :data:`RESULT_PARTS`."""
    folder, kept = _current(), rows(name, filters)
    return kept[_part_mask(folder, name, part)[kept]]


# ---------------------------------------------------------------- what a table lists, read no further than it shows


@dataclass(frozen=True)
class Listed:
    """The rows a table lists, in order: how many (``n_rows``), rows ``start:stop`` of them as shown (``shown``), and every
    one as shown (``every``: a download). Unfiltered, the first rows come from the build (:data:`lib.summaries.LISTINGS`),
    so a page shows its first 500 figures or ten quotes without reading the table; else from the view's rows."""

    n_rows: int
    shown: Callable[[int, int], pd.DataFrame]
    every: Callable[[], pd.DataFrame]

    @classmethod
    def of(cls, df: pd.DataFrame, rows: np.ndarray | None = None, prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> Listed:
        """The rows of ``df`` at positions ``rows`` (default all), each made ready to show by ``prepare``."""
        rows = np.arange(len(df)) if rows is None else np.asarray(rows)
        prepare = prepare or (lambda part: part)
        return cls(len(rows), lambda start, stop: prepare(selection.take(df, rows[start:stop])), lambda: prepare(df.iloc[rows]))


def _head(folder: str, listing: str) -> pd.DataFrame | None:
    """The build's first rows of a listing (as the view has them), or None when the build has none (its extracted/ tables)."""
    heads = _build_summary(folder, summaries.HEADS[summaries.LISTINGS[listing][0]])
    return None if heads is None else heads[heads["listing"] == listing].drop(columns="listing").reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=16)
def _shown_head(folder: str, listing: str) -> pd.DataFrame:
    return _shown(folder, summaries.LISTINGS[listing][0], _head(folder, listing))


@st.cache_data(show_spinner=False, max_entries=4)
def _listing_sizes(folder: str) -> dict[str, int] | None:
    sizes = _build_summary(folder, "listing_sizes")
    return None if sizes is None else dict(zip(sizes["listing"], sizes["n_rows"].astype(int)))


def _listed(folder: str, name: str, positions: Callable[[], np.ndarray], listing: str | None) -> Listed:
    """The rows of view ``name`` at ``positions()`` (computed, and the view read, only when needed) as a :class:`Listed`;
    ``listing``: the build's listing they are when no filter is set (None: a filter is), whose first rows are read instead."""
    sizes = _listing_sizes(folder) if listing else None
    head = _head(folder, listing) if sizes is not None and listing in sizes else None

    def shown_rows(start: int, stop: int) -> pd.DataFrame:
        if head is not None and (min(stop, sizes[listing]) <= len(head)):
            return _shown_head(folder, listing).iloc[start:stop]
        return _prepared(folder, name, positions()[start:stop])

    n_rows = sizes[listing] if head is not None else len(positions())
    return Listed(n_rows, shown_rows, lambda: _prepared(folder, name, positions()))


FIGURE_LISTINGS = {"presidential": "results_presidential", "other_contests": "results_other_contests", "not_results": "results_not_results"}  # RESULT_PARTS -> LISTINGS


def figure_listing(filters: selection.Filters, part: str, kinds=()) -> Listed:
    """The results of ``part`` of :data:`RESULT_PARTS` as the Results page lists them (presidential: grouped by kind, only
    ``kinds`` when given), newest article first, as shown."""
    folder = _current()

    def positions() -> np.ndarray:
        kept = figure_rows("results", filters, part)
        return summaries.value_rows(_view(folder, "results"), "kind", kinds, kept) if part == "presidential" else kept
    return _listed(folder, "results", positions, FIGURE_LISTINGS[part] if _key(filters) == UNFILTERED and not kinds else None)


def hits(name: str, filters: selection.Filters, query: str, newest: bool | None = None, **narrow) -> Listed:
    """:func:`search` as a :class:`Listed`, as shown: unfiltered, unsearched and newest first, the build's first rows."""
    folder = _current()
    plain = _key(filters) == UNFILTERED and not selection.query_words(query) and not any(narrow.values()) and newest is True
    return _listed(folder, name, lambda: search(name, filters, query, newest, **narrow), name if plain and name in summaries.LISTINGS else None)


def evidence_listing(filters: selection.Filters, as_of, actor_codes) -> Listed:
    """The positions behind the actors shown, published up to ``as_of``, in the view's order, as a :class:`Listed`: with no
    filter, at the latest date and for every actor, the build's first rows."""
    folder, key, codes = _current(), _key(filters), tuple(actor_codes)
    return _listed(folder, "positions", lambda: _evidence_rows(folder, key, as_of, codes), "positions" if _every_position(folder, key, as_of, codes) else None)


def n_rows(name: str, filters: selection.Filters) -> int:
    """``len(rows(name, filters))``, unfiltered from the build's count of the listing named as the view (which lists every row)."""
    sizes = _listing_sizes(_current()) if _key(filters) == UNFILTERED and summaries.LISTINGS.get(name, ("",))[0] == name else None
    return sizes[name] if sizes and name in sizes else len(rows(name, filters))
