"""Filtering and summarising the built tables for the dashboard (pure pandas, no Streamlit).

Every function takes frames and plain values and returns a new frame, row
positions (NumPy arrays, for picking rows out of a large frame without copying
it) or plain values, so the pages stay thin and everything here is unit-tested
on small hand-built frames. Whole columns are handled at once (vectorised):
the dashboard calls these on hundreds of thousands of rows.

Fact tables are first joined with their article's ``title``, ``outlet`` and
``published`` (:func:`with_article_meta`); the filters below then
work on those columns. An empty ``published`` means the article has no date.

"As of" logic (:func:`positions_as_of`), the way diplomacy works: an actor's
position on a date is the *strongest* stance of its side reported in the
articles published up to that date (``lib.schema.STANCE_RANK`` and
``STANCE_SIDE``: recognises González > rejects the result > demands
transparency on one side, recognises Maduro on the other). A later article that
mentions the actor in passing with a weaker verb does not undo a recognition;
only a *reversal* row (``reversal = 1``: "withdrew its recognition", "now
recognises") does: from its article's date the actor's earlier rows no longer
count. An actor is ``disputed`` only when articles support both sides; both
stances are then listed with their evidence.

Undated articles cannot be placed in time. When included (the sidebar's
*Include undated articles*), they count at every date, like a round-up that
could have been written any time; they never outweigh dated articles by being
"oldest" or "newest", and a dated reversal sets them aside with the rest of the
actor's earlier history (they cannot be shown to come after it). Every actor's
row says how many dated and undated articles back its colour
(``n_dated``/``n_undated``) and whether the colour rests on undated articles only.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from app.style import BORDER, HIGHLIGHT_TEXT, STANCE_ORDER, TABLE_COLOURS, kind_label, stance_label
from lib.lexicon import actor_name, find_officials, official_for
from lib.schema import STANCES
from lib import summaries
from lib.text import fold, sentences
from lib.summaries import (  # what the build also writes is computed there, so the build and a filtered page share one function
    UNATTRIBUTED, _reversals, _with_outlet_name, country_names, dated, describe_figure, is_running_total, latest_first,
    newest_first, outlet_name, outlet_names, parse_date, pick_order, reference_figures, with_article_meta,
)


CANDIDATES = ("Nicolás Maduro", "Edmundo González")  # the two the headline cards show, in lib/lexicons/candidates.csv spelling


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



# ---------------------------------------------------------------- basics



# ---------------------------------------------------------------- filters



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



def query_words(query: str) -> list[str]:
    """The words of a search query, folded like :func:`fold_column`."""
    return [w for w in re.split(r"\s+", fold((query or "").strip())) if w]



def search_rows(hay: pd.Series, words: list[str], rows: np.ndarray | None = None) -> np.ndarray:
    """Positions of the rows of ``hay`` (see :func:`haystack`) that contain every word, of ``rows`` (default all) in their order.

    Each word is only looked for in the rows that matched the words before it,
    so a second word costs less than the first; while they are most of ``hay``,
    it is looked through whole instead, since picking most of its rows copies
    hundreds of megabytes of text at 100,000 articles.
    """
    rows = np.arange(len(hay)) if rows is None else np.asarray(rows)
    for word in words:
        if not len(rows):
            break
        if 2 * len(rows) > len(hay):
            found = hay.str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)[rows]
        else:
            found = hay.iloc[rows].str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)
        rows = rows[found]
    return rows


def filter_values(df: pd.DataFrame, column: str, values) -> pd.DataFrame:
    return df[df[column].isin(list(values))] if values else df


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



def date_bounds(articles: pd.DataFrame) -> tuple[date, date] | None:
    days = publication_dates(articles)
    return (days[0], days[-1]) if days else None


def publication_dates(df: pd.DataFrame) -> list[date]:
    """Distinct publication dates of the rows, ascending."""
    return sorted({parse_date(d) for d in df.loc[dated(df), "published"].unique()})


# ---------------------------------------------------------------- positions



AS_OF_COLUMNS = [
    "actor_code", "actor_name", "actor_type", "stance", "stance_label", "stances", "since", "latest_published", "reset_on",
    "n_articles", "n_dated", "n_undated", "undated_only", "n_outlets", "evidence", "article_id", "title", "outlet",
]


def positions_as_of(positions: pd.DataFrame, as_of=None, include_undated: bool = True) -> pd.DataFrame:
    """:func:`lib.summaries.positions_as_of` in words (:func:`worded_positions`): one row per actor, its strongest stance up to ``as_of``."""
    return worded_positions(summaries.positions_as_of(positions, as_of, include_undated))


def worded_positions(as_of: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`lib.summaries.positions_as_of` (computed or built) with their stances in words: ``stance_label``,
    ``stances`` listed by label, a disputed actor's evidence marked ``[label]`` instead of ``[code]``."""
    evidence = as_of["evidence"].astype(object)
    for code in STANCES:
        evidence = evidence.str.replace(f"[{code}] ", f"[{stance_label(code)}] ", regex=False)
    stances = [", ".join(stance_label(s) for s in str(found).split(", ") if s) for found in as_of["stances"]]
    return as_of.assign(stance_label=as_of["stance"].map(stance_label), stances=stances, evidence=evidence)[AS_OF_COLUMNS]



