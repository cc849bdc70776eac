"""Summaries of the built tables: what the dashboard's pages show, computed once per build (pure pandas).

The pages summarise hundreds of thousands of rows: each actor's position,
the latest crackdown figures, the headline results and the published
figures, the key-event timeline, the quote search index. With no sidebar
filter those summaries are the same on every visit, so the build writes them
next to its tables (the files are declared in :data:`lib.schema.SUMMARIES`)
and the dashboard reads a few kilobytes instead of computing them on a
visitor's first run. With a filter, the dashboard computes the same
summaries from the kept rows with the same functions, which is why they
live here and not in ``app/``.

The build makes them batch by batch (:data:`PARTS`): each batch of articles
writes its part of every summary as it is written (:func:`write_parts`), an
unchanged batch's parts are linked with its tables, and :func:`write`
combines the parts once every batch is in, taking an unchanged batch's from
the file of parts the build before stored (:func:`_all_parts`), which it links
for the next build, writing only the parts it made beside it. So a rebuild
after ten new articles computes their batch's parts and combines them with one
file per summary, rather than reading every table and text back, and writes
what it made, not every part again. :func:`compute` is what every summary is
over the whole tables, however made (a test holds the two equal). The big
combinations (each actor's position, the key events, the timeline's points)
work on each row's values as integer codes and take the text of the few rows
they show.

Two summaries are per row rather than small: ``quote_search`` (each quote's
folded search text: speaker, country, sentence, title, id; and the columns the
Quotes page narrows by, so a search reads no column of the table) and ``event_days``
(the day each key-event row places its event on). Both are aligned row for
row with their table and carry its ``row_id``, so a reader can tell a file
that belongs to other rows (:func:`aligned`); their parts are the summary
(one file per batch, :func:`read` reads them as one frame; the search text's
as uncompressed Arrow files, memory-mapped: :data:`MAPPED`).

The build also keeps the first rows each unfiltered table lists
(:data:`LISTINGS`: the Results page's figures, the quotes newest first, the
World positions' evidence) and how many it lists, so a page shows them
without reading a fact table; a batch's part is its own first rows, in table
order, and the first rows of all are among them.
"""
from __future__ import annotations

import contextlib
import itertools
from datetime import date
from functools import cache
from pathlib import Path
from typing import Callable, Mapping, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lib import paths, schema
from lib.schema import RUNNING_TOTAL_KINDS, STANCE_RANK, STANCE_SIDE, STANCES

FOLDER = "summaries"  # build-*/summaries/<name>.parquet


# ---------------------------------------------------------------- rows, their articles, figures in words


PERCENT_KINDS = ("vote_share_pct", "tally_coverage_pct", "turnout_pct")
ARTICLE_META = ["article_id", "title", "outlet", "published", "source"]


def with_article_meta(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A fact table with its article's title, outlet and publication date alongside (missing when the article is).

    The fact table's own columns are shared, not copied (only the three new
    columns are allocated), which matters at hundreds of thousands of rows.
    """
    rows = article_rows(articles, df)
    return df.assign(**{
        column: pd.Series(articles[column].array.take(rows, allow_fill=True), index=df.index) for column in ARTICLE_META[1:] if column in articles
    })


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


def dated(df: pd.DataFrame) -> pd.Series:
    """Boolean mask of rows whose article has a publication date."""
    if "published" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["published"].fillna("").astype(str).str.len() > 0


def fold_column(text: pd.Series) -> pd.Series:
    """:func:`lib.text.fold` of a whole column at once ("González" -> "gonzalez")."""
    text = text.fillna("").astype("string[pyarrow]")  # Arrow's regex engine knows \p{Mn} (combining marks); Python's re does not
    return text.str.normalize("NFKD").str.replace(r"\p{Mn}", "", regex=True).str.lower()


def haystack(df: pd.DataFrame, columns) -> pd.Series:
    """The searchable text of each row: ``columns`` joined and folded."""
    joined = pd.Series("", index=df.index, dtype="string")
    for column in columns:
        joined = joined + " \n " + df[column].fillna("").astype("string")
    return fold_column(joined)


def article_rows(articles: pd.DataFrame, df: pd.DataFrame) -> np.ndarray:
    """For each row of ``df``, the position of its article in ``articles`` (-1 when absent)."""
    # Arrow's hash lookup: a sixth of the time of pandas' Index.get_indexer for 750,000 quotes among 100,000 articles.
    found = pc.index_in(pa.array(df["article_id"].array, type=pa.string()), value_set=pa.array(articles["article_id"].array, type=pa.string()))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


JOIN_LIMIT = 5  # values listed in one cell (evidence, article ids...) before "(+N more)"


def joined(values, sep: str, limit: int = JOIN_LIMIT) -> str:
    """Distinct ``values`` in order, joined; past ``limit`` of them, a count of the rest.

    At 100,000 articles an actor's latest date may have hundreds of articles:
    a cell (and a map's hover) lists a few and says how many more there are.
    """
    distinct = list(dict.fromkeys(str(v) for v in values))
    more = len(distinct) - limit
    return sep.join(distinct[:limit]) + (f" (+{more} more)" if more > 0 else "")


def rows_at(df: pd.DataFrame, positions: np.ndarray, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of ``df`` at ``positions`` (of ``columns``; all by default), each column's type kept, on a new index: taken
    column by column (:func:`values_at`), as pandas' ``iloc`` of a frame of combined batch parts (Arrow columns of a
    hundred chunks) took a tenth of a second a column, even for a few rows."""
    return pd.DataFrame({c: pd.Series(values_at(df[c].array, positions), dtype=df[c].dtype) for c in (df.columns if columns is None else columns)})


def values_at(values, positions: np.ndarray):
    """A column's array (``Series.array``) at ``positions``. An Arrow column of several chunks is taken chunk by chunk:
    Arrow's take of a chunked text column joins its chunks first, a copy of every row's text (15-35 ms for 200 of
    480,000 sentences in a hundred chunks)."""
    chunked = values.__arrow_array__() if hasattr(values, "__arrow_array__") and hasattr(values.dtype, "__from_arrow__") else None
    if not isinstance(chunked, pa.ChunkedArray) or chunked.num_chunks < 2 or not len(positions):
        return values.take(positions)
    lengths = np.array([len(chunk) for chunk in chunked.chunks])
    starts = np.cumsum(lengths) - lengths
    chunk = np.searchsorted(starts, positions, side="right") - 1  # the chunk each position falls in (past any empty one)
    order = np.argsort(chunk, kind="stable")
    pieces = [chunked.chunk(int(c)).take(pa.array(positions[order][chunk[order] == c] - starts[c])) for c in np.unique(chunk)]
    return values.dtype.__from_arrow__(pa.chunked_array(pieces, type=chunked.type).take(pa.array(np.argsort(order))))


def _codes(values: pd.Series, sort: bool = False) -> np.ndarray:
    """Each row's value as an integer (``pd.factorize``; ``sort``: in the values' order), a missing one after every value."""
    codes, uniques = pd.factorize(values, sort=sort)
    return np.where(codes < 0, len(uniques), codes)


def sorted_positions(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """The row positions ``df.sort_values(keys, kind="stable")`` puts in order (ascending, missing values last, ties
    in their order), through each key's integer ranks (a sorted factorize) and one lexsort: a stable sort by several
    text columns took a fifth of a second at 130,000 rows, three times this."""
    ranks = [_codes(df[key], sort=True) for key in reversed(keys)]  # a missing value after every value
    return np.lexsort(ranks) if ranks else np.arange(len(df))


FACT_COUNTS = ("positions", "results", "crackdown", "quotes")  # the fact tables the Sources page counts per article


def fact_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per article (every one, in the articles' order): how many rows each table of :data:`FACT_COUNTS` drew from it."""
    out = tables["articles"][["article_id"]].copy()
    for name in FACT_COUNTS:
        counts = tables[name].groupby("article_id").size() if len(tables[name]) else pd.Series(dtype="int64")
        out[name] = out["article_id"].map(counts).fillna(0).astype("int64")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- the 2024 results and the published figures


# The 28 July 2024 presidential election is the contest with no name (``contest`` empty, see lib/schema.py).
PRESIDENTIAL = ""
RESULT_FIGURE_KINDS = ("vote_share_pct", "votes", "tally_coverage_pct", "turnout_pct")
UNATTRIBUTED = "article"  # ``claimed_by`` of a figure the article states without a source
UNATTRIBUTED_LABEL = "unattributed"
NO_MATCH = "differs from every published figure"


def claimant_label(claimed_by: str) -> str:
    """'unattributed' for a figure stated without a source, else the claimant."""
    return UNATTRIBUTED_LABEL if claimed_by == UNATTRIBUTED else claimed_by


def presidential_results(results: pd.DataFrame) -> pd.DataFrame:
    """The competing claims about 28 July 2024: figures of that contest that are results.

    Figures about other contests (the 2023 primary, 2018, polls) are listed
    apart (:func:`other_contest_figures`), and so are numbers that are no
    result at all (:func:`non_result_figures`: bounties, sanction counts,
    parliament votes).
    """
    return results[is_presidential_result(results)]


def is_presidential_result(results: pd.DataFrame) -> pd.Series:
    """Which rows :func:`presidential_results` keeps, as a mask (a page needs the rows' positions, not a copy of them)."""
    return (results["contest"] == PRESIDENTIAL) & ~_non_result(results)


def _non_result(results: pd.DataFrame) -> pd.Series:
    return (results["kind"] == "other") & (results["candidate"].fillna("") == "")


def decimals(value: float, kind: str) -> int:
    """The decimal place a figure is stated to: 51.95 -> 2, 52 -> 0; for counts, 6,400,000 -> -5 (rounded to hundred thousands).

    A percentage is read to its decimals (a plain "80%" is 80 to 0 decimals,
    not 8 tens); a count's trailing zeros are rounding.
    """
    text = f"{float(value):.6f}".rstrip("0")
    places = len(text.split(".")[1])
    if places or kind in PERCENT_KINDS or not float(value):
        return places
    digits = text.rstrip(".")
    return -(len(digits) - len(digits.rstrip("0")))


def _rounded(reference: float, places: int) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(float(reference))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# How far a hedged figure may lie from the reference it reports: (lowest, highest) ratio reference / figure.
HEDGE_RANGES = {"about": (0.95, 1.05), "more than": (1.0, 1.1), "at least": (1.0, 1.1), "less than": (0.9, 1.0), "up to": (0.9, 1.0)}


def matches_reference(value: float, qualifier: str, kind: str, reference: float) -> bool:
    """Whether a figure reports ``reference``: equal to it rounded to the figure's own precision (52% is 51.95%,
    6.4 million is 6,408,844), or, when hedged, within the hedge ("more than 80%" is 81.7%, "nearly 70%" is 67.1%)."""
    if qualifier in HEDGE_RANGES:
        low, high = HEDGE_RANGES[qualifier]
        return low * value <= reference <= high * value
    return _rounded(reference, decimals(value, kind)) == float(value)


@cache
def reference_figures() -> pd.DataFrame:
    """The published figures of ``lib/lexicons/reference_figures.csv`` (CNE bulletins, the opposition's tally sheets)."""
    from lib.lexicon import read_lexicon

    refs = pd.DataFrame(read_lexicon("reference_figures"))
    return refs.assign(value=refs["value"].astype(float))


REFERENCE_COLUMNS = ["reference", "reference_claim", "reference_claimant"]


def _reference_of(kind: str, candidate: str, value: float, qualifier: str, claimed_by: str, refs: list[dict]) -> tuple[str, str, str]:
    """:data:`REFERENCE_COLUMNS` of one distinct figure, from the reference figures as records (a few dozen: a Python
    loop over them is a fiftieth of the time of filtering a frame of them a few times per figure)."""
    if kind not in RESULT_FIGURE_KINDS:
        return "", "", ""
    percent = kind in PERCENT_KINDS
    # A figure with a candidate is compared with that candidate's figures of its kind; one without a candidate
    # (its kind less certain: "80% of the vote" said of tally sheets counted) with every figure of its unit.
    pool = [r for r in refs if (r["kind"] in PERCENT_KINDS) == percent and (not candidate or (r["kind"], r["candidate"]) == (kind, candidate))]
    hits = [r for r in pool if matches_reference(value, qualifier, kind, r["value"])]
    if any(r["claimant"] == claimed_by for r in refs):
        # A claimant with published figures of its own is compared with those only: the opposition's "80%" of
        # tally sheets is no echo of the CNE's 80% counted.
        hits = [r for r in hits if r["claimant"] == claimed_by]
        if not hits:
            return f"differs from every figure the {claimed_by} published", "", ""
    if not hits:
        return NO_MATCH, "", ""
    claims = list(dict.fromkeys(r["claim"] for r in hits))
    claimants = {r["claimant"] for r in hits}
    return "matches " + claim_names(claims), " or ".join(claims), claimants.pop() if len(claimants) == 1 else ""


def claim_names(claims: list[str]) -> str:
    """Several claims a figure matches, in words, their shared part said once: "the opposition's tally sheets
    (24,532 actas / 25,073 actas)"; else joined by "or" ("about 51%" is the CNE's first bulletin or its second, not both)."""
    heads = {c.split(" (")[0] for c in claims}
    if len(claims) > 1 and len(heads) == 1 and all(" (" in c for c in claims):
        return f"{heads.pop()} ({' / '.join(c.split(' (', 1)[1].rstrip(')') for c in claims)})"
    return " or ".join(claims)


def with_references(figures: pd.DataFrame, refs: pd.DataFrame | None = None) -> pd.DataFrame:
    """``figures`` with ``reference`` ("matches the CNE's second bulletin", "differs from every published figure",
    or empty when not comparable), ``reference_claim`` and ``reference_claimant`` (the claim and claimant matched, if one).

    Only results of the 28 July 2024 election are compared. Each distinct
    figure is compared once, so the cost follows the number of distinct
    figures, not of rows.
    """
    refs = reference_figures() if refs is None else refs
    keys = ["kind", "candidate", "value", "qualifier", "claimed_by"]
    if figures.empty:
        return figures.assign(**{c: pd.Series(dtype="object") for c in REFERENCE_COLUMNS})
    each = pd.MultiIndex.from_frame(figures[keys].fillna(""))  # looked up by index, not merged: half the time at 400,000 rows
    distinct = each.unique()
    records = refs.to_dict("records")
    found = pd.DataFrame([_reference_of(k, c, float(v), q, w, records) for k, c, v, q, w in distinct], columns=REFERENCE_COLUMNS, index=distinct)
    compared = figures.get("contest", pd.Series("", index=figures.index)).fillna("") == PRESIDENTIAL
    out = found.reindex(each).set_axis(figures.index)
    return figures.assign(**{c: out[c].where(compared, "") for c in REFERENCE_COLUMNS})


CLAIM_KEYS = ["claim", "kind", "candidate"]  # a claim of a figure type, of a candidate (or none)


def claim_counts(figures: pd.DataFrame) -> pd.Series:
    """How many articles report each published claim: per (claim, kind, candidate), of figures carrying :func:`with_references`.

    A figure may match several claims ("A or B"): it counts for each. The
    figures are split into (claim, kind, candidate) once and counted per
    group, not scanned once per reference figure.
    """
    if not len(figures):
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], [], []], names=CLAIM_KEYS))
    matched = figures.loc[figures["reference_claim"].fillna("") != "", ["reference_claim", "kind", "candidate", "article_id"]]
    matched = matched.assign(claim=matched["reference_claim"].str.split(" or ")).explode("claim")
    return matched.groupby(CLAIM_KEYS)["article_id"].nunique()


