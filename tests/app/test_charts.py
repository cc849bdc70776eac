"""app.charts on small hand-built frames: traces carry the expected locations, colours, values and labels."""
import pandas as pd
import plotly.graph_objects as go

from app import charts, selection, style
from lib import summaries
from app.style import STANCE_COLOURS
from sample_frames import CRACKDOWN, POSITIONS, figures, pos


def trace_colour(trace) -> str:
    """The single colour of a choropleth trace (constant colorscale) or a bar/scatter trace."""
    if trace.type == "choropleth":
        scale = {c for _, c in trace.colorscale}
        assert len(scale) == 1, scale
        return scale.pop().lower()
    colour = trace.marker.color
    return (colour if isinstance(colour, str) else colour[0]).lower()


def is_empty(fig: go.Figure) -> bool:
    return not fig.data and any("Nothing" in a.text or "No " in a.text for a in fig.layout.annotations)


def test_stance_map_one_trace_per_stance_with_countries_only():
    rows = pd.concat([POSITIONS, pos([("a6", "2024-08-06", "AP", "BRA", "recognizes_maduro")])])  # BRA now on both sides
    as_of = selection.positions_as_of(rows)
    fig = charts.stance_map(as_of)
    traces = [t for t in fig.data if t.type == "choropleth" and t.locations is not None and len(t.locations)]
    by_name = {t.name: t for t in traces}
    assert set(by_name) == {style.stance_label(s) for s in ("recognizes_gonzalez", "disputed", "recognizes_maduro")}
    assert list(by_name["Disputed: sources disagree"].locations) == ["BRA"]
    assert list(by_name["Recognises González as winner"].locations) == ["USA"]
    for stance in ("recognizes_gonzalez", "disputed", "recognizes_maduro"):
        trace = by_name[style.stance_label(stance)]
        assert trace_colour(trace) == STANCE_COLOURS[stance].lower()
        assert trace.showlegend is not False
        assert list(trace.customdata) == list(trace.locations)  # a click reads the country's code from the point
    assert "EU" not in {loc for t in traces for loc in t.locations}  # organisations are listed beside the map
    hover = " ".join(by_name["Disputed: sources disagree"].hovertext)
    # both sides with their evidence, and what backs the colour
    assert "Brazil" in hover and "[Rejects the announced result] BRA rejects_result in a3." in hover and "BRA recognizes_maduro in a6." in hover
    assert "backed by 2 dated article(s) since 2024-08-05" in hover
    assert "rests on undated articles only" in " ".join(by_name["Recognises Maduro as winner"].hovertext)


def test_a_map_as_of_an_earlier_date_fades_the_colours_resting_on_undated_articles():
    as_of = selection.positions_as_of(POSITIONS)
    undated = set(as_of.loc[as_of["undated_only"].astype(bool) & (as_of["actor_type"] == "country"), "actor_code"])
    assert undated  # the sample has a country whose colour rests on undated articles only
    latest = charts.stance_map(as_of)
    assert all(t.marker.opacity in (None, 1) and "undated" not in t.name for t in latest.data if t.locations is not None and len(t.locations))
    earlier = charts.stance_map(as_of, earlier=True)
    faded = [t for t in earlier.data if t.name.endswith(" (undated articles only)")]
    assert {c for t in faded for c in t.locations} == undated and {t.marker.opacity for t in faded} == {charts.UNDATED_OPACITY}
    # The dated colours are drawn as at the latest date.
    solid = lambda fig: {(c, t.name) for t in fig.data if t.locations is not None and not t.name.endswith("only)") for c in t.locations}
    assert solid(earlier) == {(c, n) for c, n in solid(latest) if c not in undated}


def test_stance_steps_draw_the_position_in_force_and_each_article():
    rows = pos([("a1", "2024-08-01", "AP", "USA", "recognizes_gonzalez"), ("a2", "2024-08-24", "AP", "USA", "rejects_result"), ("a3", "", "", "USA", "demands_transparency")])
    fig = charts.stance_steps(selection.actor_history(rows, "USA"), "United States")
    line = fig.data[0]
    assert line.line.shape == "hv" and list(line.y) == ["Recognises González as winner"] * 2
    markers = {t.name: t for t in fig.data[1:]}
    assert set(markers) == {"Recognises González as winner", "Rejects the announced result"}  # the undated article is not placed
    assert trace_colour(markers["Rejects the announced result"]) == STANCE_COLOURS["rejects_result"].lower()
    assert "USA rejects_result in a2." in markers["Rejects the announced result"].customdata[0]
    assert "United States" in fig.layout.title.text
    assert is_empty(charts.stance_steps(selection.actor_history(rows.iloc[2:], "USA")))


