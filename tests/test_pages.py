"""Every dashboard page through Streamlit's AppTest, on the seed tables and on an empty corpus.

Each test builds its own tables into a tmp folder (``VENEZUELA_DATA``) and
clears Streamlit's caches first, so no test sees another's build. Downloads are
checked by capturing what Streamlit keeps for each download button: the bytes,
or the callable that makes them when the button is clicked.
"""
import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import store, summaries
from app import geo, selection, style
from apptest import app, built_tables, check_downloads, clear_caches, figure, file_id, map_locations, open_page, open_tab

PAGES = [script for script, *_ in __import__("app.components", fromlist=["PAGES"]).PAGES]


@pytest.mark.parametrize("corpus", ["seeds", "empty", "every_article"])
def test_every_page_runs_without_exception(corpus, request, downloads):
    data_dir = request.getfixturevalue(corpus)
    at = app()
    at.run()
    assert not at.exception
    for page in PAGES:
        open_page(at, page)
        assert at.title and at.title[0].value.strip(), page
        check_downloads(at, downloads)
    assert (data_dir / "current").exists()
    if corpus == "empty":
        assert built_tables(data_dir)["articles"].empty


def test_map_carries_the_positions_table(seeds, downloads):
    at = open_page(app().run(), "app_pages/world_map.py")
    tables = built_tables(seeds)
    positions = summaries.with_article_meta(tables["positions"], tables["articles"])
    expected = selection.positions_as_of(positions)  # default filters: everything, latest date
    countries = expected[expected["actor_type"] == "country"]
    fig = figure(at, "stance_map")
    shown = map_locations(fig)
    drawable = countries[~countries["actor_code"].isin(geo.unmappable(countries["actor_code"]))]
    assert shown == {(c, style.stance_label(s)) for c, s in zip(drawable["actor_code"], drawable["stance"])}
    colours = {t["name"]: t["colorscale"][0][1] for t in fig["data"] if t.get("type") == "choropleth"}
    assert colours == {style.stance_label(s): style.STANCE_COLOURS[s] for s in set(countries["stance"]) if style.stance_label(s) in colours}
    # the per-actor table and its download hold every actor (the Table tab's content is made when it is open)
    assert not check_downloads(at, downloads)
    rows = check_downloads(open_tab(at, "view", "Table"), downloads)
    assert rows["download_positions_as_of"] == len(expected)
    assert rows["download_positions"] == len(positions)


def test_the_us_recognises_gonzalez_on_the_map_and_the_overview(seeds):
    """Seed 002 (1 August 2024) reports the recognition; later seed articles' weaker mentions do not undo it."""
    at = open_page(app().run(), "app_pages/world_map.py")
    assert ("USA", style.stance_label("recognizes_gonzalez")) in map_locations(figure(at, "stance_map"))
    at = open_page(at, "app_pages/overview.py")
    bars = next(h.proto.body for h in at.get("html") if "vz-stance-bars" in h.proto.body)
    rows = dict(row.split('"', 1) for row in bars.split('<div data-stance="')[1:])  # stance -> its row's markup
    assert "United States" in rows["recognizes_gonzalez"]
    assert not any("United States" in row for stance, row in rows.items() if stance != "recognizes_gonzalez")


def test_actor_profile_has_its_own_url(seeds, downloads):
    at = app().run()
    at.switch_page("app_pages/actor.py")
    at.query_params["actor"] = "USA"
    at.run()
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["United States"]
    steps = figure(at, "stance_steps")
    assert "United States" in steps["layout"]["title"]["text"]
    assert steps["data"][0]["line"]["shape"] == "hv" and style.stance_label("recognizes_gonzalez") in steps["data"][0]["y"]
    tables = built_tables(seeds)
    assert check_downloads(at, downloads)["download_history_USA"] == int((tables["positions"]["actor_code"] == "USA").sum())
    assert any("United States: Recognises González" in h.proto.body for h in at.get("html"))
    # choosing another actor rewrites the URL; an observer body gets its findings
    at.sidebar.selectbox(key="actor").set_value("carter-center").run()
    assert at.query_params["actor"] == "carter-center"
    assert [t.value for t in at.title] == ["Carter Center"]
    assert "download_findings_carter-center" in check_downloads(at, downloads)
    at.sidebar.selectbox(key="actor").set_value("EP").run()
    assert [t.value for t in at.title] == ["European Parliament"] and not at.exception