def published_claims(figures: pd.DataFrame | None, refs: pd.DataFrame | None = None, counts: pd.Series | None = None) -> pd.DataFrame:
    """The reference figures, each with how many articles report it (:func:`claim_counts` of ``figures``, or ``counts`` when given)."""
    refs = reference_figures() if refs is None else refs
    out = refs.assign(figure=[format_number(v, k) for v, k in zip(refs["value"], refs["kind"])])
    counts = claim_counts(figures) if counts is None else counts
    return out.assign(n_articles=[int(counts.get((c, k, n), 0)) for c, k, n in zip(refs["claim"], refs["kind"], refs["candidate"])])


def pick_order(df: pd.DataFrame) -> np.ndarray:
    """Positions of ``df``'s rows, best first: a figure that matches a published one before one that matches none
    (a misprint must not become the headline), then the most precise (decimals; a plain figure before a hedged one),
    then dated before undated, then the most recent article, then article id."""
    keys = pd.DataFrame({
        "differs": df["reference"].fillna("").str.startswith("differs").to_numpy() if "reference" in df else np.zeros(len(df), bool),
        "decimals": [-decimals(v, k) for v, k in zip(df["value"], df["kind"])],
        "hedged": (df["qualifier"].fillna("") != "").to_numpy(),
        "undated": (df["published"].fillna("") == "").to_numpy(),
        "published": df["published"].fillna("").astype(str).to_numpy(),
        "article_id": df["article_id"].astype(str).to_numpy(),
    })
    return keys.sort_values(["differs", "decimals", "hedged", "undated", "published", "article_id"],
                            ascending=[True, True, True, True, False, True], kind="stable").index.to_numpy()


SUMMARY_COLUMNS = ["claim", "kind", "claimed_by", "candidate", "value", "figure", "qualifier", "published", "n_articles", "n_reports",
                   "low", "high", "reference", "evidence", "article_id"]


def claim_of(figures: pd.DataFrame) -> pd.Series:
    """Whose claim a figure is: the published claim it matches ("the CNE's second bulletin") when that claim is the
    claimant's own or the figure is unattributed, else the claimant ('unattributed' when the article names none).

    An unattributed figure that matches claims of different claimants (an unsourced "more than 80%" of tally sheets
    is the CNE's first bulletin's 80% counted and the opposition's 81.7% and 83.5% alike) joins none: it is
    no claim of the CNE and the opposition at once."""
    claim = figures["reference_claim"].fillna("")
    one_claimant = figures["reference_claimant"].fillna("") != ""
    own = (claim != "") & one_claimant & ((figures["reference_claimant"] == figures["claimed_by"]) | (figures["claimed_by"] == UNATTRIBUTED))
    return claim.where(own, figures["claimed_by"].map(claimant_label)).map(lambda c: claim_names(c.split(" or ")))


