"""lib.summaries: the key-event timeline summarised from the events table, and the summary files a build writes."""
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app import selection
from lib import build, schema, store, summaries
from lib.extract import extract_article
from lib.paths import SEEDS


def event_rows(arts: pd.DataFrame) -> pd.DataFrame:
    """The events table of some articles, with their publication date, as lib.summaries.timeline gives it."""
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


# (published, sentence) -> where the protests are placed. Seen on the evaluation texts: a 2018 article's protest
# (f18, 20 May 2018) was the first 'Protests' of the timeline of the 2024 crisis, and an April 2024 rally another.
@pytest.mark.parametrize("published, sentence, placed", [
    ("2018-05-21", "Exiles protest the presidential elections on Sunday.", ("", "before")),  # of another time
    ("2024-04-12", "Supporters sang the anthem during a protest on April 6 in Bogota.", ("", "before")),  # before the vote
    ("2024-07-30", "Protests broke out on Monday.", ("2024-07-29", "sentence")),  # near miss: the day after the vote
    ("2024-07-28", "Protesters gathered outside polling stations.", ("2024-07-28", "publication")),  # election day itself
    ("2024-08-16", "Protests broke out over the result of the 28 July election.", ("2024-08-16", "publication")),  # the vote's day
    ("2018-05-21", "The election took place on July 28.", ("2024-07-28", "fixed")),  # a fixed event is on its day
])
def test_a_crisis_event_before_election_day_is_placed_on_no_day(published, sentence, placed):
    rows = summaries.event_days(event_rows(pd.DataFrame({"article_id": ["a"], "published": [published], "text": [sentence]})))
    rows = rows[rows["event"] != "election"] if len(rows) > 1 else rows  # "the 28 July election" reports the vote too
    assert len(rows) == 1 and tuple(rows[["event_date", "dated_by"]].iloc[0]) == placed
    assert rows["dated_by"].iloc[0] in selection.DATED_BY


def test_an_event_s_example_is_the_sentence_its_date_rests_on():
    arts = pd.DataFrame({
        "article_id": ["rally", "after", "later"],
        "published": ["2024-04-12", "2024-08-01", "2024-08-20"],
        "text": ["Supporters sang the anthem during a protest on April 6 in Bogota. The July 28 contest is near.",
                 "Protests broke out on Monday across Caracas.",
                 "The July 28 election was disputed."],
    })
    summary = summaries.event_timeline(summaries.event_days(event_rows(arts)), arts).set_index("event")
    # The earliest published article is April's: its rally is of another time, and it anticipates the election.
    assert summary.loc["protests", ["date", "first_article"]].tolist() == ["2024-07-29", "after"]
    assert summary.loc["protests", "evidence"].startswith("Protests broke out")
    assert summary.loc["election", ["date", "first_article"]].tolist() == ["2024-07-28", "later"]
    assert summary.loc["protests", "article_ids"] == "rally, after"  # every reporting article is still listed