def test_map_filters_by_stance_through_the_url(seeds, downloads):
    at = app()
    at.query_params["stance"] = style.stance_label("rejects_result")  # the URL holds what the user reads
    at.run()
    assert at.session_state["stance"] == ["rejects_result"]
    open_tab(open_page(at, "app_pages/world_map.py"), "view", "Table")
    tables = built_tables(seeds)
    expected = selection.positions_as_of(summaries.with_article_meta(tables["positions"], tables["articles"]))
    expected = expected[expected["stance"] == "rejects_result"]
    assert check_downloads(at, downloads)["download_positions_as_of"] == len(expected)
    # the filter survives switching pages
    open_page(at, "app_pages/quotes.py")
    assert at.session_state["stance"] == ["rejects_result"]
    assert at.multiselect(key="stance").value == ["rejects_result"]


def test_quote_search_narrows_the_list(seeds, downloads):
    at = open_page(app().run(), "app_pages/quotes.py")
    assert not check_downloads(at, downloads)  # the table of every match is made when its expander is opened
    at.session_state["quote_table"] = True
    at.run()
    quotes = built_tables(seeds)["quotes"]
    before = check_downloads(at, downloads)["download_quotes"]
    assert before == len(quotes)
    assert not quotes.empty  # the seeds hold quotes: the search below must narrow a real list
    word = quotes.iloc[0]["quote"].split()[0]
    at.text_input(key="q").input(word).run()
    assert not at.exception
    after = check_downloads(at, downloads)["download_quotes"]
    assert 0 < after <= before
    assert any(f"{after} of {before} quotes match" in m.value for m in at.markdown)
    at.text_input(key="q").input("zzzz-no-such-word").run()
    assert check_downloads(at, downloads)["download_quotes"] == 0
    assert any(f"0 of {before} quotes match" in m.value for m in at.markdown)


def test_results_table_download_follows_the_kind_filter(seeds, downloads):
    at = open_page(app().run(), "app_pages/results.py")
    at.session_state["other_contests"] = at.session_state["not_results"] = True  # tables made when their expander is open
    at.run()
    results = built_tables(seeds)["results"]
    presidential = summaries.presidential_results(results)
    counts = check_downloads(at, downloads)
    # Every figure is in exactly one of the three tables: the 2024 results, other contests, numbers that are no result.
    assert counts["download_results"] == len(presidential) and len(presidential) < len(results)
    assert counts["download_results"] + counts["download_results_other_contests"] + counts["download_results_not_results"] == len(results)
    at.multiselect(key="kind").set_value(["vote_share_pct"]).run()
    assert check_downloads(at, downloads)["download_results"] == int((presidential["kind"] == "vote_share_pct").sum())


def metrics(at: AppTest) -> dict[str, str]:
    """Label -> value of every metric; of several with one label (each card's 'Nicolás Maduro'), the first (the CNE's card)."""
    out: dict[str, str] = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def test_seed_headlines_are_the_figures_a_journalist_would_quote(seeds, downloads):
    """On the seeds: the CNE's 51.2% (its first bulletin, the most precise CNE share), never the rounded 52%;
    the opposition's own tally-sheet coverage; a 2023 primary's 93% is no bar of the 2024 vote."""
    at = open_page(app().run(), "app_pages/results.py")
    assert not at.exception
    cards = metrics(at)
    assert cards["Nicolás Maduro"] == "51.2%"
    assert "83.5%" in [m.value for m in at.metric]  # the opposition's card: its own 83.5% of the minutes
    assert not any("70%" in m.value for m in at.metric)  # the Carter Center's estimate is not the opposition's figure
    shares = figure(at, "vote_shares")
    assert all("Other" not in str(x) for t in shares["data"] for x in t["x"]) and all(93 not in t["y"] for t in shares["data"])
    assert any(t["name"] == "the CNE's first bulletin" for t in shares["data"])
    assert figure(at, "coverage")["layout"]["yaxis"]["title"]["text"] == "% of tally sheets"
    at = open_page(at, "app_pages/overview.py")
    cards = metrics(at)
    assert cards["Nicolás Maduro"] == "51.2%"
    killed = next(label for label in cards if label.startswith("People killed"))
    assert killed == "People killed: unattributed" and cards[killed] == "about 20"  # the seeds' only death toll names no source
    detained = next(label for label in cards if label.startswith("People detained"))
    assert detained == "People detained: unattributed" and cards[detained] == "more than 2,400"


def test_crackdown_says_when_there_is_nothing_to_follow_over_time(seeds, downloads):
    at = open_page(app().run(), "app_pages/crackdown.py")
    assert not at.exception
    assert any("Fewer than two dated" in i.value for i in at.info)
    bars = figure(at, "crackdown_latest")
    assert all(ax.get("type", "linear") == "linear" for name, ax in bars["layout"].items() if name.startswith("xaxis"))


def test_timeline_places_events_on_the_days_they_happened(seeds, downloads):
    at = open_page(app().run(), "app_pages/sources.py")
    points = figure(at, "timeline")
    days = {(y, x) for t in points["data"] for x, y in zip(t["x"], t["y"])}
    assert ("Election day (28 July 2024)", "2024-07-28") in days
    assert {x for y, x in days if y.startswith("Maduro's inauguration")} == {"2025-01-10"}


