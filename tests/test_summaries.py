"""lib.summaries: the key-event timeline summarised from the events table, and the summary files a build writes."""
import pandas as pd

from lib import schema
from lib import summaries
from lib.extract import extract_article


def event_rows(arts: pd.DataFrame) -> pd.DataFrame:
    """The events table of some articles, with their publication date, as app.selection.timeline gives it."""
    rows = schema.EVENTS.frame(r for a in arts.itertuples() for r in extract_article(a.article_id, a.text)["events"])
    dates = dict(zip(arts["article_id"], arts["published"])) if "published" in arts else {}
    return rows.assign(published=[dates.get(article_id, "") for article_id in rows["article_id"]])


def test_empty_corpus():
    summary = summaries.event_timeline(schema.EVENTS.empty().assign(published=""), pd.DataFrame(columns=["article_id", "published"]))
    assert summary.empty and list(summary.columns) == summaries.TIMELINE_COLUMNS


def test_event_timeline_dates_each_event_on_the_day_it_happened_and_puts_undated_last():
    arts = pd.DataFrame({
        "article_id": ["late", "early", "undated", "nodate2"],
        "published": ["2025-01-08", "2024-08-02", "", None],
        "text": [
            "Maduro will be sworn in on Friday. The opposition uploaded its tally sheets on Wednesday.",
            "The opposition published tally sheets from 80% of the voting machines.",
            "The election took place on July 28.",
            "New sanctions were announced.",
        ],
    })
    rows = event_rows(arts)
    summary = summaries.event_timeline(rows, arts).set_index("event")
    assert list(summary.index) == ["election", "opposition_tallies", "inauguration", "sanctions"]  # by the day, undated last
    assert summary.loc["election", ["date", "dated_by"]].tolist() == ["2024-07-28", "fixed"]  # though only an undated article reports it
    assert summary.loc["inauguration", "date"] == "2025-01-10"  # not the 8 January article's date
    tallies = summary.loc["opposition_tallies"]
    # The earliest day an article places it on: the 2 August article's publication date (no date in its sentence).
    assert tallies["date"] == "2024-08-02" and tallies["dated_by"] == "publication" and tallies["n_articles"] == 2
    assert tallies["article_ids"] == "early, late" and tallies["first_article"] == "early"
    assert summary.loc["sanctions", ["date", "dated_by"]].tolist() == ["", "undated"]


def test_event_timeline_takes_dates_from_the_articles_table():
    rows = event_rows(pd.DataFrame({"article_id": ["a", "b"], "text": ["Sanctions.", "More sanctions."]}))
    summary = summaries.event_timeline(rows, pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-09-01", "2024-08-01"]}))
    assert summary.iloc[0]["date"] == "2024-08-01" and summary.iloc[0]["first_article"] == "b"
