"""app.selection on small hand-built frames: filters, "as of" positions (incl. disputed), summaries, the reader."""
from datetime import date

import pandas as pd
import pytest

from app import selection, style
from app.selection import Filters
from app.style import DISPUTED
from sample_frames import CRACKDOWN, POSITIONS, figures, pos


def by_actor(df):
    return df.set_index("actor_code")["stance"].to_dict()


def test_as_of_latest_wins_and_same_day_disagreement_is_disputed():
    latest = selection.positions_as_of(POSITIONS)
    assert by_actor(latest) == {"USA": "recognizes_gonzalez", "BRA": DISPUTED, "RUS": "recognizes_maduro", "EU": "demands_transparency"}
    bra = latest.set_index("actor_code").loc["BRA"]
    assert bra["latest_published"] == "2024-08-05"
    assert "Rejects the announced result" in bra["latest_stances"] and "Demands transparency" in bra["latest_stances"]
    assert bra["n_articles"] == 3 and bra["n_outlets"] == 3
    assert set(bra["article_id"].split(", ")) == {"a3", "a4"}


def test_as_of_date_goes_back_in_time():
    early = selection.positions_as_of(POSITIONS, as_of="2024-07-31")
    assert by_actor(early) == {"USA": "demands_transparency", "BRA": "demands_transparency", "RUS": "recognizes_maduro"}
    assert by_actor(selection.positions_as_of(POSITIONS, as_of=date(2024, 8, 1)))["USA"] == "recognizes_gonzalez"


def test_undated_articles_are_older_than_dated_ones_or_excluded():
    rows = pd.concat([POSITIONS, pos([("a6", "", "", "USA", "recognizes_maduro")])])
    assert by_actor(selection.positions_as_of(rows))["USA"] == "recognizes_gonzalez"  # dated evidence wins
    assert "RUS" not in by_actor(selection.positions_as_of(rows, include_undated=False))


def test_as_of_on_empty_frame_has_the_columns():
    out = selection.positions_as_of(POSITIONS.iloc[0:0])
    assert out.empty and list(out.columns) == selection.AS_OF_COLUMNS
    counts = selection.stance_counts(out)
    assert counts["actors"].sum() == 0 and set(counts["stance"]) == set(style.STANCE_ORDER)


def test_stance_counts_and_support():
    counts = selection.stance_counts(selection.positions_as_of(POSITIONS)).set_index(["stance", "actor_type"])["actors"]
    assert counts[("disputed", "country")] == 1 and counts[("demands_transparency", "organization")] == 1
    support = selection.stance_support(POSITIONS).set_index(["actor_code", "stance"])
    assert support.loc[("BRA", "demands_transparency"), "n_articles"] == 2
    assert support.loc[("BRA", "demands_transparency"), "n_outlets"] == 2
    assert support.loc[("RUS", "recognizes_maduro"), "first_published"] == ""


def test_filters():
    assert set(selection.filter_outlets(POSITIONS, ["AP"])["article_id"]) == {"a2", "a3"}
    assert set(selection.filter_outlets(POSITIONS, [selection.UNKNOWN_OUTLET])["article_id"]) == {"a5"}
    window = selection.filter_dates(POSITIONS, date(2024, 7, 31), date(2024, 8, 2), include_undated=False)
    assert set(window["article_id"]) == {"a2"}
    assert set(selection.filter_dates(POSITIONS, date(2024, 7, 31), date(2024, 8, 2))["article_id"]) == {"a2", "a5"}
    f = Filters(stances=("rejects_result",), outlets=("AP",), include_undated=False)
    assert list(selection.apply_filters(POSITIONS, f)["article_id"]) == ["a3"]
    assert len(selection.apply_filters(POSITIONS, f, stance=False)) == 3


@pytest.mark.parametrize("query,found", [
    ("FAIR blinken", [0]),  # every word, in any column, any case
    ("gonzalez", [1]),  # accents do not matter, either way
    ("Machadó sheets", [1]),
    ("  ", [0, 1]),  # no words: every row
    ("nothing", []),
])
def test_search_needs_every_word_in_any_column_ignoring_case_and_accents(query, found):
    df = pd.DataFrame({"quote": ["free and fair elections", "the tally sheets for González"], "speaker": ["Blinken", "Machado"]})
    assert list(selection.search_rows(selection.haystack(df, ["quote", "speaker"]), selection.query_words(query))) == found


def test_figures_in_words():
    assert selection.describe_figure(2400, "more than", "detained") == "more than 2,400"
    assert selection.describe_figure(51.2, "", "vote_share_pct") == "51.2%"
    assert selection.describe_figure(6890000.0, "about", "votes") == "about 6,890,000"


def test_latest_figures_per_reporter():
    latest = selection.latest_figures(CRACKDOWN, "detained")
    assert list(latest["claimed_by"]) == ["Foro Penal", "government"]  # dated before undated
    assert latest.iloc[0]["figure"] == "more than 1,300" and latest.iloc[0]["n_reports"] == 2
    assert len(selection.latest_figures(CRACKDOWN)) == 3
    assert selection.latest_figures(CRACKDOWN.iloc[0:0], "killed").empty