def test_outlet_filter_applies_everywhere(seeds, downloads):
    at = app().run()
    articles = built_tables(seeds)["articles"]
    outlet = selection.outlets(articles)[0]
    at.multiselect(key="outlet").set_value([outlet]).run()
    at = open_page(at, "app_pages/sources.py")
    expected = int((articles["outlet"].map(summaries.outlet_name) == outlet).sum())
    assert check_downloads(at, downloads)["download_articles"] == expected


def test_a_damaged_build_is_rebuilt_with_a_message(seeds, downloads):
    at = app().run()
    current = store.current_build(seeds)
    store.part_files(current, "positions")[0].write_bytes(b"not a parquet file")
    clear_caches()
    at = app().run()
    assert not at.exception
    assert any("damaged" in w.value for w in at.warning)
    assert store.current_build(seeds) != current
    store.load_tables(store.current_build(seeds))


def test_sources_page_offers_the_bundle_and_the_reader(seeds, downloads):
    at = open_page(app().run(), "app_pages/sources.py")
    tables = built_tables(seeds)
    labels = [b.proto.label for b in at.download_button]
    assert any("zip" in label for label in labels)
    bundle = next(downloads[file_id(b)] for b in at.download_button if "zip" in b.proto.label)
    import zipfile

    names = set(zipfile.ZipFile(io.BytesIO(bundle)).namelist())
    assert {"datapackage.json", "README.txt", "articles.csv", "positions.csv", "quotes.csv"} <= names
    readme = zipfile.ZipFile(io.BytesIO(bundle)).read("README.txt").decode()
    assert "evidence (string)" in readme and "HOW TO CITE" in readme
    # the reader shows the chosen article, escaped
    chosen = at.selectbox(key="read").value
    assert chosen == tables["articles"].iloc[0]["article_id"]
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark" in html  # the first seed has extracted facts, highlighted in its text


def test_method_panel_shows_untouched_scores_first_and_labels_the_upper_bound(seeds, downloads):
    at = open_page(app().run(), "app_pages/sources.py")
    labels = [b.proto.id.split("-", 2)[-1] for b in at.download_button]
    assert labels.index("download_method_scores_heldout") < labels.index("download_method_scores_tuned")
    heldout = next(downloads[file_id(b)] for b in at.download_button if b.proto.id.endswith("download_method_scores_heldout"))
    shown = pd.read_csv(io.BytesIO(heldout))
    assert set(shown["data"]) == {"dev2a held-out half (untouched)", "dev2b held-out half (untouched)",
                                  "invented held-out half (untouched; invented articles, not news)"}
    text = " ".join(m.value for m in at.markdown)
    assert "upper bounds" in text and "Caveats" in text
    # kept in the data folder for the next server process: per code and gold, and per build
    assert sorted(p.name.split("-")[0] for p in (seeds / "scores").iterdir()) == ["method", "reviewed"]


@pytest.mark.parametrize("text", ["[click](javascript:alert(1))", "**bold** _it_ `code`", ":red[x] $x$ #", "<b>x</b> a\\b"])
def test_article_text_in_markdown_is_escaped(text):
    from app.components import plain

    escaped = plain(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # shown as written
    assert not re.search(r"(?<!\\)[\[\]()*_`:$#<>]", escaped.replace("\\\\", ""))  # no mark left to interpret


@pytest.mark.parametrize("page, state", [("app_pages/results.py", {"other_contests": True, "not_results": True}),
                                         ("app_pages/quotes.py", {"quote_table": True}), ("app_pages/world_map.py", {"view": "Table"})])
def test_unfiltered_tables_from_the_build_are_those_picked_from_every_row(page, state, seeds, monkeypatch):
    """Results, Quotes and the World positions' Table tab list their first rows from the build's heads (lib.summaries.LISTINGS)
    when no filter is set, and the tab its stance counts from the build: the same tables, cards and counts as when they
    pick them from every row of the view."""
    def shown(at):
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception
        return [df.value.to_csv(index=False) for df in at.dataframe], [m.value for m in at.markdown]  # the index is hidden
    from app import cached

    from_build = shown(open_page(app().run(), page))
    clear_caches()
    monkeypatch.setattr(cached, "_listing_sizes", lambda folder: None)  # no heads: every row read and picked
    monkeypatch.setattr(cached, "DISTINCT", {})
    monkeypatch.setattr(cached, "_every_position", lambda *args: False)
    assert shown(open_page(app().run(), page)) == from_build
    assert any(len(t.splitlines()) > 2 for t in from_build[0])  # tables with rows compared
