"""Actor profiles (``/actor?actor=USA``): one country's or organisation's position over time, who voiced it, its quotes and articles; observers' findings."""
import streamlit as st

from app import cached, charts, selection, style
from app import components

f = components.filters()
options = cached.profile_options()
wanted = st.query_params.get("actor")
if wanted in options and "actor" not in st.session_state:
    st.session_state["actor"] = wanted  # a shared link, or a click on the map


def follow_choice() -> None:
    st.query_params["actor"] = st.session_state["actor"] or ""


code = st.sidebar.selectbox("Actor", options, index=None, format_func=selection.profile_name, key="actor", on_change=follow_choice,
                            placeholder="Choose a country or organisation", help="Or click a country on the World positions map.")
if code is None:
    st.title("Actor profiles", anchor=False)
    st.info("Choose a country, an organisation or an observer body in the sidebar, or click a country on the World positions map.")
    st.stop()
name = selection.profile_name(code)
st.title(name, anchor=False)
st.caption(components.filter_note(f))

if code in selection.observers():
    st.markdown(f"**Observer body.** {components.plain(selection.observers()[code]['note'])}. It holds no stance of its own; "
                "below is every sentence of the selected articles that mentions it, newest article first.")
    findings = cached.observer_findings(f, code)
    components.table(findings, f"findings_{code}", {"published": "published", "sentence": "sentence", "title": "article", "outlet": "outlet", "article_id": "article id"},
                     column_config={"sentence": st.column_config.TextColumn(width="large")})
    st.stop()

profile = cached.actor_profile(f, code)
now = profile["position"]
if now is None:
    st.info(f"No selected article reports a stance of {name}.")
else:
    components.swatch(f"{name}: {style.stance_label(now['stance'])}", now["stance"], subtitle=f"Stances reported: {now['stances']} · {selection.backing_note(now)}")
    if now["undated_only"]:
        st.warning("This position rests on undated articles only: they cannot be placed in time.", icon=":material/event_busy:")
components.chart(charts.stance_steps, profile["history"], name, key="stance_steps")
st.caption("The line is the position in force after each dated article: the strongest stance of its side so far, reset only by an article "
           "that reports a change (diamond). Each marker is the stance one article reports; hover it for the sentence.")

st.subheader("Every article's sentence", anchor=False)
components.table(profile["history"], f"history_{code}", {"published": "published", "stance_label": "stance reported", "position_label": "position in force",
                                                         "reversal": "change of position", "evidence": "sentence", "cue": "cue", "title": "article", "outlet": "outlet", "article_id": "article id"},
                 column_config={"sentence": st.column_config.TextColumn(width="large"), "change of position": st.column_config.CheckboxColumn()})
undated = int((profile["history"]["published"] == "").sum()) if len(profile["history"]) else 0
if undated:
    st.caption(f"{undated} undated article(s) are listed last: they count at every date, and are not drawn on the chart.")

st.subheader("Officials who voiced it", anchor=False)
if profile["officials"].empty:
    st.caption("No official of lib/lexicons/officials.csv is quoted or named for this actor in the selected articles.")
else:
    components.table(profile["officials"], f"officials_{code}", {"official": "official", "role": "role", "n_quotes": "quotes", "n_sentences": "stance sentences naming them"})

st.subheader("Quotes", anchor=False)
quotes = profile["quotes"]
for row in cached.with_sentences(quotes.head(10)).to_dict("records"):
    components.quote_card(row)
st.caption(f"{len(quotes)} quote(s) by speakers of {components.plain(name)}" + (", the first 10 shown; the Quotes page has them all." if len(quotes) > 10 else "."))
