"""The first rows the build keeps of each table listing (lib.summaries.LISTINGS) are what the pages pick from every row.

Built in several batches and with few rows kept per listing, so that combining the batches' parts is what is tested.
"""
import numpy as np
import pandas as pd
import pytest

from app import cached, selection
from lib import build, schema, store, summaries
from lib.paths import SEEDS

HEAD = 7  # rows kept per listing here: fewer than each listing has, so the heads are cut


@pytest.fixture(scope="module")
def small_heads_build(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "BATCH_SIZE", 4)  # several batches
        patch.setattr(summaries, "HEAD_ROWS", HEAD)
        corpus, out = tmp_path_factory.mktemp("corpus"), tmp_path_factory.mktemp("data")
        for source in [*sorted(SEEDS.glob("*.txt")), *sorted((SEEDS.parent / "evaluation" / "dev").glob("d*.txt"))]:
            (corpus / source.name).write_bytes(source.read_bytes())
        build.build([corpus], out)
        folder = store.current_build(out)
        yield folder, store.load_tables(folder)


def page_rows(tables: dict, view: str, part: str | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """A view as the dashboard makes it, and the positions its table lists unfiltered, as app.cached picks them from every row."""
    frame = cached.VIEWS[view](tables)
    order = cached.ORDERS[view](frame) if view in cached.ORDERS else np.arange(len(frame))
    kept = order[summaries.article_rows(tables["articles"], frame)[order] >= 0]
    if part is not None:
        kept = kept[cached.RESULT_PARTS[part](frame).to_numpy(dtype=bool, na_value=False)[kept]]
        return frame, summaries.value_rows(frame, "kind", (), kept) if part == "presidential" else kept
    return frame, summaries.by_date(frame, kept, True) if view == "quotes" else kept  # the Quotes page's default order; positions' own


def test_the_heads_are_the_first_rows_the_pages_list(small_heads_build):
    folder, tables = small_heads_build
    heads = {name: summaries.read(folder, name) for name in summaries.HEADS.values()}
    sizes = summaries.read(folder, "listing_sizes").set_index("listing")["n_rows"]
    wanted = {"results_presidential": ("results", "presidential"), "results_other_contests": ("results", "other_contests"),
              "results_not_results": ("results", "not_results"), "quotes": ("quotes", None), "positions": ("positions", None)}
    assert set(wanted) == set(summaries.LISTINGS) and cached.FIGURE_LISTINGS == {part: name for name, (_, part) in wanted.items() if part}
    cut = []
    for listing, (view, part) in wanted.items():
        frame, rows = page_rows(tables, view, part)
        head = heads[summaries.HEADS[view]]
        head = head[head["listing"] == listing].drop(columns="listing").reset_index(drop=True)
        assert sizes[listing] == len(rows) > 0, listing
        first = frame.iloc[rows[:HEAD]].reset_index(drop=True)
        if view in summaries.HEAD_ADDED:  # what the page would add to the rows it picked: the quotes' sentences
            first = summaries.HEAD_ADDED[view][1](first, tables["articles"])
        pd.testing.assert_frame_equal(head, first, obj=listing)
        cut += [listing] * (len(rows) > HEAD)
    assert {"results_presidential", "quotes", "positions"} <= set(cut)  # cut heads, from batches of more rows than they keep


def test_the_stance_support_is_what_the_page_counts_from_every_position(small_heads_build):
    folder, tables = small_heads_build
    frame, rows = page_rows(tables, "positions")
    built = selection.worded_support(summaries.read(folder, "position_support"))
    pd.testing.assert_frame_equal(built, selection.stance_support(frame[summaries.SUPPORT_INPUT].iloc[rows]))
    assert len(built) > 3


def test_the_quote_speakers_are_the_quotes_options(small_heads_build):
    folder, tables = small_heads_build
    built = summaries.read(folder, "quote_speakers")
    for column in ("speaker", "speaker_country"):
        assert sorted(set(built[column]) - {""}) == sorted(set(tables["quotes"][column].dropna().unique()) - {""})
    assert len(built) == len(tables["quotes"][["speaker", "speaker_country"]].drop_duplicates())


def test_every_listing_has_its_heads_declared():
    assert {table for table, _ in summaries.LISTINGS.values()} == set(summaries.HEADS)
    for table, name in summaries.HEADS.items():
        meta = summaries.LISTED_META.get(table, ["article_id", "published"])[1:]
        added = [summaries.HEAD_ADDED[table][0]] if table in summaries.HEAD_ADDED else []
        assert list(schema.SUMMARIES[name].column_names) == ["listing", *schema.TABLES[table].column_names, *meta, *added]


def test_the_quotes_first_rows_carry_the_sentences_the_page_would_cut(small_heads_build):
    folder, tables = small_heads_build
    head = summaries.read(folder, "quote_heads")
    cut = summaries.with_sentences(head.drop(columns="sentence"), tables["articles"])["sentence"]
    pd.testing.assert_series_equal(head["sentence"], cut)
    assert head["sentence"].str.len().gt(0).all() and (head["sentence"] != head["quote"]).any()  # sentences, not the quotes again


@pytest.mark.parametrize("picked", [[0], [-1], [0, -1], [1, 2, -2]], ids=["first", "last", "first and last", "three"])
def test_the_rows_of_some_articles_are_read_from_their_batches_alone(small_heads_build, picked):
    folder, tables = small_heads_build
    ids = tables["articles"]["article_id"].iloc[picked].tolist()
    assert len(store.read_parts(folder)) > 2  # several batches, the articles asked for in some of them
    for name, columns in (("quotes", ("article_id", "start", "speaker")), ("articles", ("article_id", "text"))):
        expected = tables[name].loc[tables[name]["article_id"].isin(ids), list(columns)].reset_index(drop=True)
        pd.testing.assert_frame_equal(store.read_rows(folder, name, columns, ids), expected, check_dtype=False, obj=name)
    near_miss = ids[0][:-1]  # a prefix of an article id is no article
    assert store.read_rows(folder, "quotes", ("article_id",), [near_miss]).empty


@pytest.mark.parametrize("positions", [[], [0], [-1], [5, 0, -1, 5], "every", "every reversed"],
                         ids=["none", "first", "last", "out of order, twice", "every", "every reversed"])
def test_the_rows_at_some_positions_are_read_from_their_parts_alone(small_heads_build, positions):
    folder, tables = small_heads_build
    quotes, sizes = tables["quotes"], store.part_sizes(folder, "quotes")
    assert len(sizes) > 2 and sizes.sum() == len(quotes)
    every = np.arange(len(quotes))
    at = every if positions == "every" else every[::-1] if positions == "every reversed" else every[np.array(positions, dtype=np.int64)]
    pd.testing.assert_frame_equal(store.read_at(folder, "quotes", at, sizes), selection.take(quotes, at))


def test_rows_past_the_table_are_refused(small_heads_build):
    folder, tables = small_heads_build
    with pytest.raises(IndexError, match="outside"):
        store.read_at(folder, "quotes", [len(tables["quotes"])], store.part_sizes(folder, "quotes"))


def test_the_search_index_picks_the_rows_the_view_would(small_heads_build):
    # What a search picks and orders rows by (app.cached.SEARCH_INDEX) is the view's own columns, row for row.
    folder, tables = small_heads_build
    for name, (summary, columns) in cached.SEARCH_INDEX.items():
        index, whole = summaries.read(folder, summary), cached.VIEWS[name](tables)
        assert index["row_id"].tolist() == whole["row_id"].tolist()
        pd.testing.assert_frame_equal(index[columns], whole[columns], check_dtype=False)


def test_rows_shown_are_the_rows_the_search_index_found(small_heads_build, monkeypatch):
    folder, tables = small_heads_build
    at = np.array([3, 0, 1])
    shown = cached._at(str(folder), "quotes", at)
    pd.testing.assert_frame_equal(shown, selection.take(cached.VIEWS["quotes"](tables), at))
    index = summaries.read(folder, "quote_search")
    monkeypatch.setattr(cached, "_search_index", lambda *_: index.iloc[::-1].reset_index(drop=True))  # another build's rows, say
    with pytest.raises(store.DataError, match="not row for row"):
        cached._at(str(folder), "quotes", at)
