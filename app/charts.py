"""One function per chart: a frame from :mod:`app.selection` in, a plotly Figure out.

No Streamlit here. Every function accepts an empty frame and returns a figure
that says there is nothing to show under the chart's own title, and every
function plots aggregates (one bar per claimant, one area per country), so
charts stay readable at hundreds of articles. Legends sit below the plot, so a
phone's narrow screen keeps the plot's full width; :func:`cited` adds what a
saved image needs to stand alone (filters, date, source).
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from app import geo
from app.selection import backing_note
from lib import summaries

from app.style import KIND_COLOURS, STANCE_COLOURS, STANCE_ORDER, STANCE_OUTLINES, STANCE_SYMBOLS, claimant_colour, stance_label

FONT = dict(family="Source Sans Pro, sans-serif", size=13)


LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, x=0, xanchor="left")
# No colour is given to notes and messages: Streamlit's chart theme then paints them in the theme's text colour.


def _layout(fig: go.Figure, **kwargs) -> go.Figure:
    legend = {**LEGEND_BELOW, **kwargs.pop("legend", {})}
    fig.update_layout(template="plotly_white", font=FONT, margin=dict(l=10, r=10, t=70, b=10), legend=legend, **kwargs)
    return fig


def empty_figure(message: str = "Nothing to show for these filters", title: str = "") -> go.Figure:
    """The chart's title over the message, so a page with several empty charts still says which is which."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=15), x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, height=260, title=html.escape(title))


def cited(fig: go.Figure, filters: str, source: str) -> go.Figure:
    """``fig``, changed so that its image stands alone: its title with the filters (and as-of date) under it, and a source line.

    Plotly's camera button saves the figure as drawn, so what a reader needs
    to cite a saved PNG or SVG must be on the figure itself. Changed in place,
    not copied: the page cites each figure as it makes it, and copying a figure
    validates every property again (a third of the cost of building a chart).
    """
    # Under the title rather than under the plot, where tick labels, axis titles and legends already are;
    # broken into lines so a phone's width does not cut them off.
    own = fig.layout.title.subtitle.text  # a chart's own subtitle (the map's organisations) comes first
    subtitle = "<br>".join([*([own] if own else []), _wrap(filters, width=60, limit=300), _wrap(source, width=60, limit=300)])
    # The title hangs from the top of the figure, so a long subtitle grows down into the margin made for it
    # (plotly centres a title in the top margin by default, and a tall one then runs into the plot).
    fig.update_layout(title_subtitle_text=subtitle, title_subtitle_font=dict(size=10), title_yref="container", title_y=1, title_yanchor="top", title_pad_t=10)
    # The figure grows by the margin it adds: a chart sized for its plot (one panel per kind) keeps its plot's height.
    added = 14 * (subtitle.count("<br>") + 1) + 10
    fig.update_layout(margin=dict(t=(fig.layout.margin.t or 40) + added))
    return fig.update_layout(height=fig.layout.height + added) if fig.layout.height else fig


def _wrap(text: str, width: int = 70, limit: int = 400) -> str:
    """Hover text: escaped, shortened, broken into lines."""
    text = html.escape(str(text or ""))
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


# ---------------------------------------------------------------- results


CLAIM_PATTERNS = ("", "/", "x", ".", "+")  # a claimant's several claims (the CNE's two bulletins): one colour, one pattern each


def _claim_head(claim: str) -> str:
    """The published claim a claim name is a version of: "the opposition's tally sheets" for "… (24,532 actas)" and
    "… (24,532 actas / 25,073 actas)" (a figure both counts give); any other name is its own."""
    heads = {c.split(" (")[0] for c in summaries.reference_figures()["claim"] if " (" in c}
    head = claim.split(" (")[0]
    return head if head in heads else claim