def backing_note(row) -> str:
    """'backed by 3 dated + 1 undated article(s) since 2024-08-01' for a row of :func:`positions_as_of`; says when the colour rests on undated ones only."""
    counts = f"{row['n_dated']} dated" + (f" + {row['n_undated']} undated" if row["n_undated"] else "")
    if row["undated_only"]:
        counts = f"{row['n_undated']} undated (no dated)"
    since = f" since {row['since']}" if row["since"] else ""
    reset = f"; changed position on {row['reset_on']}" if row["reset_on"] else ""
    return f"backed by {counts} article(s){since}{reset}"


HISTORY_COLUMNS = ["published", "stance", "stance_label", "position", "position_label", "reversal", "evidence", "cue", "article_id", "title", "outlet"]


def actor_history(positions: pd.DataFrame, actor_code: str, include_undated: bool = True) -> pd.DataFrame:
    """One actor's rows in date order (undated last), each with the position in force once it was published.

    ``stance`` is what the article reports; ``position`` what :func:`positions_as_of`
    gives on that article's date (undated articles count at every date, so
    their rows carry the latest position). This is the step chart of a profile.
    """
    mine = positions[positions["actor_code"] == actor_code]
    if not include_undated:
        mine = mine[dated(mine)]
    if mine.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    df = _with_outlet_name(mine).assign(reversal=_reversals(mine).astype("int64"), undated=lambda d: d["published"] == "")
    df = df.sort_values(["undated", "published", "article_id"], kind="stable")
    days = {day: positions_as_of(mine, day, include_undated)["stance"].iloc[0] for day in df.loc[~df["undated"], "published"].unique()}
    latest = positions_as_of(mine, None, include_undated)["stance"].iloc[0]
    out = df.assign(position=[days.get(day, latest) for day in df["published"]], outlet=df["outlet_name"])  # one actor: few rows
    out["stance_label"] = out["stance"].map(stance_label)
    out["position_label"] = out["position"].map(stance_label)
    return out[HISTORY_COLUMNS].reset_index(drop=True)


def stance_counts(as_of: pd.DataFrame) -> pd.DataFrame:
    """Actors per stance and actor type (all stances listed, zeros included)."""
    index = pd.MultiIndex.from_product([STANCE_ORDER, ("country", "organization")], names=["stance", "actor_type"])
    counts = as_of.groupby(["stance", "actor_type"]).size() if len(as_of) else pd.Series(dtype="int64")
    out = counts.reindex(index, fill_value=0).rename("actors").reset_index()
    out["stance_label"] = out["stance"].map(stance_label)
    return out


SUPPORT_COLUMNS = ["actor_code", "actor_name", "actor_type", "stance", "stance_label", "n_articles", "n_outlets", "first_published", "last_published"]