def test_stance_map_escapes_hover_text_and_draws_on_empty():
    as_of = selection.positions_as_of(POSITIONS)
    as_of.loc[as_of["actor_code"] == "USA", "evidence"] = "<b>bold</b>"
    fig = charts.stance_map(as_of)
    assert "&lt;b&gt;bold&lt;/b&gt;" in " ".join(h for t in fig.data if t.hovertext is not None for h in t.hovertext)
    empty = charts.stance_map(selection.positions_as_of(POSITIONS.iloc[0:0]))
    assert isinstance(empty, go.Figure)
    assert not any(t.locations is not None and len(t.locations) and t.name in style.STANCE_LABELS.values() for t in empty.data)


def test_stance_count_bars():
    fig = charts.stance_count_bars(selection.stance_counts(selection.positions_as_of(POSITIONS)))
    countries = next(t for t in fig.data if t.name == "countries")
    counts = dict(zip(countries.y, countries.x))
    assert counts["Rejects the announced result"] == 1 and counts["Recognises Maduro as winner"] == 1
    assert list(countries.marker.color) == [STANCE_COLOURS[s] for s in style.STANCE_ORDER]
    assert is_empty(charts.stance_count_bars(selection.stance_counts(selection.positions_as_of(POSITIONS.iloc[0:0]))))


RESULTS = figures([
    ("a1", "2024-07-29", "vote_share_pct", 51.2, "", "Nicolás Maduro", "CNE"),
    ("a1", "2024-07-29", "vote_share_pct", 44.2, "", "Edmundo González", "CNE"),
    ("a2", "2024-07-30", "vote_share_pct", 67.0, "", "González", "opposition"),
    ("a2", "2024-07-30", "tally_coverage_pct", 80.0, "more than", "tally sheets", "opposition"),
    ("a2", "2024-07-30", "votes", 6275182, "", "González", "opposition"),
])


def test_vote_share_bars_one_bar_per_claim_coloured_by_claimant():
    fig = charts.vote_share_bars(summaries.results_summary(RESULTS))
    assert fig.layout.barmode == "group"
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"the CNE's first bulletin", "the opposition's tally sheets"}  # the claim, its version in the hover
    assert dict(zip(by_name["the CNE's first bulletin"].x, by_name["the CNE's first bulletin"].y)) == {"Edmundo González": 44.2, "Nicolás Maduro": 51.2}
    assert trace_colour(by_name["the CNE's first bulletin"]) == style.CLAIMANT_COLOURS["CNE"].lower()
    assert fig.layout.yaxis.title.text == "% of votes"


def test_a_claim_looks_the_same_on_every_chart_and_its_versions_are_one_legend_entry():
    # González's 67.1% is in both opposition counts, Maduro's 30.4% in the first only: one claim to a reader, not two.
    rows = figures([
        ("a1", "2024-08-02", "vote_share_pct", 51.95, "", "Nicolás Maduro", "CNE"),
        ("a1", "2024-08-02", "votes", 6408844, "", "Nicolás Maduro", "CNE"),
        ("a2", "2024-07-29", "votes", 5150092, "", "Nicolás Maduro", "CNE"),
        ("a3", "2024-08-05", "vote_share_pct", 67.1, "", "Edmundo González", "opposition"),
        ("a3", "2024-08-05", "vote_share_pct", 30.4, "", "Nicolás Maduro", "opposition"),
    ])
    summary = summaries.results_summary(rows)
    shares, votes = charts.vote_share_bars(summary), charts.votes_bars(summary)
    opposition = [t for t in shares.data if t.legendgroup == "the opposition's tally sheets"]
    assert len(opposition) == 2 and [t.showlegend for t in opposition] == [True, False]
    assert len({(trace_colour(t), t.marker.pattern.shape, t.offsetgroup) for t in opposition}) == 1
    look = lambda fig, name: next((trace_colour(t), t.marker.pattern.shape) for t in fig.data if t.name == name)
    # The second bulletin is the CNE's second claim on both charts, though the votes chart alone has the first.
    assert look(shares, "the CNE's second bulletin") == look(votes, "the CNE's second bulletin") != look(votes, "the CNE's first bulletin")


def test_a_figure_without_a_candidate_is_never_a_bar():
    unassigned = figures([("a9", "2024-08-01", "vote_share_pct", 92.0, "", "vote share", "CNE")])
    assert is_empty(charts.vote_share_bars(summaries.results_summary(unassigned)))


def test_votes_and_coverage_bars():
    summary = summaries.results_summary(RESULTS)
    assert list(charts.votes_bars(summary).data[0].y) == [6275182]
    coverage = charts.coverage_bars(summary)
    assert list(coverage.data[0].text) == ["more than 80%"]
    assert coverage.layout.yaxis.title.text == "% of tally sheets"
    assert is_empty(charts.coverage_bars(summary.iloc[0:0]))
    assert is_empty(charts.vote_share_bars(summaries.results_summary(RESULTS.iloc[0:0])))


