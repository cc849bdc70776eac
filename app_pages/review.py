"""Review: confirm, reject or correct what the rules extracted, add what they missed; every decision is kept in lib.review's audit log."""
import pandas as pd
import streamlit as st

from lib import review
from app import auth, cached, components, reviewing

st.title("Review", anchor=False)
st.caption(
    "Reviewers' decisions are kept as corrections (who, when, why, against which version of the article) and applied on every build; "
    f"the store is {components.plain(review.shown_url(reviewing.database()))}. Confirmed, corrected and rejected rows measure the extractor's "
    "precision on this corpus and added ones its recall (Sources & method)."
)
reviewer = auth.gate("review")
if reviewer is None:
    st.stop()
if flash := st.session_state.pop("review_flash", None):
    st.success(flash, icon=":material/check_circle:")

tables, extracted = cached.review_tables()
orphaned = cached.report().get("corrections", {}).get("orphaned", [])
if orphaned:
    st.warning(f"{len(orphaned)} row(s) have corrections made against another version of their article (or a row the extractor no longer finds): "
               "they are not applied. Review those articles' rows again.", icon=":material/link_off:")
    components.table(pd.DataFrame(orphaned), "orphaned_corrections", {"row_id": "row", "table": "table", "article_id": "article", "status": "last status",
                                                                      "changes": "changes", "reviewer": "reviewer", "reason": "why orphaned"})

if "row" not in st.session_state and st.query_params.get("row"):
    st.session_state["row"] = st.query_params["row"]  # a link from another page opens one row

st.subheader("Queue: unreviewed rows, least confident first", anchor=False)
left, right = st.columns(2)
table = left.selectbox("Table", review.ADDABLE, index=None, placeholder="All tables", key="review_table")
article_ids = right.multiselect("Article", list(tables["articles"]["article_id"]), key="review_articles", placeholder="All articles")
waiting = reviewing.queue(extracted, table, article_ids).head(reviewing.QUEUE_ROWS)
shown = list(waiting["row_id"]) if len(waiting) else []


def pick() -> None:
    rows = st.session_state["review_queue"].selection.rows
    if rows:
        st.session_state["row"] = shown[rows[0]]


st.dataframe(waiting[["table", "what", "confidence", "sentence", "article_id", "row_id"]] if len(waiting) else waiting, hide_index=True,
             key="review_queue", on_select=pick, selection_mode="single-row")
st.caption(f"The first {len(waiting)} unreviewed row(s); select one to review it.")

if row_id := st.session_state.get("row"):
    st.query_params["row"] = row_id  # the link names the row being reviewed
    st.subheader("This row", anchor=False)
    reviewing.row_form(tables, extracted, row_id, reviewer)

with st.expander("Add a fact the extractor missed"):
    reviewing.add_form(tables, reviewer)