def test_event_timeline_takes_dates_from_the_articles_table():
    rows = event_rows(pd.DataFrame({"article_id": ["a", "b"], "text": ["Sanctions.", "More sanctions."]}))
    summary = summaries.event_timeline(rows, pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-09-01", "2024-08-01"]}))
    assert summary.iloc[0]["date"] == "2024-08-01" and summary.iloc[0]["first_article"] == "b"


# ---------------------------------------------------------------- the summary files a build writes


@pytest.mark.parametrize("values, expected", [
    (["a", "b", "a"], "a, b"),  # duplicates once, in order
    (["x"], "x"),
    ([f"v{i}" for i in range(7)], "v0, v1, v2, v3, v4 (+2 more)"),  # past the limit, a count
])
def test_each_group_s_first_distinct_values_joined_are_joined_of_its_values(values, expected):
    group = np.array([0] * len(values) + [1])
    every = np.array([*values, "z"], dtype=object)
    shown, counts = summaries._distinct_first(group, pd.factorize(every)[0], 2)
    out = summaries._joined_first(every[shown], group[shown], counts, ", ")
    assert out[0] == expected == summaries.joined(values, ", ") and out[1] == "z"


@pytest.mark.parametrize("dtype", ["str", "string", "object", "int64"])
@pytest.mark.parametrize("positions", [[3, 0, 2, 4], [], [4, 4, 1]])
def test_values_at_takes_a_column_of_many_chunks_as_take_does(dtype, positions):
    """values_at gives Series.array.take's values and type, for a column of several Arrow chunks (taken chunk by chunk)."""
    values = ["a", "b", None, "c", "d"] if dtype != "int64" else [1, 2, 3, 4, 5]
    parts = [values[:3], [], values[3:]]  # an empty chunk between two
    column = pd.concat([pd.Series(part, dtype=dtype) for part in parts], ignore_index=True)
    positions = np.array(positions, dtype=np.int64)
    got, expected = summaries.values_at(column.array, positions), column.array.take(positions)
    assert got.dtype == expected.dtype and pd.Series(got).equals(pd.Series(expected))


def reference_positions(rows: pd.DataFrame, as_of=None, include_undated: bool = True) -> dict[str, dict]:
    """positions_as_of as its docstring words it, one actor and one row at a time: what the columnar code must give."""
    out = {}
    rows = rows.assign(published=rows["published"].fillna(""), title=rows["title"].fillna(""), outlet=summaries.outlet_names(rows["outlet"]))
    for actor, mine in rows.groupby("actor_code", sort=True):
        mine = mine[(mine["published"] != "") | include_undated]
        mine = mine[(mine["published"] == "") | (as_of is None) | (mine["published"] <= str(as_of))]
        reset = max((r.published for r in mine.itertuples() if r.reversal and r.published), default="")
        mine = mine[(reset == "") | (mine["published"] >= reset)]
        if mine.empty:
            continue
        strongest = {side: max(schema.STANCE_RANK[s] for s in mine["stance"] if schema.STANCE_SIDE[s] == side) for side in set(mine["stance"].map(schema.STANCE_SIDE))}
        backing = mine[[schema.STANCE_RANK[s] == strongest[schema.STANCE_SIDE[s]] for s in mine["stance"]]]
        backing = backing.assign(undated=backing["published"] == "").sort_values(["undated", "published", "article_id"], kind="stable")
        disputed = len(strongest) > 1
        shown = [f"[{r.stance}] {r.evidence}" if disputed else r.evidence for r in backing.itertuples()]
        held = set(backing["stance"])
        out[actor] = {
            "actor_name": backing["actor_name"].iloc[0],
            "stance": held.pop() if len(held) == 1 else summaries.DISPUTED,
            "stances": ", ".join(sorted(set(mine["stance"]), key=lambda s: (-schema.STANCE_RANK[s], schema.STANCES.index(s)))),
            "since": min((d for d in backing["published"] if d), default=""),
            "latest_published": max((d for d in mine["published"] if d), default=""),
            "reset_on": reset,
            "n_articles": mine["article_id"].nunique(),
            "n_dated": backing.loc[~backing["undated"], "article_id"].nunique(),
            "n_undated": backing.loc[backing["undated"], "article_id"].nunique(),
            "n_outlets": backing["outlet"].nunique(),
            "evidence": summaries.joined(shown, " | "),
            "article_id": summaries.joined(backing["article_id"], ", "),
            "title": summaries.joined(backing["title"], " | "),
            "outlet": summaries.joined(backing["outlet"], ", "),
        }
    return out


POSITION_VALUES = {
    "actor_code": st.sampled_from(["USA", "BRA", "RUS"]), "stance": st.sampled_from(schema.STANCES),
    "evidence": st.sampled_from(["e1", "e2", "e3", "e4", "e5", "e6", "e7"]), "article_id": st.sampled_from([f"a{i}" for i in range(9)]),
    "title": st.sampled_from(["t1", "t2", "", None]), "outlet": st.sampled_from(["Reuters", "AP", " ", "", None]),
    "published": st.sampled_from(["2024-07-29", "2024-08-01", "2024-08-02", "2025-01-10", "", None]), "reversal": st.sampled_from([0, 0, 0, 1]),
}
POSITION_ROW = st.fixed_dictionaries(POSITION_VALUES)


MANY_BACKING = [  # one actor backed by more sentences and articles than a list shows, dated and undated
    {**dict.fromkeys(POSITION_VALUES, ""), "actor_code": "USA", "stance": "recognizes_gonzalez", "evidence": f"e{i}", "article_id": f"a{i}",
     "published": "" if i % 3 else f"2024-08-0{i}", "reversal": 0}
    for i in range(1, 9)
]


@settings(max_examples=300, deadline=None)
@example(MANY_BACKING, None, True)
@example([*MANY_BACKING, {**MANY_BACKING[0], "stance": "recognizes_maduro"}], "2024-08-05", True)  # disputed: each sentence marked
@given(st.lists(POSITION_ROW, max_size=40), st.sampled_from([None, "2024-08-01", "2024-07-01"]), st.booleans())
def test_positions_as_of_is_what_its_docstring_says_actor_by_actor(rows, as_of, include_undated):
    """The columnar positions_as_of against a reference that reads each actor's rows one by one, on random rows: dated and
    undated, reversals, outlets missing or blank, a sentence backing two stances, more than JOIN_LIMIT of each list."""
    df = pd.DataFrame(rows, columns=list(POSITION_VALUES)).assign(actor_name=lambda d: d["actor_code"], actor_type="country")
    got = summaries.positions_as_of(df, as_of, include_undated)
    assert list(got.columns) == summaries.POSITION_COLUMNS
    expected = reference_positions(df, as_of, include_undated)
    assert got["actor_code"].tolist() == list(expected)
    for row in got.to_dict("records"):
        assert {k: row[k] for k in expected[row["actor_code"]]} == expected[row["actor_code"]]
        assert row["undated_only"] == (row["n_dated"] == 0)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("summaries")
    build.build([SEEDS], out)
    return store.current_build(out)


def test_a_build_writes_every_declared_summary_and_the_extracted_tables_none(seed_build):
    assert {p.stem for p in (seed_build / summaries.FOLDER).glob("*.parquet")} | set(summaries.MAPPED) == set(schema.SUMMARIES)
    assert all((seed_build / summaries.FOLDER / f"{name}.arrow").is_dir() for name in summaries.MAPPED)
    assert all(summaries.read(seed_build, name) is not None for name in schema.SUMMARIES)
    assert summaries.read(seed_build / store.EXTRACTED, "results_summary") is None  # the dashboard computes those


def test_the_built_summaries_are_what_the_dashboard_computes_unfiltered(seed_build):
    tables = store.load_tables(seed_build)
    positions = summaries.with_article_meta(tables["positions"], tables["articles"])
    built = selection.worded_positions(summaries.read(seed_build, "positions_as_of"))
    pd.testing.assert_frame_equal(built.astype(str), selection.positions_as_of(positions).astype(str))
    results = summaries.with_references(selection.with_words(summaries.with_article_meta(tables["results"], tables["articles"])))
    for name, computed in (("results_summary", summaries.results_summary(results)), ("published_claims", summaries.published_claims(results))):
        pd.testing.assert_frame_equal(summaries.read(seed_build, name).astype(str), computed.astype(str))
    crackdown = selection.with_words(summaries.with_article_meta(tables["crackdown"], tables["articles"]))
    latest = selection.with_words(summaries.read(seed_build, "latest_figures"))
    pd.testing.assert_frame_equal(latest.astype(str), selection.latest_figures(crackdown)[list(latest.columns)].astype(str))
    events = summaries.timeline(tables)
    pd.testing.assert_frame_equal(summaries.read(seed_build, "timeline_points").astype(str), summaries.timeline_points(events).astype(str))
    days = summaries.read(seed_build, "position_days")
    assert selection.publication_dates(days) == selection.publication_dates(positions) and days["n_articles"].sum() == positions["article_id"].nunique()
    counts = summaries.read(seed_build, "article_facts").set_index("article_id")
    assert list(counts.index) == list(tables["articles"]["article_id"])
    for name in summaries.FACT_COUNTS:
        assert counts[name].to_dict() == {a: int((tables[name]["article_id"] == a).sum()) for a in counts.index}
    index = summaries.aligned(summaries.read(seed_build, "quote_search"), tables["quotes"])
    assert list(index["haystack"]) == list(summaries.quote_search(tables["quotes"], tables["articles"]))
    assert len(tables["quotes"]) > 0


def test_a_per_row_summary_of_other_rows_is_not_used(seed_build):
    quotes = store.load_table(seed_build, "quotes")
    index = summaries.read(seed_build, "quote_search")
    assert summaries.aligned(index, quotes) is index
    assert summaries.aligned(index, quotes.iloc[::-1]) is None  # same rows, another order
    assert summaries.aligned(index.iloc[1:], quotes) is None and summaries.aligned(None, quotes) is None


def test_a_damaged_summary_is_computed_instead(seed_build, tmp_path):
    copy = tmp_path / "build"
    (copy / summaries.FOLDER).mkdir(parents=True)
    (copy / summaries.FOLDER / "results_summary.parquet").write_bytes(b"not parquet")
    assert summaries.read(copy, "results_summary") is None


def test_publication_days_count_each_article_once_and_the_undated_apart():
    rows = pd.DataFrame({"article_id": ["a", "a", "b", "c", "d", "d"], "published": ["2024-08-01", "2024-08-01", "2024-07-29", "2024-08-01", "", ""]})
    days = summaries.publication_days(rows)
    assert days.to_dict("list") == {"published": ["", "2024-07-29", "2024-08-01"], "n_articles": [1, 1, 2]}
    assert summaries.publication_days(rows.iloc[:0]).empty


def test_fact_counts_give_every_article_even_one_without_facts():
    tables = {"articles": pd.DataFrame({"article_id": ["a", "b"]}), "positions": pd.DataFrame({"article_id": ["b", "b"]}),
              **{name: pd.DataFrame({"article_id": pd.Series(dtype="string")}) for name in ("results", "crackdown", "quotes")}}
    assert summaries.fact_counts(tables).to_dict("list") == {"article_id": ["a", "b"], "positions": [0, 2], "results": [0, 0], "crackdown": [0, 0], "quotes": [0, 0]}


def _from_scratch(tables: dict, folder) -> dict:
    """Every summary as one computation over the whole tables gives it, through a Parquet file as the build stores it."""
    folder.mkdir()
    for name, df in summaries.compute(tables).items():
        df.reset_index(drop=True).to_parquet(folder / f"{name}.parquet", index=False)
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in schema.SUMMARIES}