def test_crackdown_bars_one_linear_panel_per_kind_with_hedged_words():
    fig = charts.crackdown_bars(selection.latest_figures(selection.with_words(CRACKDOWN)))
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"detained", "killed"}
    assert dict(zip(by_name["detained"].y, by_name["detained"].text)) == {"Foro Penal": "more than 1,300", "government": "more than 2,400"}
    assert trace_colour(by_name["killed"]) == style.KIND_COLOURS["killed"].lower()
    assert {fig.layout[axis].type for axis in ("xaxis", "xaxis2")} == {"linear"}  # 24 deaths never drawn as half of 2,400 detentions
    assert is_empty(charts.crackdown_bars(selection.latest_figures(CRACKDOWN.iloc[0:0])))
    assert fig.layout.xaxis2.title.text == "people"


def test_crackdown_bars_call_no_count_of_states_people():
    states = figures([("a9", "", "other", 14, "", "states", "Foro Penal")])
    fig = charts.crackdown_bars(selection.latest_figures(selection.with_words(pd.concat([CRACKDOWN, states]))))
    assert fig.layout.xaxis3.title.text is None  # the last panel, "other: states", is no count of people


def test_figures_over_time_one_point_per_reporter_and_day_skipping_undated():
    same_day = figures([("a9", "2024-08-10", "detained", 1300, "", "people", "Foro Penal"), ("a8", "2024-08-10", "detained", 1200, "", "people", "Foro Penal")])
    by_day = selection.figures_by_day(pd.concat([CRACKDOWN[CRACKDOWN["kind"] == "detained"], same_day]))
    fig = charts.figures_over_time(by_day)
    assert [t.name for t in fig.data] == ["Foro Penal"] and list(fig.data[0].y) == [1000, 1300]  # 1,300: two of three articles that day
    assert [list(c[:2]) for c in fig.data[0].customdata] == [[1, 1], [2, 3]]
    assert is_empty(charts.figures_over_time(selection.figures_by_day(CRACKDOWN[CRACKDOWN["published"] == ""])))


def test_timeline_chart_places_events_on_their_days_in_canonical_order():
    rows = summaries.event_days(pd.DataFrame({
        "event": ["inauguration", "election", "election", "protests", "protests", "exile"],
        "label": ["Inauguration", "Election", "Election", "Protests", "Protests", "Exile"],
        "published": ["2025-01-08", "2024-08-01", "2024-09-08", "2024-08-02", "2024-08-09", ""],
        "article_id": ["1", "2", "3<b>", "5", "6", "4"],
        "evidence": ["sworn in", "the vote <i>", "July 28", "protests on Tuesday", "more protests", "fled to Spain"],
    }))
    points = summaries.timeline_points(rows)
    fig = charts.timeline_chart(points)
    days = {(y, x) for t in fig.data for x, y in zip(t.x, t.y)}
    # The election on its day whoever reports it, the inauguration on 10 January though reported on the 8th,
    # protests "on Tuesday" counted back from 2 August, the undated exile still on its fixed day.
    assert days == {("Election", "2024-07-28"), ("Inauguration", "2025-01-10"), ("Protests", "2024-07-30"), ("Protests", "2024-08-09"), ("Exile", "2024-09-08")}
    assert list(fig.layout.yaxis.categoryarray) == ["Election", "Protests", "Exile", "Inauguration"]  # CSV order, not alphabetical
    assert {t.name for t in fig.data} == {selection.DATED_BY[k] for k in ("fixed", "sentence", "publication")}
    hover = " ".join(c for t in fig.data for c in t.customdata)
    assert "3&lt;b&gt;" in hover and "2 article(s)" in hover and "the vote &lt;i&gt;" in hover
    assert is_empty(charts.timeline_chart(summaries.timeline_points(rows.iloc[0:0])))


def test_a_cited_chart_grows_by_the_lines_it_adds_over_its_plot():
    """The filters and source lines go in the top margin; a chart sized for its panels must not lose plot height to them."""
    fig = charts.crackdown_bars(selection.latest_figures(CRACKDOWN))
    margin, height = fig.layout.margin.t, fig.layout.height
    cited = charts.cited(fig, "Filters: none (all articles)", "Source: news articles (5)")
    added = cited.layout.margin.t - margin
    assert added > 0 and cited.layout.height == height + added
    unsized = charts.cited(charts.empty_figure("nothing").update_layout(height=None), "Filters: none", "Source: x")
    assert unsized.layout.height is None  # a chart the page sizes stays so
