"""Filtering and summarising the built tables for the dashboard (pure pandas, no Streamlit).

Every function takes frames and plain values and returns a new frame, row
positions (NumPy arrays, for picking rows out of a large frame without copying
it) or plain values, so the pages stay thin and everything here is unit-tested
on small hand-built frames. Whole columns are handled at once (vectorised):
the dashboard calls these on hundreds of thousands of rows.

Fact tables are first joined with their article's ``title``, ``outlet`` and
``published`` (:func:`with_article_meta`); the filters below then
work on those columns. An empty ``published`` means the article has no date.

"As of" logic (:func:`positions_as_of`): an actor's position on a date is the
stance of the most recently *published* article about it up to that date. When
several articles published on that same latest date disagree, the actor is
``disputed`` rather than one stance being picked silently. Undated articles
cannot be placed in time: when included, they count as older than every dated
article (they decide an actor's position only when no dated article does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from app.style import DISPUTED, STANCE_ORDER, TABLE_COLOURS, kind_label, stance_label
from lib.schema import STANCES
from lib.text import fold

PERCENT_KINDS = ("vote_share_pct", "tally_coverage_pct", "turnout_pct")
UNKNOWN_OUTLET = "(outlet unknown)"
CANDIDATES = {"gonz": "Edmundo González", "maduro": "Nicolás Maduro"}


@dataclass(frozen=True)
class Filters:
    """The shared sidebar filters. Empty tuples mean "everything". Hashable, so caches are keyed by them."""

    stances: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    include_uploads: bool = True  # articles added from the dashboard (articles.source 'upload ...')

    @property
    def of_articles(self) -> "Filters":
        """The filters without the stance (which narrows positions only): what every table's rows are picked by,
        so caches of the other tables are not split per stance."""
        return replace(self, stances=())


ARTICLE_META = ["article_id", "title", "outlet", "published", "source"]


def with_article_meta(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A fact table with its article's title, outlet and publication date alongside (missing when the article is).

    The fact table's own columns are shared, not copied (only the three new
    columns are allocated), which matters at hundreds of thousands of rows.
    """
    rows = pd.Index(articles["article_id"]).get_indexer(df["article_id"])
    return df.assign(**{
        column: pd.Series(articles[column].array.take(rows, allow_fill=True), index=df.index) for column in ARTICLE_META[1:] if column in articles
    })


# ---------------------------------------------------------------- basics


def outlet_name(outlet) -> str:
    return outlet if isinstance(outlet, str) and outlet.strip() else UNKNOWN_OUTLET


def outlet_names(outlets: pd.Series) -> pd.Series:
    """:func:`outlet_name` of a whole column at once."""
    known = outlets.fillna("").astype("string")
    return known.where(known.str.strip() != "", UNKNOWN_OUTLET)


def country_name(code: str) -> str:
    """Readable name of an ISO alpha-3 code (or the code itself for organisations)."""
    if not isinstance(code, str) or not code:
        return ""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code.upper())
    except (ImportError, LookupError, KeyError):
        country = None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value and not pd.isna(value) else None
    except ValueError:
        return None