def results_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per claim, kind and candidate of the 2024 election: the figure a journalist would quote (:func:`pick_order`).

    ``claim`` is :func:`claim_of`: the CNE's two bulletins are two claims, the
    opposition's tally sheets one, each independent analysis its own.
    ``n_articles`` counts the articles giving the picked value, ``n_reports``
    those giving any; ``low``/``high`` the range reported.
    """
    return summarised_results(result_candidates(results))


def result_candidates(results: pd.DataFrame) -> pd.DataFrame:
    """What :func:`summarised_results` needs of some results: per claim, kind, candidate and value, the best row
    (:func:`pick_order`) with ``n_value`` (its articles giving that value) and ``n_group`` (those giving any, on the
    group's best row, 0 on the others). Articles never span two batches, so the build sums the counts of its batches'."""
    df = with_references(presidential_results(results))
    if df.empty:
        return df.assign(claim=pd.Series(dtype="string"), n_value=pd.Series(dtype="int64"), n_group=pd.Series(dtype="int64"))
    df = df.assign(claim=claim_of(df)).iloc[pick_order(df)]
    n_value = df.groupby([*CLAIM_KEYS, "value"])["article_id"].transform("nunique")
    n_group = df.groupby(CLAIM_KEYS)["article_id"].transform("nunique").where(~df.duplicated(CLAIM_KEYS), 0)
    best = ~df.duplicated([*CLAIM_KEYS, "value"]).to_numpy()
    return df.assign(n_value=n_value, n_group=n_group)[best].reset_index(drop=True)


def summarised_results(candidates: pd.DataFrame) -> pd.DataFrame:
    """:func:`results_summary` from :func:`result_candidates` (of every row, or of each batch's rows, concatenated).

    Each group's best row is its first in one :func:`pick_order` of every
    candidate (a stable sort: the order it has within its group), so the
    groups are summarised at once rather than sorted one by one.
    """
    if candidates.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    candidates = candidates.reset_index(drop=True)
    groups = candidates.groupby(CLAIM_KEYS, sort=True)
    best = candidates.iloc[pick_order(candidates)].drop_duplicates(CLAIM_KEYS).set_index(CLAIM_KEYS).reindex(groups.size().index)
    picked = best["value"].reindex(pd.MultiIndex.from_frame(candidates[CLAIM_KEYS])).to_numpy()
    n_articles = candidates["n_value"].where(candidates["value"].to_numpy() == picked, 0).groupby([candidates[k] for k in CLAIM_KEYS]).sum()
    claim, kind, cand = (best.index.get_level_values(k).tolist() for k in CLAIM_KEYS)
    value, qualifier = best["value"].tolist(), best["qualifier"].tolist()
    # Built from Python values, column by column, as a frame of one dict per group would be: the same dtypes.
    return pd.DataFrame({
        "claim": claim, "kind": kind, "claimed_by": [claimant_label(c) for c in best["claimed_by"]], "candidate": cand,
        "value": value, "figure": [describe_figure(v, q, k) for v, q, k in zip(value, qualifier, kind)], "qualifier": qualifier,
        "published": [p or "undated" for p in best["published"]], "n_articles": n_articles.reindex(best.index).tolist(),
        "n_reports": groups["n_group"].sum().reindex(best.index).tolist(), "low": groups["value"].min().reindex(best.index).tolist(),
        "high": groups["value"].max().reindex(best.index).tolist(), "reference": best["reference"].tolist(),
        "evidence": best["evidence"].tolist(), "article_id": best["article_id"].tolist(),
    }, columns=SUMMARY_COLUMNS)


# ---------------------------------------------------------------- quotes


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


# ---------------------------------------------------------------- key events


def event_days(rows: pd.DataFrame) -> pd.DataFrame:
    """``event_date`` (YYYY-MM-DD, empty when unknown) and ``dated_by`` (a key of :data:`app.selection.DATED_BY`) of key-event rows.

    A fixed event (the election, the inauguration…) is on its day from
    ``lib/lexicons/events.csv``; another on the day its sentence names
    (:func:`lib.extract.events.date_in`, "on Thursday" counted back from the
    publication); else on the article's publication date, marked as such.
    The events that are not fixed (protests, arrests, sanctions…) are the
    crisis's, which began on election day: one placed before it is of another
    time (protests at the 2018 election, a rally in April 2024) and is placed on
    no day (``dated_by`` "before").
    """
    from lib.extract.events import date_in, event_dates

    fixed = event_dates()
    election_day = fixed.get("election", "")
    vote = parse_date(election_day)  # a sentence's "28 July" names the vote, not the day of a protest (date_in's skip)
    days, how = [], []
    for event, evidence, published in zip(rows["event"], rows["evidence"], rows["published"].fillna("")):
        if event in fixed:
            days.append(fixed[event]), how.append("fixed")
            continue
        said = date_in(str(evidence), parse_date(published), skip=vote)
        day, by = (said.isoformat(), "sentence") if said is not None else (str(published), "publication" if published else "undated")
        if day and day < election_day:
            day, by = "", "before"
        days.append(day), how.append(by)
    return rows.assign(event_date=pd.Series(days, index=rows.index, dtype="object"), dated_by=pd.Series(how, index=rows.index, dtype="object"))


TIMELINE_POINT_COLUMNS = ["event", "label", "event_date", "dated_by", "n_articles", "article_ids", "evidence"]


def timeline_points(rows: pd.DataFrame) -> pd.DataFrame:
    """Key-event rows (:func:`timeline`) per event and day it happened: how many articles report it, which, and the first one's sentence.

    One point per (event, day) rather than per article, so the chart keeps its
    size at 100,000 articles. Rows without any date are left out: they cannot be placed.
    """
    return placed_points(point_rows(rows))


POINT_KEYS = ["event", "event_date"]
POINT_ORDER = ["event", "event_date", "published", "article_id"]


def point_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """What :func:`placed_points` needs of some key-event rows: per (event, day), the rows of its first
    :data:`JOIN_LIMIT` articles, with ``n`` (its articles), label, dating and sentence on the first row (0 and empty on the
    others). Articles never span two batches, so the build sums its batches' counts and the first articles are among theirs."""
    df = rows[rows["event_date"].fillna("") != ""] if len(rows) else rows
    df = df.sort_values(POINT_ORDER, kind="stable")[[*POINT_ORDER, "label", "dated_by", "evidence"]]
    distinct = df[[*POINT_KEYS, "article_id"]].drop_duplicates()
    first = distinct[distinct.groupby(POINT_KEYS, sort=False).cumcount() < JOIN_LIMIT]
    kept = df[pd.MultiIndex.from_frame(df[[*POINT_KEYS, "article_id"]]).isin(pd.MultiIndex.from_frame(first))]
    n = distinct.groupby(POINT_KEYS).size()
    at = pd.MultiIndex.from_frame(kept[POINT_KEYS])
    counts = n.reindex(at).to_numpy(dtype="int64") if len(kept) else np.zeros(0, dtype="int64")
    leading = ~kept.duplicated(POINT_KEYS).to_numpy()
    # Only a point's first row gives its label, dating and sentence (placed_points): the others' are left empty, not carried.
    shown = {column: kept[column].where(leading, "") for column in ("label", "dated_by", "evidence")}
    return kept.assign(n=np.where(leading, counts, 0), **shown).reset_index(drop=True)


def placed_points(kept: pd.DataFrame) -> pd.DataFrame:
    """:func:`timeline_points` from :func:`point_rows` (of every row, or of each batch's rows, concatenated): in
    :data:`POINT_ORDER`, worked out on integer codes, each point's text cut from its first rows only."""
    if kept.empty:
        return pd.DataFrame(columns=TIMELINE_POINT_COLUMNS)
    kept = kept.reset_index(drop=True)
    event, day, article = (_codes(kept[c], sort=True) for c in ("event", "event_date", "article_id"))
    order = np.lexsort((article, _codes(kept["published"], sort=True), day, event))
    starts = np.flatnonzero((np.diff(event[order], prepend=-1) != 0) | (np.diff(day[order], prepend=-1) != 0))  # each point's first row
    group = np.repeat(np.arange(len(starts)), np.diff(starts, append=len(order)))  # each row's point
    first = rows_at(kept, order[starts], ["label", "dated_by", "evidence", *POINT_KEYS])
    n_articles = np.add.reduceat(kept["n"].to_numpy(dtype="int64")[order], starts)
    shown, _ = _distinct_first(group, article[order], len(starts))
    ids = np.asarray(values_at(kept["article_id"].array, order[shown]), dtype=object)
    out = first[["label", "dated_by", "evidence"]].assign(
        n_articles=n_articles, article_ids=_joined_first(ids, group[shown], n_articles, ", "),
        **{key: pd.Index(first[key].array) for key in POINT_KEYS},  # the keys typed as a groupby's index of them would be
    )
    return out[TIMELINE_POINT_COLUMNS]


def timeline(tables: Mapping[str, pd.DataFrame], days: pd.DataFrame | None = None) -> pd.DataFrame:
    """Key events the articles report (the ``events`` table): one row per (event, article).

    Columns: event, label, article_id, evidence, start, end, the article's
    published date, title and outlet, and the day of the event itself
    (``event_date``, ``dated_by``: :func:`event_days`, or the build's
    ``event_days`` summary when given). Summarise per event with
    :func:`event_timeline` after filtering the rows.
    """
    meta = tables["articles"].set_index("article_id")[["published", "title", "outlet"]]
    rows = tables["events"].join(meta, on="article_id")
    if days is None:
        return event_days(rows)
    return rows.assign(event_date=days["event_date"].to_numpy(dtype=object), dated_by=days["dated_by"].to_numpy(dtype=object))


TIMELINE_COLUMNS = ["event", "label", "date", "dated_by", "n_articles", "article_ids", "first_article", "evidence"]
EXAMPLE_INPUT = ["event", "label", "article_id", "published", "evidence", "event_date", "dated_by"]  # what event_timeline reads of dated rows


class Examples(NamedTuple):
    """Of dated key-event rows (:func:`event_timeline`'s), positions and integer codes (:func:`_event_examples`)."""
    order: np.ndarray  # every row in the timeline's order: event, earliest published first, undated last, article id
    first: np.ndarray  # each event's first row in it: its label and sentence when no row dates it
    best: np.ndarray  # each dated event's row its date rests on
    event: np.ndarray  # each row's event (in name order) and article (in id order) as integers
    article: np.ndarray


def _event_examples(rows: pd.DataFrame) -> Examples:
    """:class:`Examples` of dated key-event rows (``published`` '' when undated): the row a date rests on is a fixed event's
    own, else the one placing it earliest; of equal days the earliest published, one published before that day (it
    anticipates) last. Worked out on integer codes: sorting 700,000 rows' texts took most of a second."""
    event = _codes(rows["event"], sort=True)
    day, days = _day_codes(rows["published"])
    article = _codes(rows["article_id"], sort=True)
    order = np.lexsort((article, day, day < 0, event))
    first = order[np.flatnonzero(np.diff(event[order], prepend=-1))]
    placed, on = pd.factorize(rows["event_date"], sort=True)
    on = np.asarray(on, dtype=object)
    # Published before the day it places the event on: the day's code is below that of every later event date.
    anticipates = (day >= 0) & (placed >= np.append(np.searchsorted(on, days, side="right"), 0)[day])
    known = order[(np.append(on, "") != "")[placed][order]]  # in the timeline's order; a missing date (-1) is none
    not_fixed = (rows["dated_by"] != "fixed").to_numpy()
    known = known[np.lexsort((anticipates[known], placed[known], not_fixed[known], event[known]))]
    best = known[np.flatnonzero(np.diff(event[known], prepend=-1))]
    return Examples(order, first, best, event, article)


def example_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``key_events``' part of a batch's dated rows (:func:`timeline`): what :func:`event_timeline` reads of them
    (:data:`EXAMPLE_INPUT`), with the label and sentence only on the rows it can show, each event's first and the one its
    date rests on (:func:`_event_examples`), and empty on the others.

    Of every batch's rows the timeline's first row of an event is the first of its batch's, and so is the row its date
    rests on: the parts give the same timeline as every row, without carrying every row's sentence to the publish."""
    df = rows[EXAMPLE_INPUT].reset_index(drop=True)
    if df.empty:
        return df
    examples = _event_examples(df)
    shown = np.zeros(len(df), dtype=bool)
    shown[examples.first] = shown[examples.best] = True
    return df.assign(label=df["label"].where(shown, ""), evidence=df["evidence"].where(shown, ""))


def event_timeline(event_rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event type reported.

    ``date`` is the day the event happened when it is fixed, else the
    earliest day an article places it on (a date its sentence names, or its publication date)
    (``dated_by`` says which; empty when the articles are all undated).
    Sorted by that day; events with none come last. ``article_ids`` lists the reporting articles earliest published first
    (undated last); ``first_article`` is the one whose row places the event on ``date`` (of a fixed event, the
    earliest published on or after that day: one from before it anticipates the event) and ``evidence`` its
    sentence, so the example shown is what the date rests on, never an April rally beside a July date; an event
    no row places takes the first listed. Publication dates come from ``articles`` when it has them, so a
    corrected date in the articles table wins over the one copied into the rows.
    """
    if event_rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "n_articles" else "object") for c in TIMELINE_COLUMNS})
    rows = event_rows[["event", "label", "article_id", "published", "evidence"]].copy()
    if "published" in articles.columns and len(articles):
        dates = dict(zip(articles["article_id"], articles["published"].fillna("").astype(str)))
        rows["published"] = rows["article_id"].map(dates).fillna(rows["published"])
    rows["published"] = rows["published"].fillna("").astype(str)
    if {"event_date", "dated_by"} <= set(event_rows.columns) and rows["published"].equals(event_rows["published"].fillna("").astype(str)):
        # Rows of :func:`timeline` are dated already, by these same publication dates: not again, row by row.
        rows = rows.assign(event_date=event_rows["event_date"], dated_by=event_rows["dated_by"])
    else:
        rows = event_days(rows)
    rows = rows.reset_index(drop=True)
    examples = _event_examples(rows)
    groups = np.flatnonzero(np.diff(examples.event[examples.order], prepend=-1))  # each event's first place in the order
    # Each event's article ids joined by Arrow: as Python strings, 700,000 ids took a third of the combination's time.
    ids = pa.chunked_array(pa.array(rows["article_id"].array, type=pa.large_string())).take(pa.array(examples.order)).combine_chunks()
    listed = pc.binary_join(pa.LargeListArray.from_arrays(pa.array(np.append(groups, len(ids)), pa.int64()), ids), pa.scalar(", ", pa.large_string()))
    head = rows_at(rows, examples.first, ["event", "article_id", "label", "evidence"])
    out = pd.DataFrame({  # each column of the rows' own type, as a groupby of them would give
        "n_articles": distinct_counts(examples.event, examples.article, len(groups)),
        "article_ids": pd.array(listed.to_pylist(), dtype=rows["article_id"].dtype),
        "first_article": head["article_id"].array, "label": head["label"].array, "evidence": head["evidence"].array,
    }, index=pd.Index(head["event"].array, name="event"))
    best = rows_at(rows, examples.best, ["event", "event_date", "dated_by", "article_id", "evidence"]).set_index("event")
    out["date"] = best["event_date"].reindex(out.index).fillna("")
    out["dated_by"] = best["dated_by"].reindex(out.index).fillna("undated")
    out["first_article"] = best["article_id"].reindex(out.index).fillna(out["first_article"])
    out["evidence"] = best["evidence"].reindex(out.index).fillna(out["evidence"])
    # Imported here: importing lib.extract compiles every extractor's patterns (0.4 s of a dashboard's first run).
    from lib.extract.events import event_order

    order = event_order()
    out["rank"] = [order.get(e, len(order)) for e in out.index]
    out["no_date"] = out["date"] == ""
    out = out.sort_values(["no_date", "date", "rank"]).reset_index()  # by the day it happened; events no date places, last
    return out[TIMELINE_COLUMNS]


# ---------------------------------------------------------------- positions as of a date (see app/selection.py's docstring)


DISPUTED = "disputed"  # not a stance: sources disagree about an actor's
POSITION_COLUMNS = [
    "actor_code", "actor_name", "actor_type", "stance", "stances", "since", "latest_published", "reset_on",
    "n_articles", "n_dated", "n_undated", "undated_only", "n_outlets", "evidence", "article_id", "title", "outlet",
]


UNKNOWN_OUTLET = "(outlet unknown)"


def outlet_name(outlet) -> str:
    return outlet if isinstance(outlet, str) and outlet.strip() else UNKNOWN_OUTLET


def outlet_names(outlets: pd.Series) -> pd.Series:
    """:func:`outlet_name` of a whole column at once."""
    known = outlets.fillna("").astype("string")
    return known.where(known.str.strip() != "", UNKNOWN_OUTLET)


def _with_outlet_name(positions: pd.DataFrame) -> pd.DataFrame:
    return positions.assign(published=positions["published"].fillna("").astype("string"), outlet_name=outlet_names(positions["outlet"]))


def _reversals(df: pd.DataFrame) -> pd.Series:
    """The ``reversal`` flag as booleans (0 where the column is missing: tables built before it)."""
    if "reversal" not in df.columns:
        return pd.Series(False, index=df.index)
    return pd.to_numeric(df["reversal"], errors="coerce").fillna(0).astype(bool)


def _day_codes(published: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's publication day as an integer in date order (-1 when undated: '' or missing), and the days in that order."""
    codes, uniques = pd.factorize(published, sort=True)  # '' sorts before every date; a missing one is -1
    days = np.asarray(uniques, dtype=object)
    if len(days) and days[0] == "":
        return np.where(codes < 0, -1, codes - 1), days[1:]
    return codes, days


def _outlet_codes(outlets: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's :func:`outlet_name` as an integer, and the names: worked out for the few distinct outlets, not per row."""
    codes, uniques = pd.factorize(outlets)
    names, name_of = pd.factorize(outlet_names(pd.Series(np.append(np.asarray(uniques, dtype=object), None))))
    return names[codes], np.asarray(name_of, dtype=object)  # code -1 (missing) takes the name appended last


def _distinct_first(group: np.ndarray, codes: np.ndarray, n_groups: int, limit: int = JOIN_LIMIT) -> tuple[np.ndarray, np.ndarray]:
    """Of rows in group order (``group``: each row's group number, ascending; ``codes``: its value as an integer), the
    positions of each group's first ``limit`` distinct values, in row order, and how many distinct values each group has."""
    _, first = np.unique(group.astype(np.int64) * (int(codes.max(initial=0)) + 1) + codes, return_index=True)
    first = np.sort(first)  # each distinct (group, value)'s first row, in row order: group after group
    counts = np.bincount(group[first], minlength=n_groups)
    rank = np.arange(len(first)) - (np.cumsum(counts) - counts)[group[first]]
    return first[rank < limit], counts


def _joined_first(values: np.ndarray, group: np.ndarray, counts: np.ndarray, sep: str, limit: int = JOIN_LIMIT) -> pd.Series:
    """Per group, :func:`joined` of its first distinct ``values`` (:func:`_distinct_first`, ``group`` theirs) given its
    ``counts`` of distinct ones: the first ``limit``, then how many more."""
    pieces = np.split(values, np.flatnonzero(np.diff(group)) + 1) if len(values) else []
    return pd.Series([sep.join(p) + (f" (+{n - limit} more)" if n > limit else "") for p, n in zip(pieces, counts)], dtype="string")


def _in_force(positions: pd.DataFrame, as_of, include_undated: bool) -> tuple[np.ndarray, ...]:
    """The rows that count for each actor's position as of a date, by integer codes: each row's actor (in code order;
    -1 for none) and day (:func:`_day_codes`), the days, each actor's reset day (its latest dated reversal; -1 for
    none) and the positions of the rows in force: published up to ``as_of``, undated ones unless ``include_undated`` is
    false, and of an actor with a reversal those published on or after it (no undated ones: its history starts there)."""
    actors, actor_codes = pd.factorize(positions["actor_code"], sort=True)
    day, days = _day_codes(positions["published"])
    kept = actors >= 0
    if not include_undated:
        kept &= day >= 0
    if as_of is not None:
        kept &= day < np.searchsorted(days, parse_date(as_of).isoformat(), side="right")
    reversal = _reversals(positions).to_numpy() & kept & (day >= 0)
    reset = np.full(len(actor_codes), -1)
    np.maximum.at(reset, actors[reversal], day[reversal])
    return actors, day, days, reset, np.flatnonzero(kept & (day >= reset[np.maximum(actors, 0)]))  # undated (-1): before a reset


# The columns positions_as_of reads.
POSITION_INPUT = ["actor_code", "actor_name", "actor_type", "stance", "evidence", "article_id", "title", "outlet", "published", "reversal"]


def positions_as_of(positions: pd.DataFrame, as_of=None, include_undated: bool = True) -> pd.DataFrame:
    """One row per actor: the strongest stance of its side reported up to ``as_of`` (see the module docstring).

    ``positions`` carries article metadata (``published``, ``title``, ``outlet``).
    The rows in force are those published up to ``as_of`` (:func:`_in_force`).
    Columns: ``stance`` (or ``disputed`` when articles support both sides),
    ``stances`` (every stance in force, strongest first), ``since`` (first dated
    article backing the colour; '' when only undated ones do), ``latest_published``
    (the actor's latest dated article), ``reset_on`` (date of the reversal its
    history starts from, else ''), ``n_articles`` (articles about it in force),
    ``n_dated``/``n_undated`` (articles backing the colour), ``undated_only``,
    ``n_outlets``; ``evidence``, ``article_id``, ``title`` and ``outlet`` list
    the backing articles' (earliest dated first, undated last, then by article id; at most
    :data:`JOIN_LIMIT` of each, then how many more); a disputed actor's
    evidence names the stance each sentence supports.

    Stances are codes here (``stances`` lists them, a disputed actor's
    evidence is marked ``[code]``): the dashboard words them
    (:func:`app.selection.positions_as_of`), the build stores them as they are.

    Worked out on each row's values as integers (actor, stance, day, article,
    outlet, sentence, title), the text taken only of the few rows a list
    shows: filtering and sorting 500,000 rows' sentences took seconds.
    """
    actors, day, days, reset, rows = _in_force(positions, as_of, include_undated)
    if not len(rows):
        return pd.DataFrame(columns=POSITION_COLUMNS)
    stance, held = pd.factorize(positions["stance"])
    held = np.asarray(held, dtype=object)
    present = np.unique(actors[rows])  # the actors in force, by code: the output's rows
    number = np.zeros(len(reset), dtype=np.int64)
    number[present] = np.arange(len(present))
    group, day, stance = number[actors[rows]], day[rows], stance[rows]
    article = _codes(positions["article_id"], sort=True)[rows]
    # Per actor and side, the strongest stance's rows back the colour.
    rank = np.array([STANCE_RANK[s] for s in held], dtype=np.int64)[stance]
    side = np.array([STANCE_SIDE[s] == STANCE_SIDE["recognizes_maduro"] for s in held], dtype=np.int64)[stance]
    strongest = np.zeros(2 * len(present), dtype=np.int64)
    np.maximum.at(strongest, 2 * group + side, rank)
    backing = np.flatnonzero(rank == strongest[2 * group + side])
    backing = backing[np.lexsort((article[backing], day[backing], day[backing] < 0, group[backing]))]  # earliest dated first, undated last
    at, by, undated = rows[backing], group[backing], day[backing] < 0
    sides = np.zeros((len(present), 2), dtype=bool)
    sides[by, side[backing]] = True
    disputed = sides.all(axis=1)
    out = pd.DataFrame(index=range(len(present)))
    first = np.flatnonzero(np.diff(by, prepend=-1))  # each actor's first backing row
    out[["actor_code", "actor_name", "actor_type"]] = rows_at(positions, at[first], ["actor_code", "actor_name", "actor_type"])
    backed = np.zeros((len(present), len(held)), dtype=bool)
    backed[by, stance[backing]] = True
    out["stance"] = [held[found.argmax()] if found.sum() == 1 else DISPUTED for found in backed]
    in_force = np.zeros((len(present), len(held)), dtype=bool)
    in_force[group, stance] = True
    ordered = sorted(range(len(held)), key=lambda s: (-STANCE_RANK[held[s]], STANCES.index(held[s])))
    out["stances"] = [", ".join(held[s] for s in ordered if found[s]) for found in in_force]
    dated = np.where(undated, len(days), day[backing])
    since = np.full(len(present), len(days))
    np.minimum.at(since, by, dated)
    latest = np.full(len(present), -1)
    np.maximum.at(latest, group, day)
    as_day = np.append(days, "")  # a day past the last, and -1: no date
    out["since"], out["latest_published"] = pd.Series(as_day[since], dtype="string"), pd.Series(as_day[latest], dtype="string")
    out["reset_on"] = pd.Series(as_day[reset[present]], dtype="string")
    out["n_articles"] = distinct_counts(group, article, len(present))
    out["n_dated"] = distinct_counts(by[~undated], article[backing][~undated], len(present))
    out["n_undated"] = distinct_counts(by[undated], article[backing][undated], len(present))
    out["undated_only"] = out["n_dated"] == 0
    outlets, outlet_name_of = _outlet_codes(positions["outlet"])
    # A disputed actor's sentences name the stance each supports: one sentence for two stances is two values.
    evidence = _codes(positions["evidence"])[at] * (len(held) + 1) + np.where(disputed[by], stance[backing] + 1, 0)
    for column, codes, sep in (("evidence", evidence, " | "), ("article_id", article[backing], ", "), ("title", _codes(positions["title"].fillna(""))[at], " | "), ("outlet", outlets[at], ", ")):
        shown, counts = _distinct_first(by, codes, len(present))
        if column == "outlet":
            values, out["n_outlets"] = outlet_name_of[outlets[at[shown]]], counts
        else:
            values = np.asarray(values_at(positions[column].array, at[shown]).fillna(""), dtype=object)
        if column == "evidence":
            values = np.where(disputed[by[shown]], "[" + held[stance[backing][shown]] + "] " + values, values)
        out[column] = _joined_first(values, by[shown], counts, sep)
    return out[POSITION_COLUMNS]


def publication_days(rows: pd.DataFrame) -> pd.DataFrame:
    """The publication dates of the articles behind ``rows`` (rows with their article's ``published``), each with
    how many articles: ``published`` ('' for the undated) and ``n_articles``, by date (the World positions' date slider)."""
    articles = rows[["article_id", "published"]].drop_duplicates("article_id")
    return _by_day(articles["published"].fillna("").astype(str).value_counts())


ARTICLE_DAY_KEYS = ["outlet", "published"]


def article_days(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles each outlet published each day: ``outlet`` and ``published`` as the articles give them
    ('' when unknown or undated) and ``n_articles``, by outlet and date. What the articles' filters offer and the
    corpus figures count, in a few thousand rows instead of every article."""
    keys = pd.DataFrame({column: articles[column].fillna("").astype(str).to_numpy() for column in ARTICLE_DAY_KEYS})
    return _day_counts(keys.groupby(ARTICLE_DAY_KEYS).size())


def _day_counts(counts: pd.Series) -> pd.DataFrame:
    """Articles per outlet and day (``counts``, indexed by both) as :func:`article_days` gives them."""
    return counts.astype("int64").rename("n_articles").reset_index().sort_values(ARTICLE_DAY_KEYS, ignore_index=True)


def _by_day(counts: pd.Series) -> pd.DataFrame:
    """Articles per publication date (``counts``, indexed by date) as :func:`publication_days` gives them, by date."""
    return pd.DataFrame({"published": counts.index.astype(str), "n_articles": counts.to_numpy(dtype="int64")}).sort_values("published", ignore_index=True)


# ---------------------------------------------------------------- crackdown figures


def _newest_keys(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The lexsort keys, last one first, of newest article first, undated last, then article id."""
    # Both keys ranked as integers first (sorted factorize): a stable sort of 400,000 rows by two strings takes a third of a second.
    published, _ = pd.factorize(df["published"].fillna("").astype(str), sort=True)
    article, _ = pd.factorize(df["article_id"], sort=True)
    return article, -published


def by_actor(df: pd.DataFrame) -> np.ndarray:
    """Positions of the rows by actor name, then by publication date, oldest first: how the World positions' table lists them."""
    return sorted_positions(df, ["actor_name", "published"])


def newest_first(df: pd.DataFrame) -> np.ndarray:
    """Positions of the rows, newest article first; undated last; then article id (stable)."""
    return np.lexsort(_newest_keys(df))


def ordered_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """Newest article first; undated last; then article id for stability."""
    return df.iloc[newest_first(df)]


def kind_key(df: pd.DataFrame) -> pd.Series:
    """What each figure counts: its kind, and for kind ``other`` its subject ("other: minors detained"), so that
    unlike things are never one figure (the dashboard's ``kind_label`` words the same split)."""
    subject = df["subject"].fillna("").astype(str) if "subject" in df else pd.Series("", index=df.index)
    return df["kind"].where((df["kind"] != "other") | (subject == ""), "other: " + subject)


def is_running_total(df: pd.DataFrame) -> np.ndarray:
    """Which figures are totals since the election (:data:`lib.schema.RUNNING_TOTAL_KINDS`), which only grow."""
    return df["kind"].isin(RUNNING_TOTAL_KINDS).to_numpy(dtype=bool)


def latest_first(df: pd.DataFrame) -> np.ndarray:
    """Positions of the figures, each reporter's latest first: a running total (:func:`is_running_total`) by its
    largest value, then (and every other kind) newest article first, undated last, then article id, then the
    largest: of one article's figures the largest is the total ("1,503 political prisoners, among them 114
    adolescents"), whatever order the text gives them in."""
    value = df["value"].to_numpy(dtype=float)
    largest = -np.where(is_running_total(df), value, 0.0)
    return np.lexsort((-value, *_newest_keys(df), largest))


def latest_figures(figures: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """The latest figure each reporter gives per :func:`kind_key` (:func:`latest_first`: for a running total its
    largest, else its newest), newest article first, with ``n_reports`` (its articles giving any).

    Only this crisis's figures: one about another period (an article dated
    before the 2024 election, the 2014 or 2017 protests: ``contest`` set) is
    no latest figure of the crackdown; it stays in the crackdown table."""
    df = figures[figures["contest"].fillna("") == PRESIDENTIAL] if "contest" in figures else figures
    df = df if kind is None else df[df["kind"] == kind]
    if df.empty:
        return df.assign(n_reports=pd.Series(dtype="int64"))
    df = df.assign(counts=kind_key(df))
    df = df.iloc[latest_first(df)]
    keys = ["counts", "claimed_by"]
    n = df.groupby(keys)["article_id"].nunique().rename("n_reports")
    latest = df.drop_duplicates(keys).join(n, on=keys)
    return ordered_by_date(latest).drop(columns="counts").reset_index(drop=True)


# ---------------------------------------------------------------- how many articles and outlets back each stance

SUPPORT_INPUT = ["actor_code", "actor_name", "actor_type", "stance", "article_id", "outlet", "published"]  # what stance support reads of the positions
SUPPORT_KEYS = ["actor_code", "stance"]
SUPPORT_PART = [*SUPPORT_KEYS, "outlet_name", "actor_name", "actor_type", "published", "n_articles", "first_published", "last_published"]


def distinct_per_group(group: np.ndarray, values: pd.Series, n_groups: int) -> np.ndarray:
    """How many distinct non-missing ``values`` each group has (``group``: each row's group number, -1 for none), as
    ``groupby(...).nunique()`` counts them: the distinct integer pairs of one sort instead of a set of strings per group."""
    codes, _ = pd.factorize(values)
    ok = (codes >= 0) & (group >= 0)
    return distinct_counts(group[ok], codes[ok], n_groups)


def distinct_counts(group: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """How many distinct ``codes`` (values as non-negative integers) each group has (``group``: each row's, 0 to ``n_groups`` - 1)."""
    width = int(codes.max(initial=0)) + 1
    pairs = np.sort(group.astype(np.int64) * width + codes)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs  # sorted, not hashed: numpy's hash unique is slower here
    return np.bincount(pairs // width, minlength=n_groups).astype(np.int64)


def support_parts(positions: pd.DataFrame) -> pd.DataFrame:
    """Per actor, stance and outlet of ``positions`` (:data:`SUPPORT_INPUT`, in the order they are listed), in the order of
    each one's first row: that row's name, type and date, how many articles, and the first and last dated one.

    An article has one outlet, so the articles behind an actor's stance are the sum over its outlets, and over batches
    (an article sits in one): :func:`combined_support` of the parts of every batch is that of all the rows.
    """
    df = _with_outlet_name(positions[SUPPORT_INPUT])
    keys = [*SUPPORT_KEYS, "outlet_name"]
    grouped = df.groupby(keys, sort=False, dropna=False)
    group = grouped.ngroup().to_numpy()
    first = df.drop_duplicates(keys)  # each group's first row, in the order of the groups' numbers (sort=False)
    days = df["published"].where(df["published"] != "")
    return first[[*keys, "actor_name", "actor_type", "published"]].reset_index(drop=True).assign(
        n_articles=distinct_per_group(group, df["article_id"], len(first)),
        first_published=days.groupby(group).min().reindex(range(len(first))).fillna("").astype("string"),
        last_published=days.groupby(group).max().reindex(range(len(first))).fillna("").astype("string"),
    )


def combined_support(parts: pd.DataFrame) -> pd.DataFrame:
    """Per actor and stance (codes, no labels): ``actor_name`` and ``actor_type`` of its first row, ``n_articles``,
    ``n_outlets``, ``first_published`` and ``last_published`` ('' when undated), from :func:`support_parts` (of one
    batch or of each, concatenated in corpus order: each part's first rows re-ordered as the listing orders rows)."""
    df = parts.iloc[sorted_positions(parts, ["actor_name", "published"])]
    grouped = df.groupby(SUPPORT_KEYS, sort=True)
    out = grouped.agg(actor_name=("actor_name", "first"), actor_type=("actor_type", "first"), n_articles=("n_articles", "sum"))
    out["n_outlets"] = distinct_per_group(grouped.ngroup().to_numpy(), df["outlet_name"], len(out))
    for column, how in (("first_published", "min"), ("last_published", "max")):
        out[column] = getattr(df[column].where(df[column] != "").groupby([df[k] for k in SUPPORT_KEYS]), how)().reindex(out.index).fillna("")
    return out.reset_index().astype({"n_articles": "int64"})


# ---------------------------------------------------------------- the rows a table lists, and the first of them


def is_other_contest(results: pd.DataFrame) -> pd.Series:
    """Mask of the figures about another contest than 28 July 2024 (the 2023 primary, 2018, polls)."""
    return results["contest"] != PRESIDENTIAL


def is_non_result(results: pd.DataFrame) -> pd.Series:
    """Mask of the numbers of kind ``other`` without a candidate in the 2024 contest: not a result of the vote."""
    return (results["contest"] == PRESIDENTIAL) & _non_result(results)


def value_rows(df: pd.DataFrame, column: str, values, rows: np.ndarray | None = None) -> np.ndarray:
    """Of ``rows`` (positions in ``df``; default all), those whose ``column`` is one of ``values`` (all when empty), grouped by that value.

    The grouping is stable: within a value, rows keep their order in ``rows``.
    """
    rows = np.arange(len(df)) if rows is None else np.asarray(rows)
    if values:
        rows = rows[df[column].isin(list(values)).to_numpy(dtype=bool)[rows]]
    codes, _ = pd.factorize(df[column], sort=True)
    return rows[np.argsort(codes[rows], kind="stable")]


def by_date(df: pd.DataFrame, rows: np.ndarray, newest: bool = True) -> np.ndarray:
    """``rows`` (positions in ``df``) ordered by ``published``, newest or oldest first; undated rows last either way; ties
    in their order oldest first, in reverse order newest first."""
    # Dates ranked as integers (pd.factorize, sorted): an argsort of 750,000 strings takes half a second.
    published = df["published"].iloc[rows].fillna("").astype(str)
    rank, _ = pd.factorize(published, sort=True)  # undated ("") ranks lowest: last once reversed for newest first
    key = rank if newest else np.where(published.to_numpy() == "", rank.max(initial=0) + 1, rank)
    order = np.argsort(key, kind="stable")
    return rows[order[::-1]] if newest else rows[order]


def _where(df: pd.DataFrame, rows: np.ndarray, mask: Callable[[pd.DataFrame], pd.Series]) -> np.ndarray:
    return rows[mask(df).to_numpy(dtype=bool, na_value=False)[rows]]


HEAD_ROWS = 500  # the rows a dashboard table shows at most (app.components.TABLE_ROWS): the build keeps that many of each listing
# What the dashboard's tables list with no filter set: listing -> (table, the positions of its rows in order, of the table's rows
# with their article's ``published``, as the page's view has them). The Results page's tables list one kind of figure after
# another, newest article first; the Quotes page, newest first (a listing named as its table lists every row of it). The build keeps the first HEAD_ROWS of each (``heads``) and how
# many rows each lists (``listing_sizes``), so that a page shows them before it reads a table of 400,000 rows; with a filter
# the page picks the rows itself (app.cached), and the test suite checks the two agree.
LISTINGS: dict[str, tuple[str, Callable[[pd.DataFrame], np.ndarray]]] = {
    "results_presidential": ("results", lambda df: value_rows(df, "kind", (), _where(df, newest_first(df), is_presidential_result))),
    "results_other_contests": ("results", lambda df: _where(df, newest_first(df), is_other_contest)),
    "results_not_results": ("results", lambda df: _where(df, newest_first(df), is_non_result)),
    "quotes": ("quotes", lambda df: by_date(df, np.arange(len(df)), True)),
    "positions": ("positions", by_actor),
}
HEADS = {"results": "results_heads", "quotes": "quote_heads", "positions": "position_heads"}  # table -> the summary of its listings' first rows
LISTED_META = {"positions": ARTICLE_META}  # what a table's rows carry of their article as its page lists them (else article_id, published)
# What a listing's first rows carry beyond the view's columns, cut by the build from the texts it has at hand (``articles``
# with texts): each quote's sentence, which a page would otherwise cut from the texts of the articles its first rows come
# from (about 500, spread over every part: a second at 100,000 articles). Named after the column each adds, last.
HEAD_ADDED: dict[str, tuple[str, Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]]] = {"quotes": ("sentence", with_sentences)}


def listed_rows(tables: Mapping[str, pd.DataFrame], table: str) -> pd.DataFrame:
    """A table's rows with their article's ``published`` (or :data:`LISTED_META`): what :data:`LISTINGS` order."""
    return with_article_meta(tables[table], tables["articles"][LISTED_META.get(table, ["article_id", "published"])])


def listed_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """:func:`listed_rows` of every table :data:`LISTINGS` order, made once for all that read them (heads, sizes, support)."""
    return {table: listed_rows(tables, table) for table in HEADS}


def listing_orders(listed: Mapping[str, pd.DataFrame]) -> dict[str, np.ndarray]:
    """Each listing's row positions in its table's :func:`listed_tables` rows, worked out once for its heads and its size."""
    return {name: order(listed[table]) for name, (table, order) in LISTINGS.items()}


def _first(rows: pd.DataFrame, order: np.ndarray, name: str, ordered: bool = True) -> pd.DataFrame:
    first = order[:HEAD_ROWS]
    return rows.iloc[first if ordered else np.sort(first)].assign(listing=name)


def _listings(table: str) -> list[str]:
    return [name for name, (of, _) in LISTINGS.items() if of == table]


def heads(listed: Mapping[str, pd.DataFrame], orders: Mapping[str, np.ndarray], table: str, articles: pd.DataFrame,
          ordered: bool = True) -> pd.DataFrame:
    """The first HEAD_ROWS rows of each listing of ``table`` (:data:`LISTINGS`; ``listed`` and ``orders``: :func:`listed_tables`
    and :func:`listing_orders`), each row named by its ``listing``: in the listing's order, or (``ordered=False``, a batch's
    part) in the table's, which the orders break their ties by; with the :data:`HEAD_ADDED` column made from ``articles``."""
    rows = listed[table]
    first = pd.concat([_first(rows, orders[name], name, ordered) for name in _listings(table)], ignore_index=True)[["listing", *rows.columns]]
    return HEAD_ADDED[table][1](first, articles) if table in HEAD_ADDED else first


def _combined_heads(parts: pd.DataFrame, table: str) -> pd.DataFrame:
    """:func:`heads` of every row from each batch's: the first rows of all are among each batch's first, and an article's
    rows sit in one batch, in their order (the parts, each in table order, are concatenated in corpus order)."""
    pieces = []
    for name in _listings(table):
        rows = parts[parts["listing"] == name].drop(columns="listing").reset_index(drop=True)
        pieces.append(_first(rows, LISTINGS[name][1](rows), name))
    return pd.concat(pieces, ignore_index=True)[list(parts.columns)]


def listing_sizes(orders: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """How many rows each listing of :data:`LISTINGS` lists (``orders``: :func:`listing_orders`)."""
    return pd.DataFrame({"listing": list(LISTINGS), "n_rows": [len(orders[name]) for name in LISTINGS]}).astype({"n_rows": "int64"})


def listed_support(listed: Mapping[str, pd.DataFrame], orders: Mapping[str, np.ndarray], combine: bool = True) -> pd.DataFrame:
    """:func:`combined_support` of every position as the World positions' table lists them (or, ``combine=False``, a
    batch's :func:`support_parts`)."""
    parts = support_parts(listed["positions"].iloc[orders["positions"]])
    return combined_support(parts) if combine else parts


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """The distinct (speaker, speaker's country) pairs of the quotes, sorted: the Quotes page's speaker and country options."""
    return quotes[["speaker", "speaker_country"]].drop_duplicates().sort_values(["speaker", "speaker_country"]).reset_index(drop=True)


# ---------------------------------------------------------------- the build's summary files


def quote_search(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Each quote's search text (:data:`QUOTE_SEARCH_COLUMNS` joined and folded); ``articles`` carries the texts."""
    return haystack(quotes_with_context(quotes, articles), QUOTE_SEARCH_COLUMNS)


QUOTE_SEARCHED = ["article_id", "speaker", "speaker_country"]  # what the Quotes page narrows its rows by: kept beside the search text


def quote_search_rows(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The ``quote_search`` summary: each quote's ``row_id``, :data:`QUOTE_SEARCHED` columns and :func:`quote_search` text."""
    quotes = tables["quotes"]
    return pd.DataFrame({column: quotes[column] for column in ["row_id", *QUOTE_SEARCHED]} | {"haystack": quote_search(quotes, tables["articles"])})


def compute(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every summary of :data:`lib.schema.SUMMARIES` for the unfiltered tables (``articles`` with its texts), in one go.

    What the build's summaries are, however it makes them: one made from
    :data:`PARTS` is this over every row, and one that has none is made with this.
    """
    results = with_references(with_article_meta(tables["results"], tables["articles"]))
    listed = listed_tables(tables)
    orders = listing_orders(listed)
    positions = listed["positions"]  # with every field of its article (LISTED_META): what positions_as_of reads too
    events = timeline(tables)
    return {
        "positions_as_of": positions_as_of(positions),
        "position_days": publication_days(positions),
        "article_days": article_days(tables["articles"]),
        "article_facts": fact_counts(tables),
        "latest_figures": latest_figures(with_article_meta(tables["crackdown"], tables["articles"])),
        "results_summary": results_summary(results),
        "published_claims": published_claims(results),
        "timeline_points": timeline_points(events),
        "key_events": event_timeline(events, tables["articles"]),
        "quote_search": quote_search_rows(tables),
        "event_days": events[["row_id", "event_date", "dated_by"]],
        "results_heads": heads(listed, orders, "results", tables["articles"]),
        "quote_heads": heads(listed, orders, "quotes", tables["articles"]),
        "listing_sizes": listing_sizes(orders),
        "quote_speakers": speakers(tables["quotes"]),
        "position_heads": heads(listed, orders, "positions", tables["articles"]),
        "position_support": listed_support(listed, orders),
    }


# ---- made batch by batch
#
# An article's rows all sit in one batch, so what a summary needs of a batch can be computed as the batch is written
# (its texts at hand) and stored beside it: an unchanged batch's part is linked with its tables, and a rebuild pays
# for the batches it makes plus combining small parts, not for the corpus.

def _with_views(tables: Mapping[str, pd.DataFrame]) -> dict:
    """A batch's tables and the views several parts read, made once: ``timeline`` (:func:`timeline`), ``referenced`` (the
    results with their article's metadata and :func:`with_references`), ``listed`` and ``orders`` (:func:`listed_tables`,
    :func:`listing_orders`: the positions with their article's fields among them)."""
    listed = listed_tables(tables)
    return {
        **tables, "timeline": timeline(tables), "referenced": with_references(with_article_meta(tables["results"], tables["articles"])),
        "listed": listed, "orders": listing_orders(listed),
    }


def _position_rows(tables: Mapping) -> pd.DataFrame:
    rows = tables["listed"]["positions"]
    return rows[[c for c in POSITION_INPUT if c in rows.columns]]


def _latest(parts: pd.DataFrame) -> pd.DataFrame:
    """:func:`latest_figures` of every row from each batch's: the latest of their latest, their reporters' articles added up."""
    if parts.empty:
        return parts.reset_index(drop=True)
    keys = ["counts", "claimed_by"]
    df = parts.assign(counts=kind_key(parts))
    df = df.iloc[latest_first(df)]
    n = df.groupby(keys)["n_reports"].sum()
    return ordered_by_date(df.drop(columns="n_reports").drop_duplicates(keys).join(n, on=keys)).drop(columns="counts").reset_index(drop=True)


def _publication_days(parts: pd.DataFrame) -> pd.DataFrame:
    """:func:`publication_days` of every row from each batch's: an article sits in one batch, so its counts add up."""
    return _by_day(parts.groupby(parts["published"].astype(str))["n_articles"].sum())


def _claim_parts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    return claim_counts(tables["referenced"]).rename("n").reset_index()


# name -> (its part of one batch's tables (:func:`_with_views`, ``articles`` with the texts); how the parts of every batch, concatenated in
# corpus order, make the summary: None when the parts are the summary, one row per table row, read as one by :func:`read`).
PARTS: dict[str, tuple[Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame], Callable[[pd.DataFrame], pd.DataFrame] | None]] = {
    "quote_search": (quote_search_rows, None),
    "event_days": (lambda tables: tables["timeline"][["row_id", "event_date", "dated_by"]], None),
    "positions_as_of": (_position_rows, positions_as_of),
    "position_days": (lambda tables: publication_days(tables["listed"]["positions"]), _publication_days),
    # an article sits in one batch: the batches' counts add up
    "article_days": (lambda tables: article_days(tables["articles"]), lambda parts: _day_counts(parts.groupby(ARTICLE_DAY_KEYS)["n_articles"].sum())),
    "article_facts": (fact_counts, None),  # one row per article, in the articles' order: the batches' in corpus order
    "latest_figures": (lambda tables: latest_figures(with_article_meta(tables["crackdown"], tables["articles"])), _latest),
    "results_summary": (lambda tables: result_candidates(tables["referenced"]), summarised_results),
    "published_claims": (_claim_parts, lambda parts: published_claims(None, counts=parts.groupby(CLAIM_KEYS)["n"].sum())),
    "timeline_points": (lambda tables: point_rows(tables["timeline"]), placed_points),
    # the rows dated, with their publication date, sentences only where shown: what event_timeline reads (no articles: the rows carry their dates)
    "key_events": (lambda tables: example_rows(tables["timeline"]), lambda parts: event_timeline(parts, parts[["article_id"]].iloc[:0])),
    # the first rows each listing shows: a batch's first are the candidates, the first of all of them the summary
    "results_heads": (lambda tables: heads(tables["listed"], tables["orders"], "results", tables["articles"], ordered=False), lambda parts: _combined_heads(parts, "results")),
    "quote_heads": (lambda tables: heads(tables["listed"], tables["orders"], "quotes", tables["articles"], ordered=False), lambda parts: _combined_heads(parts, "quotes")),
    "listing_sizes": (lambda tables: listing_sizes(tables["orders"]), lambda parts: parts.groupby("listing", sort=False)["n_rows"].sum().reset_index()),
    "quote_speakers": (lambda tables: speakers(tables["quotes"]), speakers),
    "position_heads": (lambda tables: heads(tables["listed"], tables["orders"], "positions", tables["articles"], ordered=False), lambda parts: _combined_heads(parts, "positions")),
    "position_support": (lambda tables: listed_support(tables["listed"], tables["orders"], combine=False), combined_support),
}
PER_ROW = [name for name, (_, combine) in PARTS.items() if combine is None]
# Per-row summaries stored as uncompressed Arrow files, read memory-mapped: the folded search text of 750,000 quotes
# (200 MB) took a second of CPU to decompress from Snappy Parquet on the first search; mapped, the page reads what it scans.
MAPPED = ("quote_search",)
PARTIAL = "parts"  # summaries/parts/<name>/batch-NNNNN.parquet: the parts of a summary combined at publish


def _checked(name: str, df: pd.DataFrame) -> pd.DataFrame:
    schema.validate(schema.SUMMARIES[name], df)  # checked, but written as computed: a page reads what it would have made
    return df.reset_index(drop=True)


def _suffix(name: str) -> str:
    return "arrow" if name in MAPPED else "parquet"


def _part_folder(folder: Path, name: str) -> Path:
    return folder / FOLDER / (f"{name}.{_suffix(name)}" if name in PER_ROW else f"{PARTIAL}/{name}")


def part_folders(folder: Path) -> list[Path]:
    """Where the parts of each summary of :data:`PARTS` go in a build folder (the build makes them first)."""
    return [_part_folder(folder, name) for name in PARTS]


def batch_parts(folder: Path, part: str) -> list[Path]:
    """The files of one batch's summary parts in a build folder (``part``: the batch's file stem)."""
    return [where / f"{part}.{_suffix(name)}" for name, where in zip(PARTS, part_folders(folder))]


def _arrow(df: pd.DataFrame) -> pa.Table:
    """A part as Arrow, a column of no values typed as text: every batch's part of a summary then has the same types."""
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    return table.cast(pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema], metadata=table.schema.metadata))


def _write_arrow(table: pa.Table, path: Path) -> None:
    """``table`` as an uncompressed Arrow file, to be read back memory-mapped."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def write_parts(tables: Mapping[str, pd.DataFrame], folder: Path, part: str) -> None:
    """Write one batch's part of each summary of :data:`PARTS`, from its ``tables`` (``articles`` with its texts)."""
    tables = _with_views(tables)
    for (name, (make, combine)), path in zip(PARTS.items(), batch_parts(folder, part)):
        table = _arrow(_checked(name, make(tables)) if combine is None else make(tables))
        _write_arrow(table, path) if name in MAPPED else pq.write_table(table, path)


def _read_parts(where: Path) -> pd.DataFrame | None:
    files = sorted(where.glob(f"batch-*{where.suffix}"))
    if not files:
        return None
    if where.suffix == ".arrow":  # mapped, not read: the frame's text stays in the files' pages (the build never rewrites a published file)
        return pa.concat_tables([pa.ipc.open_file(pa.memory_map(str(f))).read_all() for f in files]).to_pandas()
    # Every part was written by the same function with the same Arrow types: the first part's pandas dtypes are every part's.
    return pq.read_table([str(f) for f in files]).to_pandas()


BATCH = "batch"  # the column of a combined summary's stored parts (:func:`_stored`) naming the batch each row is from
# The stored parts are linked from the build before, with the rows made since in a small file of their own, until the rows
# made or dropped since they were written whole pass this share of them: then they are written whole again.
REWRITE_SHARE = 0.25


def _stored(folder: Path, name: str, kind: str = "") -> Path:
    """summaries/parts/<name>.arrow: every batch's part of a combined summary in one file, for the next build to reuse.

    Arrow's own file format, uncompressed: read back memory-mapped, without
    decoding (Parquet took 0.1 to 0.2 s per summary at 100,000 articles).
    Its ``kind`` "since" (<name>.since.arrow) holds the rows of the batches
    made since it was written, numbered as this build's batches, and "numbers"
    (<name>.numbers.npy) this build's number of each of its batches (-1: gone);
    without them, the file is this build's, whole.
    """
    where = _part_folder(folder, name)
    return where.with_suffix({"": ".arrow", "since": ".since.arrow", "numbers": ".numbers.npy"}[kind])


class Stored(NamedTuple):
    """A build's stored parts of a summary (:func:`_stored`): rows and, for each, its batch in that build (-1: since replaced)."""
    whole: pa.Table
    whole_batches: np.ndarray  # of each batch number the whole file gives its rows, that build's number (-1: gone)
    whole_numbers: np.ndarray  # each row's batch number in the whole file
    since: pa.Table | None
    since_numbers: np.ndarray


def _mapped(path: Path) -> pa.Table:
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()


def _read_stored(folder: Path, name: str) -> Stored:
    whole = _mapped(_stored(folder, name))
    own = whole.column(BATCH).to_numpy()
    if _stored(folder, name, "numbers").exists():
        batches = np.load(_stored(folder, name, "numbers"))
        if batches.ndim != 1 or len(batches) <= own.max(initial=-1):
            raise ValueError(f"{_stored(folder, name, 'numbers')} does not number every batch of its stored parts")
        since = _mapped(_stored(folder, name, "since"))
        return Stored(whole.drop_columns([BATCH]), batches, own, since.drop_columns([BATCH]), since.column(BATCH).to_numpy())
    return Stored(whole.drop_columns([BATCH]), np.arange(int(own.max(initial=-1)) + 1), own, None, np.zeros(0, dtype=np.int64))


def _runs(table: pa.Table, numbers: np.ndarray) -> list[tuple[int, pa.Table]]:
    """The rows of ``table`` as (batch number, its rows sliced without a copy) for each run of rows of one batch (-1: left out)."""
    edges = np.flatnonzero(np.diff(numbers, prepend=-2, append=-2))
    return [(int(numbers[start]), table.slice(start, end - start)) for start, end in itertools.pairwise(edges) if numbers[start] >= 0]


def _in_corpus_order(runs: list[tuple[int, pa.Table]], target: pa.Schema) -> tuple[pa.Table, np.ndarray]:
    """Runs of rows (:func:`_runs`; each batch's from one place) as one table in batch order, typed as ``target``, and each row's batch."""
    runs = sorted(runs, key=lambda run: run[0])  # stable: the runs of a batch keep their order
    table = pa.concat_tables([rows if rows.schema.equals(target) else rows.cast(target) for _, rows in runs]) if runs else target.empty_table()
    return table, np.concatenate([np.full(len(rows), batch, dtype=np.int64) for batch, rows in runs]) if runs else np.zeros(0, dtype=np.int64)


def _all_parts(folder: Path, name: str, linked: list[tuple[Path, int] | None]) -> pa.Table | None:
    """Every batch's part of summary ``name`` in corpus order (the first part's types), stored for the next build.

    ``linked`` says, per batch, which batch of which build it was linked from
    (None: made now). A linked batch's part is taken from that build's
    stored parts (:func:`_stored`), one or two files read instead of one per
    batch; a batch made now (or any, when those are missing or damaged) is read
    from its own part. This build's stored parts are the whole file of the
    build before, linked, and the rows made since apart, until those and the
    rows dropped pass :data:`REWRITE_SHARE` of it: a build writes what it made,
    not every row again.
    """
    where = _part_folder(folder, name)
    if not linked:
        return None
    target = pq.read_schema(where / "batch-00000.parquet")
    sources = {source for source, _ in filter(None, linked)}
    stored = source = None
    if len(sources) == 1:
        source = sources.pop()
        with contextlib.suppress(OSError, ValueError, KeyError, EOFError):  # missing (an older build) or damaged: every part is read
            stored = _read_stored(source, name)
    kept, made = [], []  # (batch, rows) of the stored parts kept and of the rows made since they were written whole
    if stored is not None:
        before = [batch for _, batch in filter(None, linked)] + [len(linked) - 1, *stored.whole_batches, *stored.since_numbers]
        now = np.full(max(before) + 1, -1)  # the build before's batch number -> this build's (-1: not linked)
        for batch, linked_from in enumerate(linked):
            if linked_from is not None:
                now[linked_from[1]] = batch
        whole_batches = np.where(stored.whole_batches >= 0, now[np.maximum(stored.whole_batches, 0)], -1)
        kept = _runs(stored.whole, whole_batches[stored.whole_numbers])
        made = _runs(stored.since, now[stored.since_numbers]) if stored.since is not None else []
    made += [(batch, pq.read_table(where / f"batch-{batch:05d}.parquet")) for batch, linked_from in enumerate(linked) if linked_from is None or stored is None]
    table, numbers = _in_corpus_order(kept + made, target)
    dropped = len(stored.whole) - sum(len(rows) for _, rows in kept) if stored is not None else 0
    if stored is not None and sum(len(rows) for _, rows in made) + dropped <= REWRITE_SHARE * len(stored.whole):
        paths.link_or_copy(_stored(source, name), _stored(folder, name))
        np.save(_stored(folder, name, "numbers"), whole_batches)
        since, since_numbers = _in_corpus_order(made, target)
        _write_arrow(since.append_column(BATCH, pa.array(since_numbers)), _stored(folder, name, "since"))
    else:
        _write_arrow(table.append_column(BATCH, pa.array(numbers)), _stored(folder, name))
    return table


def write(tables: Mapping[str, pd.DataFrame], folder: Path, linked: list[tuple[Path, int] | None]) -> None:
    """Write every summary but the per-row ones (whose parts are the summary) into ``folder/summaries/``, once every batch's parts are in.

    The build's one call (:meth:`lib.store.Staging.publish`). A summary of
    :data:`PARTS` is combined from the parts (:func:`_all_parts`; ``linked``:
    per batch, the build and batch it was linked from, or None); one without
    (none yet) is computed by :func:`compute` from ``tables`` (read only then).
    """
    whole = None
    for name in schema.SUMMARIES:
        if name in PER_ROW:
            continue
        if name in PARTS:
            parts = _all_parts(folder, name, linked)
            df = PARTS[name][1](parts.to_pandas() if parts is not None else PARTS[name][0](_with_views({n: t.empty() for n, t in schema.TABLES.items()})))
        else:
            whole = compute(tables) if whole is None else whole
            df = whole[name]
        _checked(name, df).to_parquet(folder / FOLDER / f"{name}.parquet", index=False)


def read(folder: Path, name: str) -> pd.DataFrame | None:
    """The summary ``name`` of a build folder (a per-row one: its parts as one frame), or None when the build has none
    (an older build, or its extracted/ tables) or it is damaged."""
    path = _part_folder(folder, name) if name in PER_ROW else folder / FOLDER / f"{name}.parquet"
    try:
        if name in PER_ROW and path.is_dir():
            df = _read_parts(path)
            df = schema.SUMMARIES[name].empty() if df is None else df
        elif path.is_file():
            df = pd.read_parquet(path)  # pandas' own dtypes, as the functions above give them (validated when written)
        else:
            return None
    except (OSError, ValueError):  # a damaged summary is recomputed from the rows, never shown
        return None
    return df if list(df.columns) == list(schema.SUMMARIES[name].column_names) else None


def aligned(summary: pd.DataFrame | None, table: pd.DataFrame) -> pd.DataFrame | None:
    """A per-row summary when it belongs to ``table`` row for row (same ``row_id`` in the same order), else None."""
    if summary is None or len(summary) != len(table):
        return None
    ids, wanted = summary["row_id"].reset_index(drop=True), table["row_id"].reset_index(drop=True)
    # Series.equals compares Arrow-backed text as Arrow (milliseconds), where comparing objects makes a Python string of
    # every id (a third of a second for 750,000 quotes); other dtypes are compared value by value.
    same = ids.equals(wanted) if ids.dtype == wanted.dtype else bool(np.all(ids.to_numpy(dtype=object) == wanted.to_numpy(dtype=object)))
    return summary if same else None