def test_summaries_made_batch_by_batch_are_those_of_the_whole_tables(tmp_path, monkeypatch):
    """Per-row summaries are written per batch and linked with unchanged batches, the others made from the tables without
    their texts: after an article is added and another changed, every summary is what a computation over every row gives."""
    monkeypatch.setattr(store, "BATCH_SIZE", 4)  # 30 articles -> several batches
    corpus, out = tmp_path / "articles", tmp_path / "data"
    corpus.mkdir()
    for source in [*sorted(SEEDS.glob("*.txt")), *sorted((SEEDS.parent / "evaluation" / "dev").glob("d*.txt"))]:
        (corpus / source.name).write_bytes(source.read_bytes())
    build.build([corpus], out)
    before = {p.name: p.stat().st_ino for p in (store.current_build(out) / summaries.FOLDER / "quote_search.arrow").iterdir()}
    (corpus / "d01-added.txt").write_bytes((corpus / "d02.txt").read_bytes())
    changed = sorted(corpus.glob("d*.txt"))[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + '\n"We will not recognise these results," Colombia\'s president said on Monday.\n', encoding="utf-8")
    report = build.build([corpus], out)
    assert report["articles_extracted"] == 2
    folder = store.current_build(out)
    after = {p.name: p.stat().st_ino for p in (folder / summaries.FOLDER / "quote_search.arrow").iterdir()}
    assert len(after) > 3 and 0 < len(set(before.values()) & set(after.values())) <= len(after) - 2  # unchanged batches linked, not made
    expected = _from_scratch(store.load_tables(folder), tmp_path / "whole")
    build.build([corpus], tmp_path / "full", incremental=False)
    for name in schema.SUMMARIES:
        pd.testing.assert_frame_equal(summaries.read(folder, name), expected[name], obj=name)
        pd.testing.assert_frame_equal(summaries.read(store.current_build(tmp_path / "full"), name), expected[name], obj=name)
    assert all(len(expected[name]) for name in schema.SUMMARIES)  # every summary has rows to compare


