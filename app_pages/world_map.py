"""World positions: which governments and organisations recognise whom, as of a date."""
import streamlit as st

from app import cached, charts, geo, selection, style
from app import components

f = components.filters()
dates = cached.publication_dates("positions", f)
days = [d.isoformat() for d in dates["days"]]

st.title("International positions", anchor=False)
as_of = None
if len(days) > 1:
    as_of = st.select_slider("As of (article publication date)", days, value=days[-1], key="as_of", bind=components.URL,
                             help="Each actor takes the stance of the most recent article about it published on or before this date.")
st.caption(
    f"Positions as of {as_of or (days[-1] if days else 'the latest article')}. {dates['n_undated']:,} article(s) with positions have no "
    f"publication date; they are {'included (as older than every dated article)' if f.include_undated else 'excluded'}: "
    "switch with *Include undated articles* in the sidebar. Where articles of the same latest date disagree, the actor is "
    "shown as *disputed*. " + components.filter_note(f)
)
actors = selection.filter_stances(cached.positions_as_of(f, as_of), f.stances)

map_tab, chart_tab, table_tab = st.tabs(["Map", "Chart", "Table"], key="view", bind=components.URL)
with map_tab:
    left, right = st.columns([4, 1])
    with left:
        components.chart(charts.stance_map(actors), key="stance_map")
    with right:
        st.markdown("**Organisations**")
        orgs = actors[actors["actor_type"] == "organization"]
        if orgs.empty:
            st.caption("None in the selected articles.")
        for row in orgs.itertuples():
            components.swatch(row.actor_name, row.stance, f"“{row.evidence}” ({row.article_id})")
    missing = geo.unmappable(actors.loc[actors["actor_type"] == "country", "actor_code"])
    st.caption(f"{(actors['actor_type'] == 'country').sum()} countries and {len(orgs)} organisations. Hover a country for its source sentence; "
               "small countries are drawn as dots." + (f" Not drawable on this map: {', '.join(missing)} (see Table)." if missing else ""))
with chart_tab:
    components.chart(charts.stance_count_bars(selection.stance_counts(actors)), key="stance_counts")
with table_tab:
    st.subheader("Current stance per actor", anchor=False)
    components.table(actors, "positions_as_of", {
        "actor_name": "actor", "actor_type": "type", "stance_label": "stance", "latest_stances": "stances on latest date",
        "latest_published": "latest article", "n_articles": "articles", "n_outlets": "outlets", "evidence": "source sentence", "article_id": "article id"})
    st.subheader("How many articles and outlets back each stance", anchor=False)
    components.table(cached.stance_support(f, as_of, actors["actor_code"]), "positions_support", {
        "actor_name": "actor", "stance_label": "stance", "n_articles": "articles", "n_outlets": "outlets",
        "first_published": "first", "last_published": "last"})
    st.subheader("Every article's evidence", anchor=False)
    components.table(cached.view("positions"), "positions", {
        "actor_name": "actor", "stance": "stance", "cue": "cue", "evidence": "source sentence", "title": "article",
        "outlet": "outlet", "published": "published", "article_id": "article id"},
        rows=cached.evidence_rows(f, as_of, actors["actor_code"]), prepare=lambda rows: rows.assign(stance=rows["stance"].map(style.stance_label)))
