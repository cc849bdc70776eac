"""The key-event timeline: the ``events`` table (:mod:`lib.extract.events`) summarised per event.

The only dates in the corpus are *publication* dates: an event's
``first_reported`` is when an article first reported it, not when it happened.
"""
from __future__ import annotations

import pandas as pd

from lib.extract.events import event_order

TIMELINE_COLUMNS = ["event", "label", "first_reported", "n_articles", "article_ids", "first_article", "evidence"]


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