def test_stored_parts_are_linked_with_what_each_build_made_apart_until_they_are_written_whole(tmp_path, monkeypatch):
    """A build links the build before's stored parts and writes the rows it made (and those made since) apart, until those
    and the rows dropped pass REWRITE_SHARE: then it writes them whole. Through adding, changing and removing articles,
    build after build, every summary is what a computation over every row gives."""
    monkeypatch.setattr(store, "BATCH_SIZE", 4)
    corpus, out = tmp_path / "articles", tmp_path / "data"
    corpus.mkdir()
    sources = [*sorted(SEEDS.glob("*.txt")), *sorted((SEEDS.parent / "evaluation" / "dev").glob("d*.txt"))]
    for source in sources:
        (corpus / source.name).write_bytes(source.read_bytes())
    build.build([corpus], out)
    first = summaries._stored(store.current_build(out), "positions_as_of").stat().st_ino  # its build folder is pruned later
    changes = [  # (the share, the change)
        (10, lambda: (corpus / "d99-added.txt").write_bytes(sources[-1].read_bytes().replace(b"the", b"The"))),  # the last batch
        (10, lambda: (corpus / "d03.txt").write_text((corpus / "d03.txt").read_text(encoding="utf-8") + "\nBrazil recognised Edmundo Gonzalez.\n", encoding="utf-8")),
        (10, lambda: (corpus / "d05.txt").unlink()),
        (0, lambda: (corpus / "d07.txt").unlink()),
    ]
    stored = []
    for step, (share, change) in enumerate(changes):
        monkeypatch.setattr(summaries, "REWRITE_SHARE", share)
        change()
        build.build([corpus], out)
        folder = store.current_build(out)
        expected = _from_scratch(store.load_tables(folder), tmp_path / f"whole-{step}")
        for name in schema.SUMMARIES:
            pd.testing.assert_frame_equal(summaries.read(folder, name), expected[name], obj=f"{name} after change {step}")
        since = summaries._stored(folder, "positions_as_of", "since")
        stored.append((summaries._stored(folder, "positions_as_of").stat().st_ino == first, since.exists()))
    assert stored == [(True, True)] * 3 + [(False, False)]  # linked from the first build three times over, then written whole