def _claim_looks(summary: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Claim -> (colour, pattern), the same on every chart of one summary: its claimant's colour (one without a colour
    of its own the next of the palette, in the summary's order), and a pattern per published claim of that claimant
    (the CNE's first bulletin plain, its second hatched), a claim's versions sharing one."""
    claimants = list(dict.fromkeys(summary["claimed_by"]))
    looks, heads_of = {}, {}
    for claim, group in summary.groupby("claim", sort=True):
        named = group.loc[group["claimed_by"] != "unattributed", "claimed_by"]  # the CNE's bulletin stated without a source stays the CNE's colour
        claimant = named.iloc[0] if len(named) else group["claimed_by"].iloc[0]
        heads, head = heads_of.setdefault(claimant, []), _claim_head(claim)
        if head not in heads:
            heads.append(head)
        looks[claim] = (claimant_colour(claimant, claimants.index(claimant)), CLAIM_PATTERNS[heads.index(head) % len(CLAIM_PATTERNS)])
    return looks


def _claim_bars(df: pd.DataFrame, x: str, title: str, axis: str, percent: bool, summary: pd.DataFrame) -> go.Figure:
    """Grouped bars, one trace per claim, looking as :func:`_claim_looks` of the page's whole ``summary`` says, so that a
    claim has one colour and pattern on every chart; the versions of one published claim are one legend entry and
    share a slot, unless two of them give a figure for the same bar (then each is shown, under its own name)."""
    if df.empty:
        return empty_figure("No figures of this kind in the selected articles", title)
    fig = go.Figure()
    looks = _claim_looks(summary)
    slots: dict[str, set] = {}  # legend entry -> the bars it holds so far
    for claim, group in df.groupby("claim", sort=True):
        colour, pattern = looks[claim]
        head = _claim_head(claim)
        shared = head != claim and not slots.get(head, set()) & set(group[x])
        entry = head if shared else claim
        fig.add_bar(
            name=entry, legendgroup=entry, offsetgroup=entry, showlegend=entry not in slots,
            x=group[x], y=group["value"], text=group["figure"], textposition="outside", textfont_size=13, cliponaxis=False,
            # A version shown apart takes the last pattern, not to pass for its claim's other versions.
            marker=dict(color=colour, pattern_shape=pattern if shared or head == claim else CLAIM_PATTERNS[-1]),
            customdata=list(zip(group["n_articles"], group["n_reports"], group["published"], group["reference"], group["evidence"].map(_wrap))),
            hovertemplate=(
                f"<b>{html.escape(str(claim))}</b><br>%{{x}}: %{{text}} (article of %{{customdata[2]}})<br>"
                "%{customdata[3]}<br>given in %{customdata[0]} of %{customdata[1]} article(s)"
                "<br><i>%{customdata[4]}</i><extra></extra>"
            ),
        )
        slots.setdefault(entry, set()).update(group[x])
    top = df["value"].max()
    fig.update_yaxes(title=axis, range=[0, max(100, top * 1.15) if percent else top * 1.2], ticksuffix="%" if percent else "")
    return _layout(fig, barmode="group", title=title, legend_title_text="Claim", height=440, legend=dict(orientation="h", y=-0.15))


def _per_candidate(summary: pd.DataFrame, kind: str) -> pd.DataFrame:
    # A figure without a candidate is a total or unassigned: never a bar of its own.
    return summary[(summary["kind"] == kind) & (summary["candidate"] != "")]


def vote_share_bars(summary: pd.DataFrame) -> go.Figure:
    """Grouped bars: vote share per candidate, one bar per claim (from :func:`summaries.results_summary`)."""
    return _claim_bars(_per_candidate(summary, "vote_share_pct"), "candidate", "Vote share per candidate, by claim", "% of votes", percent=True, summary=summary)


def votes_bars(summary: pd.DataFrame) -> go.Figure:
    return _claim_bars(_per_candidate(summary, "votes"), "candidate", "Votes per candidate, by claim", "votes", percent=False, summary=summary)


def coverage_bars(summary: pd.DataFrame) -> go.Figure:
    """Share of tally sheets each claim rests on."""
    df = summary[summary["kind"] == "tally_coverage_pct"]
    if df.empty:
        return empty_figure("No tally-sheet coverage figures in the selected articles", "Tally sheets behind each claim")
    fig = _claim_bars(df, "claim", "Tally sheets behind each claim", "% of tally sheets", percent=True, summary=summary)
    fig.update_xaxes(showticklabels=False)
    return fig


# ---------------------------------------------------------------- positions


UNDATED_OPACITY = 0.35  # a colour resting on undated articles only, on a map as of a date before the latest


def stance_map(as_of: pd.DataFrame, title: str = "International positions", earlier: bool = False) -> go.Figure:
    """World choropleth over ISO-3: one trace (colour, legend entry in words) per stance.

    Drawn by :func:`app.geo.choropleth` from the shipped outlines (no internet);
    countries too small for an outline become markers of the same colour. Each
    point's ``customdata`` is its ISO-3 code, which a click (selection event)
    reads to open the country's profile. Organisations have no outline: they
    are listed in words at the foot of the map, so a saved image has them too.
    The hover says what backs the colour: how many dated and undated articles,
    since when, and their sentence.

    Undated articles count at every date. On a map as of an ``earlier`` date than
    the latest, the colours resting on them alone are drawn faded, as traces of
    their own ("… (undated articles only)"): the G7's January 2025 statement,
    undated, must not look like a position the G7 held on 29 July 2024.
    """
    countries = as_of[as_of["actor_type"] == "country"] if len(as_of) else as_of
    traces = []
    for stance in STANCE_ORDER:
        stance_rows = countries[countries["stance"] == stance] if len(countries) else countries
        undated = stance_rows["undated_only"].astype(bool) if earlier and len(stance_rows) else pd.Series(False, index=stance_rows.index)
        for group, faded in ((stance_rows[~undated], False), (stance_rows[undated], True)):
            if group.empty:
                continue
            hover = [
                f"<b>{html.escape(str(row['actor_name']))}</b><br>{html.escape(stance_label(stance))}"
                + (f" ({html.escape(str(row['stances']))})" if stance == "disputed" else "")
                + f"<br>{html.escape(backing_note(row))}"
                + ("<br><b>rests on undated articles only</b>" if row["undated_only"] else "")
                + f"<br><i>{_wrap(row['evidence'])}</i><br>Article: {_wrap(row['title'], limit=120)}"
                + f"<br>{html.escape(summaries.outlet_name(row.get('outlet')))}" + (f", {html.escape(str(row['published']))}" if row.get("published") else "")
                + "<br>Click for its profile"
                for _, row in group.iterrows()
            ]
            traces.append(dict(
                locations=list(group["actor_code"]),
                name=stance_label(stance) + (" (undated articles only)" if faded else ""),
                colour=STANCE_COLOURS[stance],
                symbol=STANCE_SYMBOLS[stance],
                outline=STANCE_OUTLINES.get(stance),
                hovertext=hover,
                opacity=UNDATED_OPACITY if faded else 1.0,
            ))
    fig = geo.choropleth(traces)
    if not traces:  # a geo trace is needed for plotly to draw the (empty) world at all
        fig.add_choropleth(locations=[], z=[], locationmode="ISO-3", showscale=False, showlegend=False, name="", hoverinfo="skip")
        fig.add_annotation(text="No country positions in the selected articles", showarrow=False, x=0.5, y=0.02, xref="paper", yref="paper", font=dict(size=14, color="#555"))
        geo.offline_geo(fig)
    orgs = as_of[as_of["actor_type"] == "organization"] if len(as_of) else as_of
    if len(orgs):
        listed = "; ".join(f"{name}: {stance_label(stance)}" for name, stance in zip(orgs["actor_name"], orgs["stance"]))
        # In the subtitle, above the map: a saved image lists them too (the panel beside the map is not in it), and
        # text there neither covers the map nor runs into a legend that takes five rows on a phone.
        organisations = "<b>Organisations</b> " + _wrap(listed, width=60, limit=900)
    lines = organisations.count("<br>") + 1 if len(orgs) else 0
    fig.update_layout(title=html.escape(title), legend=dict(title_text="Stance", orientation="h", yanchor="top", y=-0.02, x=0), font=FONT,
                      margin=dict(l=0, r=0, t=60, b=10), height=520 + 14 * lines, clickmode="event+select")  # cited() makes room for every subtitle line
    if len(orgs):  # after the title: setting the title replaces its subtitle
        fig.update_layout(title_subtitle_text=organisations, title_subtitle_font=dict(size=10))
    return fig


def stance_steps(history: pd.DataFrame, name: str = "") -> go.Figure:
    """One actor's position over time (from :func:`selection.actor_history`): a step line, and a marker per article.

    The step line is the position in force after each dated article (what the
    map shows on that date); each marker is the stance one article reports,
    coloured by stance, its sentence in the hover. Reversals are drawn as
    diamonds. Undated articles cannot be placed in time and are left out (the
    profile lists them).
    """
    df = history[history["published"] != ""] if len(history) else history
    if df.empty:
        return empty_figure("No dated article reports a stance of this actor", f"{name}: position over time" if name else "Position over time")
    order = [stance_label(s) for s in reversed(STANCE_ORDER)]
    steps = df.drop_duplicates("published", keep="last")
    fig = go.Figure()
    fig.add_scatter(
        x=list(steps["published"]), y=list(steps["position_label"]), mode="lines+markers", line_shape="hv",
        line=dict(color="#555", width=2), marker=dict(symbol="line-ew-open", size=16, color="#555"),  # a single date still shows a tick
        name="position in force", customdata=list(steps["position_label"]), hovertemplate="from %{x}: %{customdata}<extra></extra>",
    )
    for stance in STANCE_ORDER[:-1]:
        mine = df[df["stance"] == stance]
        if mine.empty:
            continue
        fig.add_scatter(
            x=list(mine["published"]), y=list(mine["stance_label"]), mode="markers", name=stance_label(stance),
            marker=dict(size=12, color=STANCE_COLOURS[stance], symbol=["diamond" if r else "circle" for r in mine["reversal"]], line=dict(color="white", width=1)),
            customdata=[f"{html.escape(str(a))} · {html.escape(str(o))}<br><i>{_wrap(e)}</i>" + ("<br><b>reports a change of position</b>" if r else "")
                        for a, o, e, r in zip(mine["article_id"], mine["outlet"], mine["evidence"], mine["reversal"])],
            hovertemplate="%{x}: %{y}<br>%{customdata}<extra></extra>",
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, range=[-0.5, len(order) - 0.5], title=None)
    fig.update_xaxes(title="article published", type="date", tickformat="%d %b %Y")
    days = pd.to_datetime(df["published"])
    if days.nunique() == 1:  # one date: give the axis a sensible month around it
        fig.update_xaxes(range=[days.min() - pd.Timedelta(days=15), days.min() + pd.Timedelta(days=15)])
    title = f"{name}: position over time" if name else "Position over time"
    return _layout(fig, title=html.escape(title), height=360, legend_title_text="Stance an article reports")


def stance_count_bars(counts: pd.DataFrame) -> go.Figure:
    """Horizontal bars: countries and organisations per stance (from :func:`selection.stance_counts`)."""
    if counts.empty or counts["actors"].sum() == 0:
        return empty_figure("No positions in the selected articles", "Countries and organisations per stance")
    fig = go.Figure()
    for actor_type, pattern in (("country", ""), ("organization", "/")):
        group = counts[counts["actor_type"] == actor_type]
        fig.add_bar(
            name="countries" if actor_type == "country" else "organisations",
            y=group["stance_label"], x=group["actors"], orientation="h",
            marker=dict(color=[STANCE_COLOURS[s] for s in group["stance"]], pattern_shape=pattern, line=dict(color="white", width=1)),
            text=group["actors"].where(group["actors"] > 0, ""), textposition="inside",
            hovertemplate="%{y}: %{x} " + ("countries" if actor_type == "country" else "organisations") + "<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=[stance_label(s) for s in reversed(STANCE_ORDER)], title="")
    fig.update_xaxes(title="actors", dtick=1 if counts["actors"].max() < 10 else None)
    # The legend goes below the x axis's own title ("actors"), which the shared position would cover.
    return _layout(fig, barmode="stack", title="Countries and organisations per stance", height=360, legend_title_text="", legend_traceorder="normal",
                   legend=dict(y=-0.4))


# ---------------------------------------------------------------- crackdown


def crackdown_bars(latest: pd.DataFrame) -> go.Figure:
    """Small multiples, one panel per kind (``other`` split by subject), each on its own linear axis: the latest figure
    of each reporting organisation (``claimed_by``: who reports, not who is blamed; for a running total its largest,
    :func:`lib.summaries.latest_figures`), numbers in words."""
    if latest.empty:
        return empty_figure("No crackdown figures in the selected articles", "Latest figure each organisation reports")
    from plotly.subplots import make_subplots

    panels = list(dict.fromkeys(latest.sort_values("kind", key=lambda k: k.map({v: i for i, v in enumerate(KIND_COLOURS)}), kind="stable")["kind_label"]))
    # Each panel: 28 px a bar, and 70 px for its title and tick labels between it and the next.
    bars = [latest.loc[latest["kind_label"] == p, "claimed_by"].nunique() for p in panels]
    plot_height = sum(28 * n for n in bars) + 70 * len(panels)
    fig = make_subplots(rows=len(panels), cols=1, subplot_titles=panels, row_heights=bars, vertical_spacing=70 / plot_height if len(panels) > 1 else 0)
    for row, panel in enumerate(panels, start=1):
        group = latest[latest["kind_label"] == panel]
        kind = group["kind"].iloc[0]
        fig.add_bar(
            name=panel, y=group["claimed_by"], x=group["value"], orientation="h", row=row, col=1,
            text=group["figure"], textposition="outside", cliponaxis=False, marker_color=KIND_COLOURS.get(kind, "#999"),
            customdata=list(zip(group["published"].replace("", "undated"), group["n_reports"], group["evidence"].map(_wrap))),
            hovertemplate="<b>%{y}</b>: %{text} " + html.escape(panel) + "<br>article of %{customdata[0]} · %{customdata[1]} article(s) from this reporter<br><i>%{customdata[2]}</i><extra></extra>",
        )
        fig.update_xaxes(type="linear", rangemode="tozero", range=[0, group["value"].max() * 1.3], row=row, col=1)
        fig.update_yaxes(autorange="reversed", row=row, col=1)
    if kind != "other":  # the last panel's: 'other' ones count prisons, states, ... ("14 of the country's 24 states"), not people
        fig.update_xaxes(title="people", row=len(panels), col=1)
    return _layout(fig, title="Latest figure each organisation reports, one panel per kind", showlegend=False,
                   height=max(300, 80 + plot_height))


def figures_over_time(by_day: pd.DataFrame) -> go.Figure:
    """Figures of one kind over publication date, one line per reporter (from :func:`selection.figures_by_day`).

    One point per reporter and day, whatever the number of articles: the
    value most of that day's articles give, with how many give it. A line
    needs two dated points: with fewer the chart says so.
    """
    if len(by_day) < 2:
        return empty_figure("Nothing to follow over time: fewer than two dated figures of this kind", "Reported figures over time")
    fig = go.Figure()
    for i, (claimant, group) in enumerate(by_day.sort_values("published").groupby("claimed_by", sort=True)):
        fig.add_scatter(
            name=claimant, x=group["published"], y=group["value"], mode="lines+markers",
            line_color=claimant_colour(claimant, i), text=group["figure"],
            customdata=list(zip(group["n_articles"], group["n_reports"], group["evidence"].map(_wrap))),
            hovertemplate="<b>" + html.escape(str(claimant)) + "</b> %{x}: %{text}<br>given by %{customdata[0]} of %{customdata[1]} article(s) that day"
            "<br><i>%{customdata[2]}</i><extra></extra>",
        )
    fig.update_xaxes(title="article published", type="date", tickformat="%d %b %Y")
    fig.update_yaxes(rangemode="tozero", title="people")
    return _layout(fig, title="Reported figures over time", legend_title_text="Reported by", height=360)


# ---------------------------------------------------------------- sources


DATED_BY_SYMBOLS = {"fixed": "diamond", "sentence": "circle", "publication": "circle-open"}


def timeline_chart(points: pd.DataFrame) -> go.Figure:
    """Key events (y, canonical order, earliest at the top) on the days they happened (x).

    ``points`` is :func:`lib.summaries.timeline_points`: one marker per event
    and day, larger when more articles report it; a diamond for a fixed day
    (events.csv), a dot for a date named in the sentence, a hollow dot where
    only the article's publication date places it. Hover lists the articles.
    """
    from app.selection import DATED_BY

    if points.empty:
        return empty_figure("No article reports a key event with a date", "Key events, on the days they happened")
    # Imported here, not on import: importing lib.extract compiles every extractor's patterns.
    from lib.extract.events import event_order

    order = event_order()
    labels = points.drop_duplicates("event").assign(rank=lambda d: d["event"].map(order).fillna(len(order)))
    labels = list(labels.sort_values("rank")["label"])
    fig = go.Figure()
    for dated_by, group in points.groupby("dated_by", sort=False):
        hover = [
            f"<b>{html.escape(str(label))}</b>: {d}<br>date: {html.escape(DATED_BY.get(dated_by, dated_by))}<br>"
            f"reported by {n} article(s): {html.escape(str(ids))}<br><i>{_wrap(e)}</i>"
            for label, d, n, ids, e in zip(group["label"], group["event_date"], group["n_articles"], group["article_ids"], group["evidence"])
        ]
        fig.add_scatter(
            x=list(group["event_date"]), y=list(group["label"]), mode="markers", customdata=hover, name=DATED_BY.get(dated_by, dated_by),
            marker=dict(symbol=DATED_BY_SYMBOLS.get(dated_by, "circle"), size=(9 + 3 * np.log2(group["n_articles"].astype(float))).clip(upper=24).tolist(),
                        color="#0072B2", opacity=0.8, line=dict(width=1.5, color="#0072B2")),
            hovertemplate="%{customdata}<extra></extra>",
        )
    fig.update_xaxes(title="the day of the event", type="date", tickformat="%d %b %Y")
    fig.update_yaxes(title=None, type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    days = pd.to_datetime(points["event_date"])
    if days.nunique() == 1:  # one date: give the axis a sensible month around it
        fig.update_xaxes(range=[days.min() - pd.Timedelta(days=15), days.min() + pd.Timedelta(days=15)])
    return _layout(fig, title="Key events, on the days they happened", height=max(300, 150 + 28 * len(labels)),
                   legend=dict(title_text="Dated by", orientation="h", y=-0.12))