def worded_support(support: pd.DataFrame) -> pd.DataFrame:
    """:func:`lib.summaries.combined_support` (the build's ``position_support``) as the World positions' table shows it."""
    if support.empty:
        return pd.DataFrame(columns=SUPPORT_COLUMNS)
    out = support.assign(stance_label=support["stance"].map(stance_label))
    return out[SUPPORT_COLUMNS].sort_values(["actor_name", "n_articles"], ascending=[True, False], ignore_index=True)


def stance_support(positions: pd.DataFrame) -> pd.DataFrame:
    """Per actor and stance: how many articles and outlets back it, and when (``positions`` in the order the table lists them:
    the first row of each actor and stance gives its name and type)."""
    return worded_support(summaries.combined_support(summaries.support_parts(positions)))


# ---------------------------------------------------------------- actor profiles

OBSERVERS_FILE = Path(__file__).resolve().parent / "assets" / "observers.csv"
# Actors with a profile of their own besides every actor of the positions table.
PROFILE_ORGANISATIONS = ("EP", "EU", "OAS", "G7", "UN")


@cache
def observers() -> dict[str, dict[str, str]]:
    """The observer bodies (``app/assets/observers.csv``: code, name, pattern, note): they hold no stance but report findings."""
    with open(OBSERVERS_FILE, newline="", encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def profile_options(positions: pd.DataFrame) -> list[str]:
    """Codes with a profile: the actors of ``positions`` (by name), then the listed organisations, then the observers."""
    named = positions.drop_duplicates("actor_code").sort_values("actor_name")["actor_code"].tolist() if len(positions) else []
    return list(dict.fromkeys([*named, *PROFILE_ORGANISATIONS, *observers()]))


def profile_name(code: str) -> str:
    if code in observers():
        return observers()[code]["name"]
    return actor_name(code)


def actor_officials(code: str, quotes: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """The officials of ``officials.csv`` who voiced an actor's position: speakers of its quotes, or named in its evidence.

    Columns: official, role, n_quotes, n_sentences.
    """
    counts: dict[str, list] = {}
    for speaker in quotes.loc[quotes["speaker_country"] == code, "speaker"].fillna(""):
        official = official_for(speaker) if speaker else None
        if official is not None and official.country_code == code:
            counts.setdefault(official.name, [official.role, 0, 0])[1] += 1
    for evidence in positions.loc[positions["actor_code"] == code, "evidence"].fillna(""):
        for official in {o for _, _, o in find_officials(evidence) if o.country_code == code}:
            counts.setdefault(official.name, [official.role, 0, 0])[2] += 1
    out = pd.DataFrame([(name, role, q, n) for name, (role, q, n) in counts.items()], columns=["official", "role", "n_quotes", "n_sentences"])
    return out.sort_values(["n_quotes", "n_sentences", "official"], ascending=[False, False, True], ignore_index=True)


FINDING_COLUMNS = ["published", "sentence", "article_id", "title", "outlet"]


def observer_findings(articles: pd.DataFrame, code: str) -> pd.DataFrame:
    """Every sentence of the articles (with a ``text`` column) that mentions an observer body, newest article first."""
    pattern = re.compile(observers()[code]["pattern"])
    texts = articles["text"].fillna("").astype("string")
    hits = articles[texts.str.contains(pattern.pattern, regex=True).fillna(False).to_numpy(dtype=bool)]
    rows = [
        (a.published or "", sentence.text, a.article_id, a.title or "", outlet_name(a.outlet))
        for a in hits.itertuples() for sentence in sentences(a.text) if pattern.search(sentence.text)
    ]
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return out.iloc[newest_first(out)].reset_index(drop=True) if len(out) else out


# ---------------------------------------------------------------- figures



def kind_labels(df: pd.DataFrame) -> pd.Series:
    """What each figure counts, in words: the kind's label, and for kind ``other`` its subject ("minors detained",
    "prisons"), so that unlike things never share one "other" bar or colour."""
    subject = df["subject"].fillna("").astype(str) if "subject" in df else pd.Series("", index=df.index)
    labels = {kind: kind_label(kind) for kind in df["kind"].dropna().unique()}  # a dozen kinds, not a call per row
    return df["kind"].map(labels).where((df["kind"] != "other") | (subject == ""), "other: " + subject)


def with_words(df: pd.DataFrame) -> pd.DataFrame:
    """Adds ``figure`` (the number in words with its hedge) and ``kind_label``.

    Each distinct (value, hedge, kind) is put in words once: 400,000 figures hold a few thousand distinct ones.
    """
    out = df.copy()
    if len(out):
        keys = pd.MultiIndex.from_frame(out[["value", "qualifier", "kind"]])
        distinct = keys.unique()
        words = pd.Series([describe_figure(v, q, k) for v, q, k in distinct], index=distinct, dtype="string")
        out["figure"] = words.reindex(keys).to_numpy()
    else:
        out["figure"] = pd.Series(dtype="string")
    out["kind_label"] = kind_labels(out) if len(out) else pd.Series(dtype="string")
    return out



def headline(summary: pd.DataFrame, claimant: str) -> dict:
    """One claimant's headline (rows of :func:`results_summary`): the shares per candidate and the tally coverage of
    one of its claims, so that a card never mixes the CNE's two bulletins.

    The claimant's claims are those it makes and its published claims that
    unattributed figures match (the CNE's second bulletin stated without a
    source). The claim shown is the one of the best share by :func:`pick_order`;
    the coverage is the best of that claim's (or, without shares, of any of
    the claimant's claims). ``claim`` names it, ``others`` lists the claimant's claims not on the card.
    """
    refs = reference_figures()
    own_claims = set(refs.loc[refs["claimant"] == claimant, "claim"])
    parts = summary["claim"].astype(object).map(claim_parts)  # sets: a string column would cast them back to text
    mine = summary[(summary["claimed_by"] == claimant) | parts.map(lambda cs: bool(own_claims & cs))]
    mine = mine.assign(published=mine["published"].replace("undated", ""))

    def best(df: pd.DataFrame):
        return df.iloc[pick_order(df)[0]] if len(df) else None

    shares = mine[(mine["kind"] == "vote_share_pct") & (mine["candidate"] != "")]
    top = best(shares)
    claims = set(mine["claim"])
    on_card: set[str] = set()  # no share: the card holds no claim of its own, every claim is another
    if top is not None:
        # The card keeps to the chosen claim and to figures that match it among others (González's 67% matches
        # both acta counts of the opposition): a figure of another claim only never joins it.
        chosen = claim_parts(top["claim"])
        on_card = {c for c in claims if claim_parts(c) <= chosen or chosen <= claim_parts(c)}
        mine = mine[mine["claim"].isin(on_card)]
        shares = shares[shares["claim"].isin(on_card)]
    return {
        "claim": top["claim"] if top is not None else "",
        "shares": {cand: best(group) for cand, group in shares.groupby("candidate")},
        "coverage": best(mine[mine["kind"] == "tally_coverage_pct"]),
        # A version of the card's own claim (the 67% both acta counts give) is no other claim.
        "others": sorted(claims - on_card),
    }


def claim_parts(claim: str) -> set[str]:
    """The published claims a claim name stands for ("the opposition's tally sheets (24,532 actas / 25,073 actas)" is two)."""
    if " or " in claim:
        return set().union(*(claim_parts(c) for c in claim.split(" or ")))
    head, _, rest = claim.partition(" (")
    if " / " in rest:
        return {f"{head} ({part})" for part in rest.rstrip(")").split(" / ")}
    return {claim}


def headline_figure(latest: pd.DataFrame):
    """Of crackdown figures of one kind (:func:`latest_figures`), the one to lead with: a named source before an
    unattributed one, then for a running total (detained, killed: :func:`lib.summaries.is_running_total`) the
    largest, the latest count (a precise "14" arrested over a plot is no headline beside "2,400"), else
    :func:`pick_order` (most precise, dated before undated, most recent). None when empty."""
    if latest.empty:
        return None
    named = latest[latest["claimed_by"] != UNATTRIBUTED]
    pool = named if len(named) else latest
    order = latest_first(pool) if is_running_total(pool).all() else pick_order(pool)
    return pool.iloc[order[0]]


def latest_figures(figures: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """:func:`lib.summaries.latest_figures` in words (:func:`with_words`): the newest figure each reporter gives per kind
    (``other`` split by subject, see :func:`kind_labels`), newest first."""
    return with_words(summaries.latest_figures(figures, kind))


BY_DAY_COLUMNS = ["claimed_by", "published", "kind", "value", "qualifier", "figure", "n_articles", "n_reports", "evidence", "article_id"]


def figures_by_day(figures: pd.DataFrame) -> pd.DataFrame:
    """One point per reporter and publication day: the value most of that day's articles give (the highest on a tie).

    Figures of kind ``other`` are one line per reporter and subject ("article · prisons").
    A running total (detained, killed, injured: :func:`lib.summaries.is_running_total`) is the day's highest
    figure instead, and a day whose highest is below what the reporter gave before is left out: a total since
    the election does not fall, so that figure is a part of it or an older count, not a drop (it stays in the
    table of every figure). ``n_articles`` counts the articles giving that value, ``n_reports`` those
    reporting any; ``evidence`` and ``article_id`` are one article's giving it.
    Undated rows are left out: they cannot be placed in time.
    """
    df = figures[dated(figures)] if len(figures) else figures
    if df.empty:
        return pd.DataFrame(columns=BY_DAY_COLUMNS)
    if (df["kind"] == "other").all():  # one line per reporter and thing counted: six asylum seekers are no fall from 100 minors
        df = df.assign(claimed_by=df["claimed_by"] + " · " + df["subject"].fillna("").astype(str))
    keys = ["claimed_by", "published"]
    per_value = df.groupby([*keys, "value"], sort=False)["article_id"].nunique().rename("n_articles").reset_index()
    running = is_running_total(df).all()
    order = [*keys, "value"] if running else [*keys, "n_articles", "value"]
    best = per_value.sort_values(order, ascending=[True, True, *[False] * (len(order) - 2)]).drop_duplicates(keys)
    if running:  # sorted by reporter and day: keep the days that hold or raise the reporter's total so far
        best = best[best["value"] >= best.groupby("claimed_by")["value"].cummax()]
    example = df.drop_duplicates([*keys, "value"])[[*keys, "value", "kind", "qualifier", "evidence", "article_id"]]
    n_reports = df.groupby(keys)["article_id"].nunique().rename("n_reports")
    out = best.merge(example, on=[*keys, "value"], how="left").join(n_reports, on=keys)
    return with_words(out)[BY_DAY_COLUMNS].sort_values(keys, ignore_index=True)


# ---------------------------------------------------------------- quotes and articles



def quote_index(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The quotes with article metadata and the speaker's country name.

    Not their sentences: a page cuts the few it shows with
    :func:`with_sentences`, rather than keeping 100,000 articles' worth of
    sentences in memory next to the texts they come from; and not their
    search text (:func:`lib.summaries.quote_search`), read only for a search.
    """
    df = with_article_meta(quotes, articles)
    return df.assign(country=country_names(df["speaker_country"]))


def with_kind_labels(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with ``kind_label``: its figure type in words (the build's summaries keep the codes)."""
    return df.assign(kind_label=df["kind"].map(kind_label))


def _take_arrow(values, positions: np.ndarray):
    """The rows at ``positions`` of an Arrow-backed pandas array, each taken from its chunk (see :func:`take`)."""
    chunked = values.__arrow_array__()
    starts = np.concatenate(([0], np.cumsum([len(chunk) for chunk in chunked.chunks])))
    piece = np.searchsorted(starts, positions, side="right") - 1
    order = np.argsort(piece, kind="stable")
    chunks, cuts = np.unique(piece[order], return_index=True)
    taken = pa.chunked_array([chunked.chunk(c).take(pa.array(positions[group] - starts[c])) for c, group in zip(chunks, np.split(order, cuts[1:]))],
                             type=chunked.type)
    return pd.array(taken.combine_chunks().take(pa.array(np.argsort(order, kind="stable"))), dtype=values.dtype)


def take(df: pd.DataFrame, positions) -> pd.DataFrame:
    """``df.iloc[positions]`` (same rows, order, index and dtypes), each Arrow column's rows taken from the chunks that hold them.

    pandas' take of an Arrow column joins all its chunks first: picking ten quotes from a table read from 101
    Parquet parts copied every column whole (0.4 s for the results' sentences) on each call. Many rows (nothing
    to save) are taken as pandas takes them.
    """
    positions = np.asarray(positions, dtype=np.int64)
    if not len(positions) or 8 * len(positions) > len(df) or positions.min() < 0:
        return df.iloc[positions]
    columns = {c: _take_arrow(df[c].array, positions) if hasattr(df[c].array, "__arrow_array__") else df[c].to_numpy()[positions] for c in df.columns}
    return pd.DataFrame(columns, index=df.index[positions]).astype(df.dtypes.to_dict())


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    """Where page ``page`` (counting from 1) starts and stops in a list of rows."""
    start = max(0, (int(page) - 1) * per_page)
    return start, start + per_page


def page_slice(df, page: int, per_page: int):
    """The rows (of a frame, or positions of an array) on page ``page``, counting from 1."""
    start, stop = page_bounds(page, per_page)
    return df.iloc[start:stop] if isinstance(df, pd.DataFrame) else df[start:stop]


def n_pages(n_rows: int, per_page: int) -> int:
    return max(1, -(-n_rows // per_page))


def titles_of(articles: pd.DataFrame, article_ids) -> dict[str, str]:
    """article_id -> title for a few articles."""
    rows = articles[articles["article_id"].isin(list(article_ids))]
    return dict(zip(rows["article_id"], rows["title"].fillna("")))


def corpus_summary(days: pd.DataFrame) -> dict:
    """How many articles, outlets (and articles of no known outlet), the first and last publication date and how many
    undated articles, from articles per outlet and day (:func:`lib.summaries.article_days`)."""
    bounds = date_bounds(days)
    known = days["outlet"].fillna("").astype(str)
    return {
        "articles": int(days["n_articles"].sum()),
        "outlets": known[known != ""].nunique(),
        "unknown_outlet": int(days.loc[(known == "").to_numpy(), "n_articles"].sum()),
        "first": bounds[0] if bounds else None,
        "last": bounds[1] if bounds else None,
        "undated": int(days.loc[~dated(days), "n_articles"].sum()),
    }


def facts_per_article(articles: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Articles with how many rows each fact table drew from them (``counts``: :func:`lib.summaries.fact_counts`)."""
    out = articles[["article_id", "title", "outlet", "published", "url", "metadata_source", "n_chars"]].copy()
    counted = counts.set_index("article_id")
    for name in summaries.FACT_COUNTS:
        out[name] = out["article_id"].map(counted[name]).fillna(0).astype("int64")
    return out


def first_of(ids: str, sep: str = ", ", limit: int = summaries.JOIN_LIMIT) -> str:
    """:func:`lib.summaries.joined` of a cell that already lists distinct values joined by ``sep`` (a key event's
    every article), without splitting all of them: at 100,000 articles a cell holds tens of thousands."""
    more = (ids.count(sep) + 1 if ids else 0) - limit
    return sep.join(ids.split(sep, limit)[:limit]) + (f" (+{more} more)" if more > 0 else "")


DATED_BY = {"fixed": "the day it happened", "sentence": "a date in the sentence", "publication": "publication date (no date in the sentence)", "undated": "undated",
            "before": "before election day: of another time, not placed"}




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
            out.append(f'<mark title="{title}" style="background:{TABLE_COLOURS.get(table, "#eee")};color:{HIGHLIGHT_TEXT};padding:0 1px">{html.escape(piece)}</mark>')
        else:
            out.append(html.escape(piece))
        pos += len(piece)
        for n in ends.get(pos, []):
            out.append(f'<sup class="vz-muted" style="font-size:0.7em">[{n}&nbsp;{html.escape(labels[n][0])}]</sup>')
    body = "".join(out)
    return (
        '<div style="white-space:pre-wrap;font-family:Georgia,serif;line-height:1.6;'
        f'max-height:34rem;overflow-y:auto;padding:0.8rem;border:1px solid {BORDER};border-radius:0.4rem">'
        f"{body}</div>"
    )