DAMAGES = {
    "numbers emptied": lambda numbers, since: numbers.write_bytes(b""),
    "numbers cut short": lambda numbers, since: numbers.write_bytes(numbers.read_bytes()[:60]),
    "numbers of too few batches": lambda numbers, since: np.save(numbers, np.zeros(1, dtype=np.int64)),
    "since emptied": lambda numbers, since: since.write_bytes(b""),
    "since gone": lambda numbers, since: since.unlink(),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_stored_parts_are_read_from_every_batch_s_part(tmp_path, monkeypatch, damage):
    """A build whose stored parts are linked, with their numbers or the rows made since damaged: the next build reads every
    batch's own part instead, and gets every batch's rows in corpus order."""
    name = "positions_as_of"
    monkeypatch.setattr(summaries, "REWRITE_SHARE", 0.5)

    def part(content):
        return pa.table({"v": pa.array([f"{content}-{i}" for i in range(3)], type=pa.string())})

    def build_parts(folder, contents, before=None, before_contents=()):
        where = summaries._part_folder(folder, name)
        where.mkdir(parents=True)
        for batch, content in enumerate(contents):
            pq.write_table(part(content), where / f"batch-{batch:05d}.parquet")
        linked = [(before, before_contents.index(c)) if c in before_contents else None for c in contents]
        return summaries._all_parts(folder, name, linked)

    build_parts(tmp_path / "b0", [1, 2, 3, 4])
    build_parts(tmp_path / "b1", [1, 2, 3, 5], tmp_path / "b0", [1, 2, 3, 4])  # linked, batch 5 written apart
    numbers, since = summaries._stored(tmp_path / "b1", name, "numbers"), summaries._stored(tmp_path / "b1", name, "since")
    assert numbers.exists() and since.exists()
    DAMAGES[damage](numbers, since)
    got = build_parts(tmp_path / "b2", [1, 2, 3, 5, 6], tmp_path / "b1", [1, 2, 3, 5])
    assert got.equals(pa.concat_tables([part(c) for c in [1, 2, 3, 5, 6]]))


def test_a_summary_declared_without_parts_is_computed_from_the_whole_tables(tmp_path, monkeypatch):
    """A summary added to lib.schema.SUMMARIES and lib.summaries.compute, with no entry in PARTS yet, is still built."""
    monkeypatch.delitem(summaries.PARTS, "key_events")
    out = tmp_path / "data"
    build.build([SEEDS], out)
    folder = store.current_build(out)
    assert not (folder / summaries.FOLDER / summaries.PARTIAL / "key_events").exists()
    expected = _from_scratch(store.load_tables(folder), tmp_path / "whole")["key_events"]
    pd.testing.assert_frame_equal(summaries.read(folder, "key_events"), expected)
    assert len(expected)


# Key-event rows as lib.summaries.timeline gives them, in corpus order, each with the batch its article sits in:
# (batch, article_id, event, published, event_date, dated_by, evidence).
PARTED_EVENTS = {
    "an event on one day in two batches: the lower article id, in the later batch, is its example": [
        (0, "b2", "protests", "2024-08-01", "2024-08-01", "publication", "Protesters filled the streets."),
        (0, "b3", "protests", "2024-08-01", "2024-08-01", "publication", "Crowds marched in Caracas."),
        (1, "a1", "protests", "2024-08-01", "2024-08-01", "publication", "Thousands protested on Thursday."),
        (1, "a4", "protests", "2024-08-02", "2024-08-01", "sentence", "Protesters filled the streets."),
    ],
    "a fixed event: articles before its day anticipate it, the first one after, not the first of its batch, is its example": [
        (0, "x1", "inauguration", "2024-12-01", "2025-01-10", "fixed", "Maduro will be sworn in."),
        (0, "x2", "inauguration", "", "2025-01-10", "fixed", "The inauguration is due in January."),
        (1, "y0", "inauguration", "2024-11-20", "2025-01-10", "fixed", "The inauguration will be on 10 January."),
        (1, "y1", "inauguration", "2025-01-11", "2025-01-10", "fixed", "Maduro was sworn in on Friday."),
        (1, "y2", "inauguration", "2025-01-12", "2025-01-10", "fixed", "The swearing-in drew few leaders."),
    ],
    "undated rows first in a batch, dated ones in another; an event no row places": [
        (0, "u1", "arrests", "", "", "undated", "Opposition leaders were arrested."),
        (0, "u2", "detention", "", "", "undated", "A journalist was detained."),
        (1, "d1", "arrests", "2024-08-05", "2024-08-03", "sentence", "Police arrested activists on Saturday."),
        (2, "d2", "arrests", "2024-08-04", "2024-08-04", "publication", "More arrests were reported."),
    ],
    "near miss: the earliest published row is not the one whose sentence dates the event earliest": [
        (0, "m1", "sanctions", "2024-09-01", "2024-08-30", "sentence", "Sanctions were announced on Friday."),
        (1, "m0", "sanctions", "2024-09-01", "2024-08-29", "sentence", "Washington imposed sanctions on Thursday."),
        (1, "m2", "sanctions", "2024-08-31", "2024-08-31", "publication", "New sanctions followed."),
    ],
    "more articles on one day than a point lists, over three batches": [
        (batch, f"p{i:02d}", "protests", "2024-08-01", "2024-08-01", "publication", f"Protest report {i % 3}.")
        for batch, i in ((0, 7), (0, 3), (0, 9), (1, 1), (1, 8), (1, 2), (1, 5), (2, 4), (2, 6), (2, 0))
    ],
}


@pytest.mark.parametrize("name", ["key_events", "timeline_points"])
@pytest.mark.parametrize("case", PARTED_EVENTS)
def test_a_key_event_summary_combined_from_batch_parts_is_that_of_every_row(name, case):
    """What each batch stores for the key events and the timeline points, combined at publish, is what every row gives,
    though a batch carries the label and sentence of only the rows that can be shown."""
    columns = ["batch", "article_id", "event", "published", "event_date", "dated_by", "evidence"]
    rows = pd.DataFrame(PARTED_EVENTS[case], columns=columns).assign(label=lambda df: "Label of " + df["event"])
    make, combine = summaries.PARTS[name]
    parts = pd.concat([make({"timeline": batch.drop(columns="batch")}) for _, batch in rows.groupby("batch", sort=True)], ignore_index=True)
    every = rows.drop(columns="batch")
    whole = summaries.event_timeline(every, every[["article_id"]].iloc[:0]) if name == "key_events" else summaries.timeline_points(every)
    pd.testing.assert_frame_equal(combine(parts), whole)
    shown = 2 * len(rows[["batch", "event"]].drop_duplicates())  # at most an event's first row and the one dating it, per batch
    assert len(whole) and ((parts["evidence"] == "").any() or len(rows) <= shown)  # sentences left out where there are more rows
