"""Filtering and summarising the built tables for the dashboard (pure pandas, no Streamlit).

Every function takes frames and plain values and returns a new frame or plain
values, so the pages stay thin and everything here is unit-tested on small
hand-built frames.

Fact tables are first joined with their article's ``title``, ``outlet`` and
``published`` (:func:`lib.data_io.with_article_meta`); the filters below then
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
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lib import events
from lib.schema import STANCES

DISPUTED = "disputed"
STANCE_LABELS = {
    "recognizes_gonzalez": "Recognises González as winner",
    "rejects_result": "Rejects the announced result",
    "demands_transparency": "Demands transparency",
    "recognizes_maduro": "Recognises Maduro as winner",
    DISPUTED: "Disputed: sources disagree",
}
STANCE_ORDER = (*STANCES, DISPUTED)
KIND_LABELS = {
    "vote_share_pct": "vote share",
    "votes": "votes",
    "tally_coverage_pct": "tally-sheet coverage",
    "turnout_pct": "turnout",
    "detained": "detained",
    "killed": "killed",
    "political_prisoners": "political prisoners",
    "injured": "injured",
    "released": "released",
    "other": "other",
}
PERCENT_KINDS = ("vote_share_pct", "tally_coverage_pct", "turnout_pct")
UNKNOWN_OUTLET = "(outlet unknown)"
CANDIDATES = {"gonz": "Edmundo González", "maduro": "Nicolás Maduro"}


@dataclass(frozen=True)
class Filters:
    """The shared sidebar filters. Empty tuples mean "everything"."""

    stances: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- basics


def stance_label(stance: str) -> str:
    return STANCE_LABELS.get(stance, stance)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def outlet_name(outlet) -> str:
    return outlet if isinstance(outlet, str) and outlet.strip() else UNKNOWN_OUTLET


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


def candidate(subject: str) -> str:
    """The candidate a vote figure is about ('González', 'Maduro'), else 'Other / unclear'."""
    folded = str(subject or "").lower()
    for needle, name in CANDIDATES.items():
        if needle in folded:
            return name
    return "Other / unclear"


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
    return df[df["outlet"].map(outlet_name).isin(list(outlets))]


def filter_dates(df: pd.DataFrame, date_from=None, date_to=None, include_undated: bool = True) -> pd.DataFrame:
    """Rows whose article was published within [date_from, date_to]; undated rows kept or dropped."""
    has_date = dated(df)
    published = df["published"].fillna("").astype(str)
    keep = has_date.copy()
    if date_from is not None:
        keep &= published >= parse_date(date_from).isoformat()
    if date_to is not None:
        keep &= published <= parse_date(date_to).isoformat()
    if include_undated:
        keep |= ~has_date
    return df[keep]


def search(df: pd.DataFrame, query: str, columns) -> pd.DataFrame:
    """Rows where every word of ``query`` appears (case-insensitive) in one of ``columns``."""
    words = [w for w in re.split(r"\s+", (query or "").strip().lower()) if w]
    if not words or df.empty:
        return df
    haystack = df[list(columns)].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=df.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return df[mask]


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
    return sorted(set(articles["outlet"].map(outlet_name))) if len(articles) else []


def date_bounds(articles: pd.DataFrame) -> tuple[date, date] | None:
    days = sorted(parse_date(d) for d in articles.loc[dated(articles), "published"])
    return (days[0], days[-1]) if days else None


def publication_dates(df: pd.DataFrame) -> list[date]:
    """Distinct publication dates of the rows, ascending."""
    return sorted({parse_date(d) for d in df.loc[dated(df), "published"]})


# ---------------------------------------------------------------- positions


def _n_outlets(frame: pd.DataFrame) -> int:
    return frame["outlet"].map(outlet_name).nunique() if len(frame) else 0


AS_OF_COLUMNS = [
    "actor_code", "actor_name", "actor_type", "stance", "stance_label", "latest_published",
    "latest_stances", "n_articles", "n_outlets", "evidence", "article_id", "title", "outlet",
]


def positions_as_of(positions: pd.DataFrame, as_of=None, include_undated: bool = True) -> pd.DataFrame:
    """One row per actor: its stance in the latest article(s) published on or before ``as_of``.

    ``positions`` carries article metadata (``published``, ``title``, ``outlet``).
    Several articles on the same latest date that disagree make the actor
    ``disputed``; ``latest_stances`` then lists the competing stances.
    """
    if positions.empty:
        return pd.DataFrame(columns=AS_OF_COLUMNS)
    df = positions.copy()
    df["published"] = df["published"].fillna("").astype(str)
    if not include_undated:
        df = df[df["published"] != ""]
    if as_of is not None:
        cutoff = parse_date(as_of).isoformat()
        df = df[(df["published"] == "") | (df["published"] <= cutoff)]
    rows = []
    for code, group in df.groupby("actor_code", sort=True):
        latest_date = group["published"].max()  # '' sorts before every date
        latest = group[group["published"] == latest_date].sort_values("article_id")
        stances = [s for s in STANCES if s in set(latest["stance"])]
        stance = stances[0] if len(stances) == 1 else DISPUTED
        first = latest.iloc[0]
        rows.append({
            "actor_code": code,
            "actor_name": first["actor_name"],
            "actor_type": first["actor_type"],
            "stance": stance,
            "stance_label": stance_label(stance),
            "latest_published": latest_date,
            "latest_stances": ", ".join(stance_label(s) for s in stances),
            "n_articles": group["article_id"].nunique(),
            "n_outlets": _n_outlets(group),
            "evidence": " | ".join(dict.fromkeys(latest["evidence"])),
            "article_id": ", ".join(dict.fromkeys(latest["article_id"])),
            "title": " | ".join(dict.fromkeys(latest["title"].fillna(""))),
            "outlet": ", ".join(dict.fromkeys(latest["outlet"].map(outlet_name))),
        })
    return pd.DataFrame(rows, columns=AS_OF_COLUMNS)


def stance_counts(as_of: pd.DataFrame) -> pd.DataFrame:
    """Actors per stance and actor type (all stances listed, zeros included)."""
    index = pd.MultiIndex.from_product([STANCE_ORDER, ("country", "organization")], names=["stance", "actor_type"])
    counts = as_of.groupby(["stance", "actor_type"]).size() if len(as_of) else pd.Series(dtype="int64")
    out = counts.reindex(index, fill_value=0).rename("actors").reset_index()
    out["stance_label"] = out["stance"].map(stance_label)
    return out


def stance_support(positions: pd.DataFrame) -> pd.DataFrame:
    """Per actor and stance: how many articles and outlets back it, and when."""
    cols = ["actor_code", "actor_name", "actor_type", "stance", "stance_label", "n_articles", "n_outlets", "first_published", "last_published"]
    if positions.empty:
        return pd.DataFrame(columns=cols)
    df = positions.assign(published=positions["published"].fillna("").astype(str))
    rows = []
    for (code, stance), group in df.groupby(["actor_code", "stance"], sort=True):
        days = group.loc[group["published"] != "", "published"]
        rows.append({
            "actor_code": code,
            "actor_name": group["actor_name"].iloc[0],
            "actor_type": group["actor_type"].iloc[0],
            "stance": stance,
            "stance_label": stance_label(stance),
            "n_articles": group["article_id"].nunique(),
            "n_outlets": _n_outlets(group),
            "first_published": days.min() if len(days) else "",
            "last_published": days.max() if len(days) else "",
        })
    return pd.DataFrame(rows, columns=cols).sort_values(["actor_name", "n_articles"], ascending=[True, False], ignore_index=True)


# ---------------------------------------------------------------- figures


def _ordered_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """Newest article first; undated last; then article id for stability."""
    return df.assign(_d=df["published"].fillna("").astype(str)).sort_values(["_d", "article_id"], ascending=[False, True]).drop(columns="_d")


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
    df = _ordered_by_date(results).copy()
    df["candidate"] = [candidate(s) if k in ("vote_share_pct", "votes") else "" for s, k in zip(df["subject"], df["kind"])]
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
    df = _ordered_by_date(df)
    n = df.groupby(["kind", "claimed_by"])["article_id"].nunique().rename("n_reports")
    latest = df.drop_duplicates(["kind", "claimed_by"]).join(n, on=["kind", "claimed_by"])
    return with_words(_ordered_by_date(latest)).reset_index(drop=True)


# ---------------------------------------------------------------- quotes and articles


def quotes_with_context(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Quotes with article metadata, the sentence around each and the speaker's country name."""
    meta = articles[["article_id", "title", "outlet", "published", "text"]]
    df = quotes.merge(meta, on="article_id", how="left")
    df["sentence"] = [
        (t or "")[int(s):int(e)] if isinstance(t, str) else ""
        for t, s, e in zip(df["text"], df["sentence_start"], df["sentence_end"])
    ] if len(df) else pd.Series(dtype="string")
    df["country"] = df["speaker_country"].map(country_name) if len(df) else pd.Series(dtype="string")
    return df.drop(columns="text")


def page_slice(df: pd.DataFrame, page: int, per_page: int) -> pd.DataFrame:
    start = max(0, (int(page) - 1) * per_page)
    return df.iloc[start:start + per_page]


def n_pages(n_rows: int, per_page: int) -> int:
    return max(1, -(-n_rows // per_page))


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
    """Key events the articles report (:mod:`lib.events`): one row per (event, article).

    Columns: event, label, article_id, published, evidence, start, end, plus the
    article's title and outlet. ``published`` is the article's publication date
    (empty when undated), not the date of the event. Summarise per event with
    :func:`lib.events.event_timeline` after filtering the rows.
    """
    articles = tables["articles"]
    rows = events.events(articles)
    meta = articles.set_index("article_id")[["title", "outlet"]]
    return rows.join(meta, on="article_id")


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


TABLE_COLOURS = {"position": "#cfe2ff", "results": "#d1f2d9", "crackdown": "#ffd6d6", "quote": "#fff0b3"}


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
