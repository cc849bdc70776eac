"""lib.events: the event lexicon sentence by sentence, provenance offsets on the seeds, the per-event timeline."""
import pandas as pd
import pytest

from lib import events, schema
from lib.articles import read_corpus
from lib.text import Sentence
from conftest import SEEDS


def found(sentence: str) -> set[str]:
    return set(events.events(pd.DataFrame({"article_id": ["a"], "text": [sentence]}))["event"])


@pytest.mark.parametrize("sentence,expected", [
    # the election
    ("Venezuelans went to the polls on Sunday.", "election"),
    ("The 28th of July vote was marred by irregularities.", "election"),
    ("Turnout was reported at 59 percent.", "election"),
    # the CNE's announcement
    ("The National Electoral Council declared Maduro the winner with 51.2% of the vote.", "cne_result"),
    ("Maduro was proclaimed re-elected on Monday morning.", "cne_result"),
    ("Observers rejected the results announced by the CNE.", "cne_result"),
    # the opposition's tally sheets
    ("The opposition uploaded copies of the tally sheets to a website.", "opposition_tallies"),
    ("Machado's team says it collected 81% of the actas.", "opposition_tallies"),
    # protests, arrests, deaths
    ("Thousands of demonstrators took to the streets of Caracas.", "protests"),
    ("Security forces detained at least 1,200 people.", "arrests"),
    ("Rights groups counted 24 people killed in the unrest.", "deaths"),
    # observers, recognitions, the court
    ("The UN panel of experts said the count lacked transparency.", "observers"),
    ("Italy formally recognised Edmundo González as president-elect.", "recognition"),
    ("The European Parliament voted to recognize González as the legitimate president.", "recognition"),
    ("Venezuela's top court on Thursday certified Maduro's victory.", "tsj_ruling"),
    ("Eleven countries rejected the ratification of the results by the Supreme Court.", "tsj_ruling"),
    # warrant, exile, letter, sanctions, inauguration
    ("A judge issued an arrest warrant for the former diplomat.", "arrest_warrant"),
    ("Prosecutors sought his arrest on charges of conspiracy.", "arrest_warrant"),
    ("He landed in Madrid, where he will request asylum.", "exile"),
    ("He said he was coerced into signing the document.", "coerced_letter"),
    ("Washington announced new sanctions on 16 officials.", "sanctions"),
    ("Maduro was sworn in for a third term on January 10.", "inauguration"),
])
def test_sentence_reports_event(sentence, expected):
    assert expected in found(sentence)


@pytest.mark.parametrize("sentence,not_expected", [
    ("Many governments refused to recognize Maduro's victory.", "recognition"),
    ("Brazil ruled out recognizing González as the winner.", "recognition"),
    ("Russia recognized Maduro, not his rival González.", "recognition"),
    ("Maduro's government has not published the minutes of the results.", "opposition_tallies"),
    ("The government has ordered his arrest.", "arrests"),  # the warrant, not a detention
    ("The CNE has not declared the results per polling station.", "cne_result"),
    ("The United States protested the treatment of diplomats.", "protests"),
    ("Harris sent a letter to the opposition leaders.", "coerced_letter"),
    ("Six opponents are seeking refuge at the Argentine embassy.", "exile"),
    ("The race was a dead heat in the polls.", "deaths"),
])
def test_sentence_does_not_report_event(sentence, not_expected):
    assert not_expected not in found(sentence)


def test_lexicon_order_is_the_canonical_order():
    order = [t.event for t in events.event_types()]
    assert order[0] == "election" and order[-1] == "inauguration"
    assert order.index("cne_result") < order.index("tsj_ruling") < order.index("exile")
    assert all(t.label for t in events.event_types())


def test_one_row_per_event_and_article_with_offsets_on_the_seeds():
    arts = schema.ARTICLES.frame(read_corpus([SEEDS])[0])
    rows = events.events(arts)
    assert list(rows.columns) == events.EVENT_COLUMNS
    assert not rows.duplicated(["event", "article_id"]).any()
    texts = dict(zip(arts["article_id"], arts["text"]))
    for r in rows.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.evidence
    by_article = rows.groupby("article_id")["event"].apply(set)
    assert "exile" in by_article["001_3ffc801e08a77e01"]
    assert "recognition" in by_article["002_eafcf9088da930d2"]
    assert {"tsj_ruling", "deaths"} <= by_article["003_f305faf45d693254"]
    assert {"arrest_warrant", "inauguration"} <= by_article["004_f7a3afea74ea8f05"]
    assert "coerced_letter" in by_article["000_6f4e1ec2f1de3b0a"]


def test_sentences_of_is_pluggable():
    def whole(text):
        yield Sentence(0, len(text), text)

    rows = events.events(pd.DataFrame({"article_id": ["a"], "text": ["Turnout was low. Sanctions followed."]}), sentences_of=whole)
    assert set(rows["event"]) == {"election", "sanctions"} and (rows["start"] == 0).all()


def test_empty_corpus():
    rows = events.events(pd.DataFrame({"article_id": pd.Series(dtype="string"), "text": pd.Series(dtype="string")}))
    assert rows.empty and list(rows.columns) == events.EVENT_COLUMNS
    summary = events.event_timeline(rows, pd.DataFrame(columns=["article_id", "published"]))
    assert summary.empty and list(summary.columns) == events.TIMELINE_COLUMNS


def test_event_timeline_orders_by_canonical_event_and_puts_undated_last():
    arts = pd.DataFrame({
        "article_id": ["late", "early", "undated", "nodate2"],
        "published": ["2025-01-10", "2024-08-02", "", None],
        "text": [
            "Maduro was sworn in on Friday. The opposition uploaded its tally sheets.",
            "The opposition published tally sheets from 80% of the voting machines.",
            "The election took place on July 28.",
            "New sanctions were announced.",
        ],
    })
    rows = events.events(arts)
    summary = events.event_timeline(rows, arts)
    assert list(summary["event"]) == ["opposition_tallies", "inauguration", "election", "sanctions"]
    tallies = summary.iloc[0]
    assert tallies["first_reported"] == "2024-08-02" and tallies["n_articles"] == 2
    assert tallies["article_ids"] == "early, late" and tallies["first_article"] == "early"
    assert tallies["evidence"].startswith("The opposition published")
    assert list(summary["first_reported"].iloc[2:]) == ["", ""]


def test_event_timeline_takes_dates_from_the_articles_table():
    rows = events.events(pd.DataFrame({"article_id": ["a", "b"], "text": ["Sanctions.", "More sanctions."]}))
    summary = events.event_timeline(rows, pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-09-01", "2024-08-01"]}))
    assert summary.iloc[0]["first_reported"] == "2024-08-01" and summary.iloc[0]["first_article"] == "b"