def format_number(value: float, kind: str = "") -> str:
    """51.2 -> '51.2%' for percentages, 2400 -> '2,400', 6890000 -> '6,890,000'."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text + "%" if kind in PERCENT_KINDS else text


def describe_figure(value: float, qualifier: str = "", kind: str = "") -> str:
    """A figure in words with its hedge: 'more than 2,400', 'about 51.2%'."""
    number = format_number(value, kind)
    qualifier = qualifier if isinstance(qualifier, str) else ""
    return f"{qualifier} {number}".strip()


def candidates(subjects: pd.Series) -> pd.Series:
    """The candidate each vote figure is about ('Edmundo González', 'Nicolás Maduro'), else 'Other / unclear'.

    The first name of :data:`CANDIDATES` found in the subject wins.
    """
    folded = subjects.fillna("").astype("string").str.lower()
    out = pd.Series("Other / unclear", index=subjects.index, dtype="object")
    for needle, name in reversed(CANDIDATES.items()):
        out = out.mask(folded.str.contains(needle, regex=False).fillna(False).astype(bool), name)
    return out


# ---------------------------------------------------------------- filters


def dated(df: pd.DataFrame) -> pd.Series:
    """Boolean mask of rows whose article has a publication date."""
    if "published" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["published"].fillna("").astype(str).str.len() > 0


def filter_stances(df: pd.DataFrame, stances) -> pd.DataFrame:
    return df[df["stance"].isin(list(stances))] if stances else df


def filter_outlets(df: pd.DataFrame, outlets) -> pd.DataFrame:
    if not outlets:
        return df
    return df[outlet_names(df["outlet"]).isin(list(outlets))]


def date_mask(df: pd.DataFrame, date_from=None, date_to=None, include_undated: bool = True) -> np.ndarray:
    """Which rows' article was published within [date_from, date_to]; undated rows kept or dropped."""
    has_date = dated(df)
    published = df["published"].fillna("").astype(str)
    keep = has_date.copy()
    if date_from is not None:
        keep &= published >= parse_date(date_from).isoformat()
    if date_to is not None:
        keep &= published <= parse_date(date_to).isoformat()
    if include_undated:
        keep |= ~has_date
    return keep.to_numpy(dtype=bool)


def filter_dates(df: pd.DataFrame, date_from=None, date_to=None, include_undated: bool = True) -> pd.DataFrame:
    """Rows whose article was published within [date_from, date_to]; undated rows kept or dropped."""
    return df[date_mask(df, date_from, date_to, include_undated)]


def fold_column(text: pd.Series) -> pd.Series:
    """:func:`lib.text.fold` of a whole column at once ("González" -> "gonzalez")."""
    text = text.fillna("").astype("string[pyarrow]")  # Arrow's regex engine knows \p{Mn} (combining marks); Python's re does not
    return text.str.normalize("NFKD").str.replace(r"\p{Mn}", "", regex=True).str.lower()


def query_words(query: str) -> list[str]:
    """The words of a search query, folded like :func:`fold_column`."""
    return [w for w in re.split(r"\s+", fold((query or "").strip())) if w]


def haystack(df: pd.DataFrame, columns) -> pd.Series:
    """The searchable text of each row: ``columns`` joined and folded."""
    joined = pd.Series("", index=df.index, dtype="string")
    for column in columns:
        joined = joined + " \n " + df[column].fillna("").astype("string")
    return fold_column(joined)


def search_rows(hay: pd.Series, words: list[str]) -> np.ndarray:
    """Positions of the rows of ``hay`` (see :func:`haystack`) that contain every word.

    Each word is only looked for in the rows that matched the words before it,
    so a second word costs less than the first.
    """
    rows = np.arange(len(hay))
    for word in words:
        if not len(rows):
            break
        found = hay.iloc[rows].str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)
        rows = rows[found]
    return rows


def filter_values(df: pd.DataFrame, column: str, values) -> pd.DataFrame:
    return df[df[column].isin(list(values))] if values else df


def value_rows(df: pd.DataFrame, column: str, values, rows: np.ndarray | None = None) -> np.ndarray:
    """Of ``rows`` (positions in ``df``; default all), those whose ``column`` is one of ``values`` (all when empty), grouped by that value.

    The grouping is stable: within a value, rows keep their order in ``rows``.
    """
    rows = np.arange(len(df)) if rows is None else np.asarray(rows)
    if values:
        rows = rows[df[column].isin(list(values)).to_numpy(dtype=bool)[rows]]
    codes, _ = pd.factorize(df[column], sort=True)
    return rows[np.argsort(codes[rows], kind="stable")]


