"""World positions: which governments and organisations recognise whom, as of a date; a click on a country opens its profile."""
import streamlit as st

from app import cached, charts, geo, selection, style
from app import components

PROFILE = "app_pages/actor.py"
f = components.filters()
dates = cached.publication_dates("positions", f)
days = [d.isoformat() for d in dates["days"]]

st.title("International positions", anchor=False)
as_of = None
if len(days) > 1:
    as_of = st.select_slider("As of (article publication date)", days, value=days[-1], key="as_of", bind=components.URL,
                             help="Each actor shows the strongest stance of its side reported up to this date; only an article reporting a change of position undoes it.")
st.caption(
    f"Positions as of {as_of or (days[-1] if days else 'the latest article')}: each actor's strongest stance reported so far "
    "(recognising González outranks rejecting the result, which outranks asking for transparency); a later, weaker mention does not undo it, "
    "only an article reporting a change does. *Disputed* means articles support opposite sides. "
    f"{dates['n_undated']:,} article(s) with positions have no publication date; they are "
    f"{'included and count at every date' if f.include_undated else 'excluded'} (sidebar: *Include undated articles*). " + components.filter_note(f, stances=True)
)
actors = selection.filter_stances(cached.positions_as_of(f, as_of), f.stances)
on_undated = actors[actors["undated_only"].astype(bool)]
earlier = bool(as_of and as_of != days[-1])  # a map before the latest date fades what rests on undated articles only
if len(on_undated):
    faded = " (faded on the map: an undated article may be later than this date)" if earlier else ""
    st.caption(f"{len(on_undated)} colour(s) rest on undated articles only{faded}: {components.plain(', '.join(sorted(on_undated['actor_name'], key=str.casefold)))}.")

map_tab, chart_tab, table_tab = st.tabs(["Map", "Chart", "Table"], key="view", bind=components.URL)
with map_tab:
    left, right = st.columns([4, 1])
    with left:
        clicked = components.chart(charts.stance_map, actors, f"International positions as of {as_of or (days[-1] if days else 'the latest article')}",
                                   earlier, key="stance_map", as_of=as_of, stances=True, on_select="rerun", selection_mode="points")
        points = clicked.selection.points if clicked else []
        if points:  # the country's code, from the point itself (never its row number)
            st.switch_page(PROFILE, query_params={"actor": points[0].get("location") or points[0].get("customdata")})
    with right:
        st.markdown("**Organisations**")
        orgs = actors[actors["actor_type"] == "organization"]
        if orgs.empty:
            st.caption("None in the selected articles.")
        for row in orgs.to_dict("records"):
            components.swatch(row["actor_name"], row["stance"], f"“{row['evidence']}” ({row['article_id']})", subtitle=f"{style.stance_label(row['stance'])} · {selection.backing_note(row)}")
        chosen = st.selectbox("Open a profile", cached.profile_options(), index=None, format_func=selection.profile_name, key="open_profile", placeholder="Choose an actor")
        if chosen:
            st.switch_page(PROFILE, query_params={"actor": chosen})
    missing = geo.unmappable(actors.loc[actors["actor_type"] == "country", "actor_code"])
    st.caption(f"{(actors['actor_type'] == 'country').sum()} countries and {len(orgs)} organisations. Hover a country for what backs its colour, click it for its profile; "
               "small countries are drawn as dots." + (f" Not drawable on this map: {', '.join(missing)} (see Table)." if missing else ""))
# The tabs track which one is open (bound to the URL): the chart and the tables are made only when their tab is
# shown, so the map's first run does not read every position's evidence behind the table.
if chart_tab.open:
    with chart_tab:
        components.chart(charts.stance_count_bars, selection.stance_counts(actors), key="stance_counts", as_of=as_of, stances=True)
if table_tab.open:
    with table_tab:
        st.subheader("Position per actor", anchor=False)
        components.table(actors, "positions_as_of", {
            "actor_name": "actor", "actor_type": "type", "stance_label": "position", "stances": "stances reported", "since": "since",
            "n_dated": "dated articles behind it", "n_undated": "undated articles behind it", "reset_on": "changed position on",
            "latest_published": "latest article", "n_outlets": "outlets", "evidence": "source sentence", "article_id": "article id"})
        st.subheader("How many articles and outlets back each stance", anchor=False)
        components.table(cached.stance_support(f, as_of, actors["actor_code"]), "positions_support", {
            "actor_name": "actor", "stance_label": "stance", "n_articles": "articles", "n_outlets": "outlets",
            "first_published": "first", "last_published": "last"})
        st.subheader("Every article's evidence", anchor=False)
        components.table(cached.evidence_listing(f, as_of, actors["actor_code"]), "positions", {
            "actor_name": "actor", "stance": "stance", "cue": "cue", "evidence": "source sentence", "title": "article",
            "outlet": "outlet", "published": "published", "article_id": "article id"},
            prepare=lambda rows: rows.assign(stance=rows["stance"].map(style.stance_label)))
