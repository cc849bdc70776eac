"""The key-event timeline: the ``events`` table (:mod:`lib.extract.events`) summarised per event, on the day it happened.

A fixed event (the election, the CNE's proclamation, the TSJ ruling, the
warrant, the exile, the inauguration) is on its day from
``lib/lexicons/events.csv``; a recurring one (protests, sanctions) on the days
its sentences name, else on the publication dates of the articles reporting
it, which ``dated_by`` then says (:func:`app.selection.event_days`).
"""
from __future__ import annotations

import pandas as pd

from lib.extract.events import event_order

TIMELINE_COLUMNS = ["event", "label", "date", "dated_by", "n_articles", "article_ids", "first_article", "evidence"]


def event_timeline(event_rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event type reported.

    ``date`` is the day the event happened when it is fixed, else the
    earliest day an article places it on (a date its sentence names, or its publication date)
    (``dated_by`` says which; empty when the articles are all undated).
    Sorted by that day; events with none come last. ``article_ids`` lists the reporting articles earliest published first
    (undated last), ``first_article`` is the first and ``evidence`` its
    sentence. Publication dates come from ``articles`` when it has them, so a
    corrected date in the articles table wins over the one copied into the rows.
    """
    from app.selection import event_days

    if event_rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "n_articles" else "object") for c in TIMELINE_COLUMNS})
    rows = event_rows[["event", "label", "article_id", "published", "evidence"]].copy()
    if "published" in articles.columns and len(articles):
        dates = dict(zip(articles["article_id"], articles["published"].fillna("").astype(str)))
        rows["published"] = rows["article_id"].map(dates).fillna(rows["published"])
    rows["published"] = rows["published"].fillna("").astype(str)
    rows = event_days(rows)
    rows["undated"] = rows["published"] == ""
    rows = rows.sort_values(["event", "undated", "published", "article_id"], kind="stable")
    grouped = rows.groupby("event", sort=False)
    out = grouped.agg(
        label=("label", "first"), n_articles=("article_id", "nunique"), article_ids=("article_id", ", ".join),
        first_article=("article_id", "first"), evidence=("evidence", "first"),
    )
    # A fixed event's day, else the earliest day any article places it on (a sentence's date or a publication date).
    known = rows[rows["event_date"] != ""].assign(not_fixed=rows["dated_by"] != "fixed")
    best = known.sort_values(["event", "not_fixed", "event_date"], kind="stable").drop_duplicates("event").set_index("event")
    out["date"] = best["event_date"].reindex(out.index).fillna("")
    out["dated_by"] = best["dated_by"].reindex(out.index).fillna("undated")
    order = event_order()
    out["rank"] = [order.get(e, len(order)) for e in out.index]
    out["no_date"] = out["date"] == ""
    out = out.sort_values(["no_date", "date", "rank"]).reset_index()  # by the day it happened; events no date places, last
    return out[TIMELINE_COLUMNS]