def sorted_rows(df: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Positions of the rows of ``df`` sorted by ``columns`` (stable)."""
    return df[columns].reset_index(drop=True).sort_values(columns, kind="stable").index.to_numpy()


def apply_filters(df: pd.DataFrame, filters: Filters, *, stance: bool = True) -> pd.DataFrame:
    """Outlet, date range (and stance, for tables that have one) filters together."""
    out = filter_outlets(df, filters.outlets)
    out = filter_dates(out, filters.date_from, filters.date_to, filters.include_undated)
    if stance and "stance" in out.columns:
        out = filter_stances(out, filters.stances)
    return out.reset_index(drop=True)


def outlets(articles: pd.DataFrame) -> list[str]:
    return sorted(set(outlet_names(articles["outlet"]).unique())) if len(articles) else []


def article_mask(articles: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which articles the outlet and date filters keep (one boolean per article, in table order)."""
    keep = apply_filters(articles.assign(_row=np.arange(len(articles))), filters, stance=False)
    mask = np.zeros(len(articles), dtype=bool)
    mask[keep["_row"].to_numpy()] = True
    if not filters.include_uploads:
        mask &= ~is_upload(articles)
    return mask


def is_upload(articles: pd.DataFrame) -> np.ndarray:
    """Which articles were added from the dashboard (their ``source`` says upload)."""
    return articles["source"].str.startswith("upload").to_numpy(dtype=bool, na_value=False)


def article_rows(articles: pd.DataFrame, df: pd.DataFrame) -> np.ndarray:
    """For each row of ``df``, the position of its article in ``articles`` (-1 when absent)."""
    return pd.Index(articles["article_id"]).get_indexer(df["article_id"])


def date_bounds(articles: pd.DataFrame) -> tuple[date, date] | None:
    days = publication_dates(articles)
    return (days[0], days[-1]) if days else None


def publication_dates(df: pd.DataFrame) -> list[date]:
    """Distinct publication dates of the rows, ascending."""
    return sorted({parse_date(d) for d in df.loc[dated(df), "published"].unique()})


# ---------------------------------------------------------------- positions


JOIN_LIMIT = 5  # values listed in one cell (evidence, article ids...) before "(+N more)"


def joined(values, sep: str, limit: int = JOIN_LIMIT) -> str:
    """Distinct ``values`` in order, joined; past ``limit`` of them, a count of the rest.

    At 100,000 articles an actor's latest date may have hundreds of articles:
    a cell (and a map's hover) lists a few and says how many more there are.
    """
    distinct = list(dict.fromkeys(str(v) for v in values))
    more = len(distinct) - limit
    return sep.join(distinct[:limit]) + (f" (+{more} more)" if more > 0 else "")


AS_OF_COLUMNS = [
    "actor_code", "actor_name", "actor_type", "stance", "stance_label", "latest_published",
    "latest_stances", "n_articles", "n_outlets", "evidence", "article_id", "title", "outlet",
]


def _with_outlet_name(positions: pd.DataFrame) -> pd.DataFrame:
    return positions.assign(published=positions["published"].fillna("").astype("string"), outlet_name=outlet_names(positions["outlet"]))


def positions_as_of(positions: pd.DataFrame, as_of=None, include_undated: bool = True) -> pd.DataFrame:
    """One row per actor: its stance in the latest article(s) published on or before ``as_of``.

    ``positions`` carries article metadata (``published``, ``title``, ``outlet``).
    Several articles on the same latest date that disagree make the actor
    ``disputed``; ``latest_stances`` then lists the competing stances.
    ``evidence``, ``article_id``, ``title`` and ``outlet`` list the latest
    articles' (at most :data:`JOIN_LIMIT` of each, then how many more).
    """
    df = _with_outlet_name(positions)
    if not include_undated:
        df = df[df["published"] != ""]
    if as_of is not None:
        cutoff = parse_date(as_of).isoformat()
        df = df[(df["published"] == "") | (df["published"] <= cutoff)]
    if df.empty:
        return pd.DataFrame(columns=AS_OF_COLUMNS)
    by_actor = df.groupby("actor_code", sort=True)
    latest = df[df["published"] == by_actor["published"].transform("max")]  # '' sorts before every date
    latest = latest.sort_values(["actor_code", "article_id"], kind="stable").groupby("actor_code", sort=True)
    out = latest.agg(
        actor_name=("actor_name", "first"), actor_type=("actor_type", "first"), latest_published=("published", "first"),
        evidence=("evidence", lambda v: joined(v, " | ")), article_id=("article_id", lambda v: joined(v, ", ")),
        title=("title", lambda v: joined(v.fillna(""), " | ")), outlet=("outlet_name", lambda v: joined(v, ", ")),
    )
    stances = [[s for s in STANCES if s in set(found)] for found in latest["stance"].agg(list)]
    out["stance"] = [found[0] if len(found) == 1 else DISPUTED for found in stances]
    out["stance_label"] = out["stance"].map(stance_label)
    out["latest_stances"] = [", ".join(stance_label(s) for s in found) for found in stances]
    out["n_articles"] = by_actor["article_id"].nunique()
    out["n_outlets"] = by_actor["outlet_name"].nunique()
    return out.reset_index()[AS_OF_COLUMNS]


def stance_counts(as_of: pd.DataFrame) -> pd.DataFrame:
    """Actors per stance and actor type (all stances listed, zeros included)."""
    index = pd.MultiIndex.from_product([STANCE_ORDER, ("country", "organization")], names=["stance", "actor_type"])
    counts = as_of.groupby(["stance", "actor_type"]).size() if len(as_of) else pd.Series(dtype="int64")
    out = counts.reindex(index, fill_value=0).rename("actors").reset_index()
    out["stance_label"] = out["stance"].map(stance_label)
    return out


SUPPORT_COLUMNS = ["actor_code", "actor_name", "actor_type", "stance", "stance_label", "n_articles", "n_outlets", "first_published", "last_published"]


def stance_support(positions: pd.DataFrame) -> pd.DataFrame:
    """Per actor and stance: how many articles and outlets back it, and when."""
    if positions.empty:
        return pd.DataFrame(columns=SUPPORT_COLUMNS)
    df = _with_outlet_name(positions)
    keys = ["actor_code", "stance"]
    out = df.groupby(keys, sort=True).agg(
        actor_name=("actor_name", "first"), actor_type=("actor_type", "first"),
        n_articles=("article_id", "nunique"), n_outlets=("outlet_name", "nunique"),
    )
    days = df[df["published"] != ""].groupby(keys)["published"]
    out["first_published"] = days.min().reindex(out.index).fillna("")
    out["last_published"] = days.max().reindex(out.index).fillna("")
    out = out.reset_index()
    out["stance_label"] = out["stance"].map(stance_label)
    return out[SUPPORT_COLUMNS].sort_values(["actor_name", "n_articles"], ascending=[True, False], ignore_index=True)


# ---------------------------------------------------------------- figures


def newest_first(df: pd.DataFrame) -> np.ndarray:
    """Positions of the rows, newest article first; undated last; then article id (stable)."""
    keys = pd.DataFrame({"published": df["published"].fillna("").astype(str).to_numpy(), "article_id": df["article_id"].to_numpy()})
    return keys.sort_values(["published", "article_id"], ascending=[False, True], kind="stable").index.to_numpy()


def ordered_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """Newest article first; undated last; then article id for stability."""
    return df.iloc[newest_first(df)]


def with_words(df: pd.DataFrame) -> pd.DataFrame:
    """Adds ``figure`` (the number in words with its hedge) and ``kind_label``."""
    out = df.copy()
    out["figure"] = [describe_figure(v, q, k) for v, q, k in zip(out["value"], out["qualifier"], out["kind"])] if len(out) else pd.Series(dtype="string")
    out["kind_label"] = out["kind"].map(kind_label) if len(out) else pd.Series(dtype="string")
    return out


def results_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Vote shares/counts/coverage per claimant (and candidate): the most-reported value.

    Columns: kind, claimed_by, candidate, value, figure, n_articles (reporting
    that value), n_reports (any value), low, high, evidence, article_id.
    """
    cols = ["kind", "claimed_by", "candidate", "value", "figure", "n_articles", "n_reports", "low", "high", "evidence", "article_id", "published"]
    if results.empty:
        return pd.DataFrame(columns=cols)
    df = ordered_by_date(results)
    df = df.assign(candidate=candidates(df["subject"]).where(df["kind"].isin(["vote_share_pct", "votes"]), ""))
    rows = []
    for (kind, claimed, cand), group in df.groupby(["kind", "claimed_by", "candidate"], sort=True):
        counts = group.groupby("value")["article_id"].nunique()
        top = counts[counts == counts.max()].index
        best = group[group["value"].isin(top)].iloc[0]  # the newest among the most reported
        rows.append({
            "kind": kind, "claimed_by": claimed, "candidate": cand, "value": best["value"],
            "figure": describe_figure(best["value"], best["qualifier"], kind),
            "n_articles": int(counts.max()), "n_reports": group["article_id"].nunique(),
            "low": group["value"].min(), "high": group["value"].max(),
            "evidence": best["evidence"], "article_id": best["article_id"], "published": best["published"],
        })
    return pd.DataFrame(rows, columns=cols)


def headline(summary: pd.DataFrame, claimant: str) -> dict:
    """Shares per candidate and tally coverage one claimant reports (rows of :func:`results_summary`)."""
    mine = summary[summary["claimed_by"].str.lower() == claimant.lower()]
    shares = mine[mine["kind"] == "vote_share_pct"]
    coverage = mine[mine["kind"] == "tally_coverage_pct"]
    return {
        "shares": {r["candidate"]: r for _, r in shares.iterrows()},
        "coverage": coverage.iloc[0] if len(coverage) else None,
    }


def latest_figures(figures: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """The newest figure each reporter gives (per kind), newest first."""
    df = figures if kind is None else figures[figures["kind"] == kind]
    if df.empty:
        return with_words(df.assign(n_reports=pd.Series(dtype="int64")))
    df = ordered_by_date(df)
    n = df.groupby(["kind", "claimed_by"])["article_id"].nunique().rename("n_reports")
    latest = df.drop_duplicates(["kind", "claimed_by"]).join(n, on=["kind", "claimed_by"])
    return with_words(ordered_by_date(latest)).reset_index(drop=True)


BY_DAY_COLUMNS = ["claimed_by", "published", "kind", "value", "qualifier", "figure", "n_articles", "n_reports", "evidence", "article_id"]


def figures_by_day(figures: pd.DataFrame) -> pd.DataFrame:
    """One point per reporter and publication day: the value most of that day's articles give (the highest on a tie).

    ``n_articles`` counts the articles giving that value, ``n_reports`` those
    reporting any; ``evidence`` and ``article_id`` are one article's giving it.
    Undated rows are left out: they cannot be placed in time.
    """
    df = figures[dated(figures)] if len(figures) else figures
    if df.empty:
        return pd.DataFrame(columns=BY_DAY_COLUMNS)
    keys = ["claimed_by", "published"]
    per_value = df.groupby([*keys, "value"], sort=False)["article_id"].nunique().rename("n_articles").reset_index()
    best = per_value.sort_values([*keys, "n_articles", "value"], ascending=[True, True, False, False]).drop_duplicates(keys)
    example = df.drop_duplicates([*keys, "value"])[[*keys, "value", "kind", "qualifier", "evidence", "article_id"]]
    n_reports = df.groupby(keys)["article_id"].nunique().rename("n_reports")
    out = best.merge(example, on=[*keys, "value"], how="left").join(n_reports, on=keys)
    return with_words(out)[BY_DAY_COLUMNS].sort_values(keys, ignore_index=True)


# ---------------------------------------------------------------- quotes and articles


def country_names(codes: pd.Series) -> pd.Series:
    """:func:`country_name` of a whole column (each distinct code looked up once)."""
    names = {code: country_name(code) for code in codes.dropna().unique()}
    return codes.map(names).fillna("").astype("string")


def with_sentences(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with ``sentence``: the text around each quote (``sentence_start:sentence_end``), cut from its article."""
    position = article_rows(articles, quotes)
    texts = articles["text"]
    sentences, last, text = [], -2, ""
    for row, start, end in zip(position.tolist(), quotes["sentence_start"].tolist(), quotes["sentence_end"].tolist()):
        if row != last:  # rows of one article are usually together: fetch its text once
            found = texts.iat[row] if row >= 0 else ""
            last, text = row, found if isinstance(found, str) else ""
        sentences.append(text[int(start):int(end)])
    return quotes.assign(sentence=pd.Series(sentences, index=quotes.index, dtype="string"))


def quotes_with_context(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Quotes with article metadata, the sentence around each and the speaker's country name."""

    df = with_article_meta(quotes, articles)
    return with_sentences(df.assign(country=country_names(df["speaker_country"])), articles)


# The sentence around a quote contains the quoted words, so "quote" need not be searched too.
QUOTE_SEARCH_COLUMNS = ["speaker", "country", "sentence", "title", "article_id"]


def quote_index(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`quotes_with_context` without the sentences, plus ``haystack``: what the search looks through.

    The sentences are only needed to search; a page cuts the few it shows
    again with :func:`with_sentences`, rather than keeping 100,000 articles'
    worth of sentences in memory next to the texts they come from.
    """
    df = quotes_with_context(quotes, articles)
    return df.assign(haystack=haystack(df, QUOTE_SEARCH_COLUMNS)).drop(columns="sentence")


def page_slice(df, page: int, per_page: int):
    """The rows (of a frame, or positions of an array) on page ``page``, counting from 1."""
    start = max(0, (int(page) - 1) * per_page)
    return df.iloc[start:start + per_page] if isinstance(df, pd.DataFrame) else df[start:start + per_page]


def n_pages(n_rows: int, per_page: int) -> int:
    return max(1, -(-n_rows // per_page))


def titles_of(articles: pd.DataFrame, article_ids) -> dict[str, str]:
    """article_id -> title for a few articles."""
    rows = articles[articles["article_id"].isin(list(article_ids))]
    return dict(zip(rows["article_id"], rows["title"].fillna("")))


def corpus_summary(articles: pd.DataFrame) -> dict:
    bounds = date_bounds(articles)
    known = articles["outlet"].fillna("").astype(str)
    return {
        "articles": len(articles),
        "outlets": known[known != ""].nunique(),
        "unknown_outlet": int((known == "").sum()),
        "first": bounds[0] if bounds else None,
        "last": bounds[1] if bounds else None,
        "undated": int((~dated(articles)).sum()),
    }


def facts_per_article(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Articles with how many rows each fact table drew from them."""
    out = tables["articles"][["article_id", "title", "outlet", "published", "url", "metadata_source", "n_chars"]].copy()
    for name in ("positions", "results", "crackdown", "quotes"):
        counts = tables[name].groupby("article_id").size() if len(tables[name]) else pd.Series(dtype="int64")
        out[name] = out["article_id"].map(counts).fillna(0).astype("int64")
    return out


def timeline(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Key events the articles report (the ``events`` table): one row per (event, article).

    Columns: event, label, article_id, evidence, start, end, plus the article's
    published date, title and outlet. ``published`` is the article's
    publication date (empty when undated), not the date of the event.
    Summarise per event with :func:`app.timeline.event_timeline` after filtering
    the rows.
    """
    meta = tables["articles"].set_index("article_id")[["published", "title", "outlet"]]
    return tables["events"].join(meta, on="article_id")


TIMELINE_POINT_COLUMNS = ["event", "label", "published", "n_articles", "article_id", "evidence"]


def timeline_points(rows: pd.DataFrame) -> pd.DataFrame:
    """Key-event rows (:func:`timeline`) per event and publication day: how many articles report it, and the first one's sentence.

    One point per (event, day) rather than per article, so the chart keeps its
    size at 100,000 articles. Undated rows are left out: they cannot be placed.
    """
    df = rows[dated(rows)] if len(rows) else rows
    if df.empty:
        return pd.DataFrame(columns=TIMELINE_POINT_COLUMNS)
    df = df.sort_values(["event", "published", "article_id"], kind="stable")
    out = df.groupby(["event", "published"], sort=False).agg(
        label=("label", "first"), n_articles=("article_id", "nunique"), article_id=("article_id", "first"), evidence=("evidence", "first"),
    )
    return out.reset_index()[TIMELINE_POINT_COLUMNS]


# ---------------------------------------------------------------- the article reader


def fact_spans(tables: dict[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    """Every extracted fact of one article as a labelled character span, in text order."""
    spans = []
    for _, r in tables["positions"][tables["positions"]["article_id"] == article_id].iterrows():
        spans.append(("position", int(r["start"]), int(r["end"]), f"{r['actor_name']}: {stance_label(r['stance'])} (cue: {r['cue']})"))
    for name in ("results", "crackdown"):
        for _, r in tables[name][tables[name]["article_id"] == article_id].iterrows():
            spans.append((name, int(r["start"]), int(r["end"]), f"{r['claimed_by']}: {r['mention']} ({kind_label(r['kind'])}{', ' + r['subject'] if r['subject'] else ''})"))
    for _, r in tables["quotes"][tables["quotes"]["article_id"] == article_id].iterrows():
        spans.append(("quote", int(r["start"]), int(r["end"]), f"quote by {r['speaker'] or 'unknown speaker'}"))
    df = pd.DataFrame(spans, columns=["table", "start", "end", "label"])
    df = df.sort_values(["start", "end", "table"], ignore_index=True)
    df.insert(0, "n", range(1, len(df) + 1))
    return df


def segments(text: str, spans: pd.DataFrame) -> list[tuple[str, tuple[int, ...]]]:
    """The text cut at every span boundary: (piece, numbers of the facts covering it).

    Overlapping spans (a quote inside an evidence sentence) are handled: a piece
    lists every fact that covers it.
    """
    cuts = {0, len(text)}
    for s, e in zip(spans.get("start", []), spans.get("end", [])):
        cuts.update((max(0, min(len(text), int(s))), max(0, min(len(text), int(e)))))
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        covering = tuple(int(n) for n, s, e in zip(spans.get("n", []), spans.get("start", []), spans.get("end", [])) if s <= a and b <= e)
        out.append((text[a:b], covering))
    return out




def reader_html(text: str, spans: pd.DataFrame) -> str:
    """The article as escaped HTML, each fact highlighted and numbered.

    Only this fixed template is HTML: every piece of article text and every
    label goes through :func:`html.escape`, so markup in an article is shown,
    never run.
    """
    import html

    labels = dict(zip(spans.get("n", []), zip(spans.get("table", []), spans.get("label", []))))
    ends = {}
    for n, e in zip(spans.get("n", []), spans.get("end", [])):
        ends.setdefault(int(e), []).append(int(n))
    out, pos = [], 0
    for piece, covering in segments(text, spans):
        if covering:
            table = labels[covering[-1]][0]
            title = html.escape(" / ".join(f"[{n}] {labels[n][1]}" for n in covering), quote=True)
            out.append(f'<mark title="{title}" style="background:{TABLE_COLOURS.get(table, "#eee")};padding:0 1px">{html.escape(piece)}</mark>')
        else:
            out.append(html.escape(piece))
        pos += len(piece)
        for n in ends.get(pos, []):
            out.append(f'<sup style="font-size:0.7em;color:#555">[{n}&nbsp;{html.escape(labels[n][0])}]</sup>')
    body = "".join(out)
    return (
        '<div style="white-space:pre-wrap;font-family:Georgia,serif;line-height:1.6;'
        'max-height:34rem;overflow-y:auto;padding:0.8rem;border:1px solid #ddd;border-radius:0.4rem">'
        f"{body}</div>"
    )