TEXT = "Maduro won, said the CNE. The US said \"González won\". <script>alert(1)</script>"


def reader_tables():
    empty = pd.DataFrame(columns=["article_id", "start", "end"])
    return {
        "positions": pd.DataFrame([{"article_id": "x", "actor_name": "United States", "stance": "recognizes_gonzalez", "cue": "said", "start": 26, "end": 53}]),
        "results": empty.assign(claimed_by=[], mention=[], kind=[], subject=[]),
        "crackdown": empty.assign(claimed_by=[], mention=[], kind=[], subject=[]),
        "quotes": pd.DataFrame([{"article_id": "x", "speaker": "US", "start": 39, "end": 51}]),
    }


def test_reader_segments_cover_the_text_and_overlaps():
    spans = selection.fact_spans(reader_tables(), "x")
    assert list(spans["table"]) == ["position", "quote"]
    pieces = selection.segments(TEXT, spans)
    assert "".join(p for p, _ in pieces) == TEXT
    assert dict(pieces)["González won"] == (1, 2)  # the quote sits inside the position's sentence


def test_reader_html_escapes_article_text():
    out = selection.reader_html(TEXT, selection.fact_spans(reader_tables(), "x"))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark" in out and "[1&nbsp;position]" in out


def test_quotes_with_context_and_pages():
    quotes = pd.DataFrame([{"article_id": "x", "quote": "González won", "speaker": "US", "speaker_country": "USA", "start": 39, "end": 51, "sentence_start": 26, "sentence_end": 53}])
    articles = pd.DataFrame([{"article_id": "x", "title": "t", "outlet": "", "published": "", "text": TEXT}])
    out = selection.quotes_with_context(quotes, articles)
    assert out.iloc[0]["sentence"] == TEXT[26:53] and out.iloc[0]["country"] == "United States"
    assert selection.n_pages(0, 10) == 1 and selection.n_pages(21, 10) == 3
    assert len(selection.page_slice(pd.DataFrame({"a": range(25)}), 3, 10)) == 5


@pytest.mark.parametrize("code,name", [("VEN", "Venezuela"), ("EU", "EU"), ("", "")])
def test_country_name(code, name):
    assert name in selection.country_name(code)


def test_timeline_rows_are_key_events_with_article_meta():
    from lib import schema

    articles = schema.ARTICLES.frame([
        {"article_id": "b", "title": "Exile", "outlet": "AP", "url": "", "published": "2024-09-08", "metadata_source": "manifest", "sha256": "", "n_chars": 0,
         "text": "González fled to Spain, where he was granted asylum. Turnout was low."},
        {"article_id": "a", "title": "Vote", "outlet": "", "url": "", "published": "", "metadata_source": "none", "sha256": "", "n_chars": 0,
         "text": "Nothing happened here."},
    ])
    from lib.extract import extract_article

    event_rows = schema.EVENTS.frame(r for a in articles.itertuples() for r in extract_article(a.article_id, a.text)["events"])
    rows = selection.timeline({"articles": articles, "events": event_rows})
    assert list(rows["event"]) == ["election", "exile"] and set(rows["article_id"]) == {"b"}
    assert rows.iloc[1]["evidence"] == "González fled to Spain, where he was granted asylum."
    assert rows.iloc[0]["outlet"] == "AP" and rows.iloc[0]["title"] == "Exile" and rows.iloc[0]["published"] == "2024-09-08"
    assert selection.timeline({"articles": articles.iloc[0:0], "events": schema.EVENTS.empty()}).empty


def test_many_latest_articles_are_counted_not_all_listed():
    many = pos([(f"a{i:02d}", "2024-08-01", "AP", "USA", "recognizes_gonzalez") for i in range(12)])
    usa = selection.positions_as_of(many).iloc[0]
    assert usa["article_id"] == "a00, a01, a02, a03, a04 (+7 more)" and usa["n_articles"] == 12
    assert selection.joined(["x", "y", "x"], ", ") == "x, y"


def test_article_mask_keeps_the_filtered_articles_in_table_order():
    articles = POSITIONS.drop_duplicates("article_id")[["article_id", "published", "outlet"]]
    f = Filters(outlets=("AP", selection.UNKNOWN_OUTLET), date_from=date(2024, 8, 2), date_to=date(2024, 8, 5))
    assert list(articles["article_id"][selection.article_mask(articles, f)]) == ["a3", "a5"]
    assert selection.article_mask(articles, Filters()).all()


def test_value_rows_keep_the_given_order_within_each_value():
    df = pd.DataFrame({"kind": ["votes", "other", "votes", "other", "turnout_pct"]})
    assert list(selection.value_rows(df, "kind", [])) == [1, 3, 4, 0, 2]
    assert list(selection.value_rows(df, "kind", ["votes", "other"], rows=[4, 3, 2, 1])) == [3, 1, 2]
