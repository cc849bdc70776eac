"""lib.extract.events: the event lexicon sentence by sentence, and provenance offsets on the seeds."""
import pytest

from lib.articles import read_corpus
from lib.extract import extract_article
from lib.extract.events import event_types, find_events
from lib.text import Sentence, sentences
from lib.paths import SEEDS


def found(sentence: str) -> set[str]:
    return {row.event for row in find_events("a", sentence, sentences=list(sentences(sentence)))}


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
    order = [t.event for t in event_types()]
    assert order[0] == "election" and order[-1] == "inauguration"
    assert order.index("cne_result") < order.index("tsj_ruling") < order.index("exile")
    assert all(t.label for t in event_types())


def test_one_row_per_event_and_article_with_offsets_on_the_seeds():
    by_article = {}
    for article in read_corpus([SEEDS])[0]:
        rows = extract_article(article.article_id, article.text)["events"]
        assert len({r.event for r in rows}) == len(rows)
        assert all(article.text[r.start:r.end] == r.evidence for r in rows)
        by_article[article.article_id] = {r.event for r in rows}
    assert "exile" in by_article["001_3ffc801e08a77e01"]
    assert "recognition" in by_article["002_eafcf9088da930d2"]
    assert {"tsj_ruling", "deaths"} <= by_article["003_f305faf45d693254"]
    assert {"arrest_warrant", "inauguration"} <= by_article["004_f7a3afea74ea8f05"]
    assert "coerced_letter" in by_article["000_6f4e1ec2f1de3b0a"]


def test_the_first_sentence_reporting_an_event_is_its_evidence():
    text = "Turnout was low. Sanctions followed. More sanctions came."
    rows = list(find_events("a", text, sentences=list(sentences(text))))
    assert [(r.event, r.evidence) for r in rows] == [("election", "Turnout was low."), ("sanctions", "Sanctions followed.")]


def test_sentences_are_the_callers():
    text = "Turnout was low. Sanctions followed."
    rows = list(find_events("a", text, sentences=[Sentence(0, len(text), text)]))
    assert {r.event for r in rows} == {"election", "sanctions"} and all(r.start == 0 for r in rows)


@pytest.mark.parametrize("sentence, published, day", [
    ("Protests broke out on 29 July in Caracas.", "2024-08-23", "2024-07-29"),
    ("The court ruled on August 22, 2024.", "", "2024-08-22"),  # a full date needs no publication date
    ("The Carter Center then stated on Tuesday that the vote was flawed.", "2024-08-01", "2024-07-30"),
    ("Speaking in Panama on Wednesday, González presented the tally sheets.", "2025-01-08", "2025-01-08"),  # the day itself
    ("Police detained dozens on 31 December.", "2025-01-08", "2024-12-31"),  # not in the future: the year before
    ("The 28th of July vote was marred by irregularities.", "2024-09-01", "2024-07-28"),
    # near misses: no day named, a weekday without a publication date, a month that is a verb
    ("Protests continued for weeks.", "2024-08-23", None),
    ("The court ruled on Thursday.", "", None),
    ("Thousands may march again.", "2024-08-23", None),
])
def test_date_in_reads_the_day_a_sentence_names(sentence, published, day):
    from datetime import date

    from lib.extract.events import date_in

    found = date_in(sentence, date.fromisoformat(published) if published else None)
    assert (found.isoformat() if found else None) == day


# A day to pass over (the election's): it names the vote, not the day a protest or an arrest happened. Seen:
# g12's "since protests broke out over the official result of the 28 July presidential election" placed the protests
# on 28 July, g14's "They cover 83.5% of the voting machines used on 28 July" the tally sheets' publication.
@pytest.mark.parametrize("sentence, published, day", [
    ("Protests broke out over the result of the 28 July presidential election.", "2024-08-16", None),
    ("Since the July 28 vote, police detained dozens on 30 July.", "2024-08-16", "2024-07-30"),  # the next day named
    ("After the July 28 vote, the opposition published its records on Tuesday.", "2024-08-01", "2024-07-30"),  # the weekday
    ("Protests broke out on 29 July in Caracas.", "2024-08-23", "2024-07-29"),  # near miss: another day is read
])
def test_date_in_passes_over_the_day_to_skip(sentence, published, day):
    from datetime import date

    from lib.extract.events import date_in

    found = date_in(sentence, date.fromisoformat(published), skip=date(2024, 7, 28))
    assert (found.isoformat() if found else None) == day


def test_fixed_events_have_their_day_in_the_lexicon():
    from lib.extract.events import event_dates

    assert event_dates() == {"election": "2024-07-28", "cne_result": "2024-07-29", "tsj_ruling": "2024-08-22",
                             "arrest_warrant": "2024-09-02", "exile": "2024-09-08", "inauguration": "2025-01-10"}
