"""app.selection on small hand-built frames: filters, "as of" positions (incl. disputed), summaries, the reader."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from app import selection, style
from app.selection import Filters
from app.style import DISPUTED
from lib import summaries
from sample_frames import CRACKDOWN, POSITIONS, pos


def by_actor(df):
    return df.set_index("actor_code")["stance"].to_dict()


def test_as_of_keeps_the_strongest_stance_of_its_side():
    latest = selection.positions_as_of(POSITIONS)
    # USA recognised González on 1 August; BRA's rejection outranks its same-day and earlier demands.
    assert by_actor(latest) == {"USA": "recognizes_gonzalez", "BRA": "rejects_result", "RUS": "recognizes_maduro", "EU": "demands_transparency"}
    bra = latest.set_index("actor_code").loc["BRA"]
    assert bra["stances"] == "Rejects the announced result, Demands transparency"
    assert bra["since"] == "2024-08-05" and bra["latest_published"] == "2024-08-05"
    assert bra["n_articles"] == 3 and bra["n_dated"] == 1 and bra["n_undated"] == 0 and bra["article_id"] == "a3"
    rus = latest.set_index("actor_code").loc["RUS"]
    assert rus["undated_only"] and rus["n_undated"] == 1 and rus["since"] == ""
    assert selection.backing_note(rus) == "backed by 1 undated (no dated) article(s)"


# An actor's history in, its position on each date out: a later weaker mention never undoes a stronger one.
HISTORIES = [
    # recognition, then passing mentions with weaker verbs: still recognises González (the seed-002 story)
    ([("2024-08-01", "recognizes_gonzalez"), ("2024-08-24", "rejects_result"), ("2024-09-19", "demands_transparency"), ("2025-01-10", "rejects_result")],
     {"2024-07-31": None, "2024-08-01": "recognizes_gonzalez", "2024-09-19": "recognizes_gonzalez", "2025-01-10": "recognizes_gonzalez"}),
    # a demand, then a rejection: the stronger stance from its date on
    ([("2024-07-30", "demands_transparency"), ("2024-08-05", "rejects_result")], {"2024-08-01": "demands_transparency", "2024-08-05": "rejects_result"}),
    # opposite sides: disputed from the day both are reported
    ([("2024-07-30", "recognizes_maduro"), ("2024-08-02", "demands_transparency")], {"2024-08-01": "recognizes_maduro", "2024-08-02": DISPUTED}),
    # near miss: two stances of the same side are never disputed
    ([("2024-07-30", "rejects_result"), ("2024-07-30", "demands_transparency")], {"2024-07-30": "rejects_result"}),
]


@pytest.mark.parametrize("history, expected", HISTORIES)
def test_position_over_time(history, expected):
    rows = pos([(f"a{i}", day, "AP", "USA", stance) for i, (day, stance) in enumerate(history)])
    for day, stance in expected.items():
        assert by_actor(selection.positions_as_of(rows, as_of=day)).get("USA") == stance, day


def test_a_reversal_resets_the_history_from_its_date():
    rows = pos([("a1", "2024-08-01", "AP", "PAN", "recognizes_gonzalez"), ("a2", "2025-03-01", "AP", "PAN", "recognizes_maduro"),
                ("a3", "", "", "PAN", "rejects_result"), ("a4", "2025-04-01", "AP", "PAN", "demands_transparency")])
    rows["reversal"] = [0, 1, 0, 0]
    assert by_actor(selection.positions_as_of(rows, as_of="2025-02-01"))["PAN"] == "recognizes_gonzalez"
    after = selection.positions_as_of(rows).set_index("actor_code").loc["PAN"]
    assert after["stance"] == DISPUTED and after["reset_on"] == "2025-03-01"  # the recognition of González and the undated row no longer count
    assert after["stances"] == "Recognises Maduro as winner, Demands transparency"
    assert "[Recognises Maduro as winner] PAN recognizes_maduro in a2." in after["evidence"]
    history = selection.actor_history(rows, "PAN")
    assert list(history["position"]) == ["recognizes_gonzalez", "recognizes_maduro", DISPUTED, DISPUTED]
    assert list(history["published"]) == ["2024-08-01", "2025-03-01", "2025-04-01", ""]  # undated last


def test_undated_articles_count_at_every_date_or_are_excluded():
    rows = pd.concat([POSITIONS, pos([("a6", "", "", "USA", "recognizes_maduro")])])
    usa = selection.positions_as_of(rows, as_of="2024-07-30").set_index("actor_code").loc["USA"]
    assert usa["stance"] == DISPUTED and usa["n_dated"] == 1 and usa["n_undated"] == 1  # undated counts even on the first day
    assert by_actor(selection.positions_as_of(rows, include_undated=False))["USA"] == "recognizes_gonzalez"
    assert "RUS" not in by_actor(selection.positions_as_of(rows, include_undated=False))


def test_as_of_on_empty_frame_has_the_columns():
    out = selection.positions_as_of(POSITIONS.iloc[0:0])
    assert out.empty and list(out.columns) == selection.AS_OF_COLUMNS
    counts = selection.stance_counts(out)
    assert counts["actors"].sum() == 0 and set(counts["stance"]) == set(style.STANCE_ORDER)


def test_stance_counts_and_support():
    counts = selection.stance_counts(selection.positions_as_of(POSITIONS)).set_index(["stance", "actor_type"])["actors"]
    assert counts[("rejects_result", "country")] == 1 and counts[("demands_transparency", "organization")] == 1
    support = selection.stance_support(POSITIONS).set_index(["actor_code", "stance"])
    assert support.loc[("BRA", "demands_transparency"), "n_articles"] == 2
    assert support.loc[("BRA", "demands_transparency"), "n_outlets"] == 2
    assert support.loc[("RUS", "recognizes_maduro"), "first_published"] == ""


def test_filters():
    assert set(selection.filter_outlets(POSITIONS, ["AP"])["article_id"]) == {"a2", "a3"}
    assert set(selection.filter_outlets(POSITIONS, [summaries.UNKNOWN_OUTLET])["article_id"]) == {"a5"}
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
    assert list(selection.search_rows(summaries.haystack(df, ["quote", "speaker"]), selection.query_words(query))) == found


def test_figures_in_words():
    assert summaries.describe_figure(2400, "more than", "detained") == "more than 2,400"
    assert summaries.describe_figure(51.2, "", "vote_share_pct") == "51.2%"
    assert summaries.describe_figure(6890000.0, "about", "votes") == "about 6,890,000"


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
    out = summaries.quotes_with_context(quotes, articles)
    assert out.iloc[0]["sentence"] == TEXT[26:53] and out.iloc[0]["country"] == "United States"
    assert selection.n_pages(0, 10) == 1 and selection.n_pages(21, 10) == 3
    assert len(selection.page_slice(pd.DataFrame({"a": range(25)}), 3, 10)) == 5


@pytest.mark.parametrize("code,name", [("VEN", "Venezuela"), ("EU", "EU"), ("", "")])
def test_country_name(code, name):
    assert name in summaries.country_name(code)


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
    rows = summaries.timeline({"articles": articles, "events": event_rows})
    assert list(rows["event"]) == ["election", "exile"] and set(rows["article_id"]) == {"b"}
    assert rows.iloc[1]["evidence"] == "González fled to Spain, where he was granted asylum."
    assert rows.iloc[0]["outlet"] == "AP" and rows.iloc[0]["title"] == "Exile" and rows.iloc[0]["published"] == "2024-09-08"
    assert summaries.timeline({"articles": articles.iloc[0:0], "events": schema.EVENTS.empty()}).empty


def test_many_latest_articles_are_counted_not_all_listed():
    many = pos([(f"a{i:02d}", "2024-08-01", "AP", "USA", "recognizes_gonzalez") for i in range(12)])
    usa = selection.positions_as_of(many).iloc[0]
    assert usa["article_id"] == "a00, a01, a02, a03, a04 (+7 more)" and usa["n_articles"] == 12
    assert summaries.joined(["x", "y", "x"], ", ") == "x, y"


def test_article_mask_keeps_the_filtered_articles_in_table_order():
    articles = POSITIONS.drop_duplicates("article_id")[["article_id", "published", "outlet"]]
    f = Filters(outlets=("AP", summaries.UNKNOWN_OUTLET), date_from=date(2024, 8, 2), date_to=date(2024, 8, 5))
    assert list(articles["article_id"][selection.article_mask(articles, f)]) == ["a3", "a5"]
    assert selection.article_mask(articles, Filters()).all()


def test_value_rows_keep_the_given_order_within_each_value():
    df = pd.DataFrame({"kind": ["votes", "other", "votes", "other", "turnout_pct"]})
    assert list(summaries.value_rows(df, "kind", [])) == [1, 3, 4, 0, 2]
    assert list(summaries.value_rows(df, "kind", ["votes", "other"], rows=[4, 3, 2, 1])) == [3, 1, 2]


def test_profiles_cover_every_actor_the_listed_organisations_and_the_observers():
    options = selection.profile_options(POSITIONS)
    assert options[:4] == ["BRA", "EU", "RUS", "USA"]  # by name: Brazil, European Union, Russia, United States
    assert {"EP", "OAS", "G7", "UN", "carter-center", "un-panel", "un-ffm"} <= set(options) and len(options) == len(set(options))
    assert selection.profile_name("un-ffm") == "UN fact-finding mission" and selection.profile_name("EP") == "European Parliament"


def test_officials_who_voiced_a_position_come_from_quotes_and_evidence():
    quotes = pd.DataFrame({"speaker": ["Antony Blinken", "Blinken", "Celso Amorim", ""], "speaker_country": ["USA", "USA", "BRA", "USA"]})
    positions = POSITIONS.assign(evidence=POSITIONS["evidence"].where(POSITIONS["article_id"] != "a2", "Secretary of State Antony Blinken said González won."))
    usa = selection.actor_officials("USA", quotes, positions)
    assert usa.to_dict("records") == [{"official": "Antony Blinken", "role": "Secretary of State", "n_quotes": 2, "n_sentences": 1}]
    assert selection.actor_officials("RUS", quotes, positions).empty


@pytest.mark.parametrize("text, sentences_found", [
    ("The Carter Center said the election did not meet standards. Others disagreed.", ["The Carter Center said the election did not meet standards."]),
    ("A UN panel of experts found no transparency. The UN fact-finding mission documented abuses.", []),  # the Carter Center is not named
    ("President Carter visited the center.", []),  # near miss
])
def test_observer_findings_are_the_sentences_naming_the_body(text, sentences_found):
    articles = pd.DataFrame([{"article_id": "x", "title": "t", "outlet": "AP", "published": "2024-08-01", "text": text}])
    assert list(selection.observer_findings(articles, "carter-center")["sentence"]) == sentences_found


def test_observer_findings_for_the_un_bodies():
    articles = pd.DataFrame([{"article_id": "x", "title": "t", "outlet": "", "published": "", "text": "A UN panel of experts found no transparency. The UN Fact-Finding Mission documented abuses."}])
    assert list(selection.observer_findings(articles, "un-panel")["sentence"]) == ["A UN panel of experts found no transparency."]
    assert list(selection.observer_findings(articles, "un-ffm")["sentence"]) == ["The UN Fact-Finding Mission documented abuses."]


@pytest.mark.parametrize("ids", ["", "a1", "a1, a2, a3, a4, a5", "a1, a2, a3, a4, a5, a6, a7", ", ".join(f"x{i}" for i in range(1000))])
def test_first_of_a_listed_cell_is_joined_of_its_values(ids):
    assert selection.first_of(ids) == summaries.joined(ids.split(", "), ", ")


@pytest.mark.parametrize("rows,found", [
    (None, [0, 2, 3]),  # every row: the whole column looked through
    ([3, 2, 1, 0], [3, 2, 0]),  # most rows, in another order: that order kept
    ([1, 3], [3]),  # a few rows: only they are looked through
    ([1], []),  # a near miss: the one row does not match
])
def test_search_keeps_the_order_of_the_rows_it_is_given(rows, found):
    hay = summaries.haystack(pd.DataFrame({"quote": ["fair vote", "no", "a fair count", "fair"]}), ["quote"])
    assert list(selection.search_rows(hay, ["fair"], None if rows is None else np.array(rows))) == found


# The integer-coded forms must order and count exactly as the pandas calls they replace (ties, missing values, empty).
NAMES = pd.Series(["b", "a", None, "b", "c", "a", None, "a"], dtype="string")
DATES = pd.Series(["2024-08-02", "", "2024-07-30", None, "2024-08-02", "2024-07-30", "", "2024-08-02"], dtype="string")


@pytest.mark.parametrize("columns", [["name"], ["name", "published"], ["published", "name"], []])
@pytest.mark.parametrize("rows", [slice(None), slice(0, 0), slice(None, None, -1)])
def test_sorted_positions_is_a_stable_sort_values_with_missing_values_last(columns, rows):
    df = pd.DataFrame({"name": NAMES, "published": DATES}).iloc[rows]
    expected = df.reset_index(drop=True).sort_values(columns, kind="stable").index.to_numpy() if columns else np.arange(len(df))
    assert summaries.sorted_positions(df, columns).tolist() == expected.tolist()


@pytest.mark.parametrize("group, values, n_groups, expected", [
    ([0, 0, 1, 1, 1], ["x", "x", "x", "y", None], 2, [1, 2]),  # a value counts once per group; a missing one not at all
    ([1, -1, 1, 0], ["x", "y", "z", "z"], 3, [1, 2, 0]),  # a row of no group (-1) is not counted; an empty group is 0
    ([], [], 2, [0, 0]),
    ([0, 0], [None, None], 1, [0]),  # near miss: only missing values
])
def test_distinct_per_group_counts_as_nunique(group, values, n_groups, expected):
    got = summaries.distinct_per_group(np.array(group, dtype=np.int64), pd.Series(values, dtype="string"), n_groups)
    assert got.tolist() == expected
    if len(group):
        frame = pd.DataFrame({"g": group, "v": pd.Series(values, dtype="string")})
        counted = frame[frame["g"] >= 0].groupby("g")["v"].nunique().reindex(range(n_groups), fill_value=0)
        assert got.tolist() == counted.tolist()


def test_stance_support_counts_as_groupby_nunique():
    """stance_support's article and outlet counts are those of ``groupby(...).nunique()`` on the same rows."""
    support = selection.stance_support(POSITIONS)
    rows = summaries._with_outlet_name(POSITIONS)
    counted = rows.groupby(["actor_code", "stance"]).agg(n_articles=("article_id", "nunique"), n_outlets=("outlet_name", "nunique"))
    assert support.set_index(["actor_code", "stance"])[["n_articles", "n_outlets"]].sort_index().equals(counted.sort_index())


@pytest.mark.parametrize("positions", [[5], [39, 0, 17, 18, 2], [], list(range(40))[::-3]])
def test_take_is_iloc_over_arrow_chunks(positions):
    # A frame as read from several Parquet parts: Arrow text columns in chunks that do not line up, numbers, an index of its own.
    import pyarrow as pa

    text = pd.array(pa.chunked_array([[f"s{i}" for i in range(a, b)] for a, b in ((0, 7), (7, 25), (25, 40))]), dtype="string")
    other = pd.array(pa.chunked_array([[None if i % 4 == 0 else f"o{i}" for i in range(a, b)] for a, b in ((0, 20), (20, 21), (21, 40))]), dtype="string")
    df = pd.DataFrame({"text": text, "n": np.arange(40) * 2, "x": np.arange(40) / 3, "other": other}, index=np.arange(100, 140))
    taken = selection.take(df, np.array(positions, dtype=np.int64))
    pd.testing.assert_frame_equal(taken, df.iloc[positions])
