"""Key events of the election crisis, found sentence by sentence in the articles.

The event types and the phrases that signal them are data, in
``lib/lexicons/events.csv`` (columns ``event,label,pattern,note``): several rows
may share an event, each adding one case-insensitive regular expression matched
against a single sentence. The order of the events' first rows is their
canonical chronological order (the election, the CNE's announcement, ... the
inauguration), used to sort the timeline.

:func:`events` scans every sentence of every article (pure, no Streamlit) and
returns one row per (event, article), with the first sentence that reports it as
evidence: ``text[start:end] == evidence``. :func:`event_timeline` summarises those
rows per event.

The only dates in the corpus are *publication* dates: an event's
``first_reported`` is when an article first reported it, not when it happened.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Callable, Iterable, NamedTuple

import pandas as pd

from lib.lexicon import read_lexicon
from lib.text import Sentence, sentences

EVENT_COLUMNS = ["event", "label", "article_id", "published", "evidence", "start", "end"]
TIMELINE_COLUMNS = ["event", "label", "first_reported", "n_articles", "article_ids", "first_article", "evidence"]


class EventType(NamedTuple):
    event: str
    label: str
    pattern: re.Pattern[str]  # the event's rows joined into one alternation


@cache
def event_types() -> tuple[EventType, ...]:
    """The event types of ``events.csv`` in canonical (CSV) order, one regex each."""
    patterns: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for row in read_lexicon("events"):
        patterns.setdefault(row["event"], []).append(row["pattern"])
        labels.setdefault(row["event"], row["label"])
    return tuple(
        EventType(event, labels[event], re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE))
        for event, pats in patterns.items()
    )


def event_order() -> dict[str, int]:
    """Rank of each event type in the canonical chronological order."""
    return {t.event: i for i, t in enumerate(event_types())}


def events(articles: pd.DataFrame, *, sentences_of: Callable[[str], Iterable[Sentence]] = sentences) -> pd.DataFrame:
    """One row per (event, article): the first sentence of the article reporting the event.

    ``articles`` needs ``article_id`` and ``text``; ``published`` is copied when
    present (empty when the article is undated). Rows come in article order,
    then canonical event order.
    """
    types = event_types()
    ids = articles["article_id"].tolist() if len(articles) else []
    texts = articles["text"].fillna("").astype(str).tolist() if len(articles) else []
    published = articles["published"].fillna("").astype(str).tolist() if "published" in articles.columns and len(articles) else [""] * len(ids)
    rows = []
    for article_id, text, day in zip(ids, texts, published):
        found: dict[str, Sentence] = {}
        for sentence in sentences_of(text):
            for t in types:
                if t.event not in found and t.pattern.search(sentence.text):
                    found[t.event] = sentence
            if len(found) == len(types):
                break
        rows.extend(
            (t.event, t.label, article_id, day, found[t.event].text, found[t.event].start, found[t.event].end)
            for t in types if t.event in found
        )
    out = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return out.astype({c: "string" for c in EVENT_COLUMNS if c not in ("start", "end")} | {"start": "int64", "end": "int64"})


def event_timeline(event_rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event type reported, in canonical chronological order.

    ``first_reported`` is the earliest *publication* date among the articles
    reporting the event (empty when they are all undated): when the corpus first
    mentions it, not when it happened. Events reported only by undated articles
    come last. ``article_ids`` lists the articles earliest published first
    (undated last), ``first_article`` is the first of them and ``evidence`` its
    sentence. Publication dates come from ``articles`` when it has them, so a
    corrected date in the articles table wins over the one copied into the rows.
    """
    if event_rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "n_articles" else "object") for c in TIMELINE_COLUMNS})
    rows = event_rows[["event", "label", "article_id", "published", "evidence"]].copy()
    if "published" in articles.columns and len(articles):
        dates = dict(zip(articles["article_id"], articles["published"].fillna("").astype(str)))
        rows["published"] = rows["article_id"].map(dates).fillna(rows["published"])
    rows["published"] = rows["published"].fillna("").astype(str)
    rows["undated"] = rows["published"] == ""
    rows = rows.sort_values(["event", "undated", "published", "article_id"], kind="stable")
    grouped = rows.groupby("event", sort=False)
    out = grouped.agg(
        label=("label", "first"), n_articles=("article_id", "nunique"), article_ids=("article_id", ", ".join),
        first_article=("article_id", "first"), evidence=("evidence", "first"), all_undated=("undated", "all"),
    )
    out["first_reported"] = rows[~rows["undated"]].groupby("event")["published"].min().reindex(out.index).fillna("")
    order = event_order()
    out["rank"] = [order.get(e, len(order)) for e in out.index]
    out = out.sort_values(["all_undated", "rank"]).reset_index()
    return out[TIMELINE_COLUMNS]
