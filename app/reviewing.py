"""The Review page's parts: the queue of unreviewed rows, one row's review form, the form that adds a missed fact.

Every write goes through :mod:`lib.review` with the version of the row the
form was drawn from, so a reviewer who was beaten to a row sees the other's
change instead of overwriting it. After a write the tables are rebuilt
(incrementally: nothing is extracted again) so every page shows it.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import review, schema, text
from app import cached, components, style

QUEUE_ROWS = 50
LABELS = {"confirm": "Confirm: the row is right", "reject": "Reject: the text does not say this", "edit": "Correct some fields", "undo": "Undo the last correction"}


def database() -> str:
    return review.database_url()


def queue(tables: dict[str, pd.DataFrame], table: str | None, article_ids: list[str]) -> pd.DataFrame:
    """Unreviewed rows, lowest confidence first when the table has one, else in table order."""
    frames = []
    for name in [table] if table else review.ADDABLE:
        df = tables[name]
        df = df[df["review_status"] == "unreviewed"]
        if article_ids:
            df = df[df["article_id"].isin(article_ids)]
        df = df.assign(table=name, order=range(len(df)), what=describe(name, df), sentence=evidence(name, df, tables["articles"]))
        frames.append(df.assign(confidence=df["confidence"]) if "confidence" in df else df.assign(confidence=float("nan")))
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return rows.sort_values(["confidence", "table", "order"], na_position="last", kind="stable") if len(rows) else rows


def describe(name: str, df: pd.DataFrame) -> pd.Series:
    """One line per row: what the extractor says it found."""
    if name == "positions":
        return df["actor_name"] + ": " + df["stance"].map(style.stance_label)
    if name == "quotes":
        return (df["speaker"].replace("", "unknown speaker")) + ": “" + df["quote"] + "”"
    if name == "events":
        return df["label"]
    return df["claimed_by"] + ": " + df["kind"] + " " + df["mention"]


def evidence(name: str, df: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    if name != "quotes":
        return df["evidence"]
    texts = dict(zip(articles["article_id"], articles["text"]))
    return pd.Series([texts[a][s:e] for a, s, e in zip(df["article_id"], df["sentence_start"], df["sentence_end"])], index=df.index, dtype="string")


def find(tables: dict[str, pd.DataFrame], extracted: dict[str, pd.DataFrame], row_id: str) -> tuple[str, pd.Series] | None:
    """The table and the row (as extracted; an added fact as reviewed) with this id."""
    for source in (extracted, tables):
        for name in schema.FACT_TABLES:
            hit = source[name][source[name]["row_id"] == row_id]
            if len(hit):
                return name, hit.iloc[0]
    return None


def row_form(tables, extracted, row_id: str, reviewer: str) -> None:
    """One row: its sentence, its history, and confirm / reject / correct / undo with a reason."""
    found = find(tables, extracted, row_id)
    if found is None:
        st.warning(f"No row {components.plain(row_id)} in the current tables (it may belong to an article that changed: see the orphaned corrections).")
        return
    name, row = found
    history = review.corrections(database(), row_id)
    state = review.fold(history)
    # The version this reviewer first saw, kept across reruns: a correction made meanwhile by someone else is refused.
    seen = st.session_state.setdefault(f"seen_{row_id}", state["version"])
    values = {f: row[f] for f in review.editable(name)} | state["values"]
    article = tables["articles"].set_index("article_id").loc[row["article_id"]]
    st.markdown(f"**{components.plain(describe(name, row.to_frame().T).iloc[0])}** · {name} · status **{state['status'] or 'unreviewed'}** · version {state['version']}")
    st.caption(f"{components.plain(components.source_line({**article.to_dict(), 'article_id': row['article_id']}))} · source: {components.plain(article['source'])}")
    st.text(evidence(name, row.to_frame().T, tables["articles"]).iloc[0])  # st.text: article text shown as typed
    if len(history):
        components.table(history.assign(changes=history["changes"].map(str)), f"history_{row_id}",
                         {"version": "version", "action": "action", "status": "status", "changes": "changes", "reviewer": "reviewer", "made_at": "when", "reason": "reason"})
    with st.form(f"review_{row_id}"):
        action = st.radio("Decision", [a for a in LABELS if a != "undo" or len(history)], format_func=LABELS.get, key=f"decision_{row_id}")
        new = {}
        for field in review.editable(name):
            column = next(c for c in schema.TABLES[name].columns if c.name == field)
            if column.enum:
                new[field] = st.selectbox(field, column.enum, index=list(column.enum).index(values[field]) if values[field] in column.enum else 0, key=f"edit_{row_id}_{field}")
            elif column.type == "number":
                new[field] = st.number_input(field, value=float(values[field]), key=f"edit_{row_id}_{field}")
            else:
                new[field] = st.text_input(field, value=str(values[field] or ""), key=f"edit_{row_id}_{field}")
        reason = st.text_input("Reason", key=f"reason_{row_id}", placeholder="What the sentence says")
        if not st.form_submit_button("Record", type="primary", icon=":material/fact_check:"):
            return
    target = review.Target(name, row_id, row["article_id"], article["sha256"], int(row["start"]), int(row["end"]), values)
    try:
        review.record(database(), target, action, reviewer=reviewer, reason=reason, seen_version=seen, new=new if action == "edit" else None)
    except review.StaleVersion as exc:
        st.session_state[f"seen_{row_id}"] = len(exc.history)  # shown the other's change now: the next decision is made on it
        st.error(f"Not recorded: another reviewer changed this row meanwhile (now: {review.fold(exc.history)['status']}, "
                 f"{components.plain(exc.history.iloc[-1]['reviewer'])}). It is shown again with their change; decide again.", icon=":material/sync_problem:")
        return
    except ValueError as exc:
        st.error(f"Not recorded: {exc}")
        return
    del st.session_state[f"seen_{row_id}"]
    rebuilt(f"Recorded: {action} on {row_id}.")


def add_form(tables, reviewer: str) -> None:
    """A fact the extractor missed: an article, one of its sentences, the table and the fields."""
    articles = tables["articles"]
    article_id = st.selectbox("Article", list(articles["article_id"]), key="add_article")
    if article_id is None:
        return
    article = articles[articles["article_id"] == article_id].iloc[0]
    sentences = list(text.sentences(article["text"]))
    chosen = st.selectbox("Sentence", range(len(sentences)), format_func=lambda i: sentences[i].text[:160], key="add_sentence")
    name = st.selectbox("Table", review.ADDABLE, key="add_table")
    with st.form("add_fact"):
        fields = {"positions": ("actor_code", "stance", "cue"), "quotes": ("quote", "speaker", "speaker_country")}.get(name, ("kind", "value", "qualifier", "mention", "subject", "claimed_by"))
        values = {}
        for field in fields:
            column = next(c for c in schema.TABLES[name].columns if c.name == field)
            if column.enum:
                values[field] = st.selectbox(field, column.enum, key=f"add_{field}")
            elif column.type == "number":
                values[field] = st.number_input(field, value=0.0, key=f"add_{field}")
            else:
                values[field] = st.text_input(field, key=f"add_{field}", help=column.description)
        reason = st.text_input("Reason", key="add_reason")
        if not st.form_submit_button("Add this fact", icon=":material/add:") or chosen is None:
            return
    sentence = sentences[chosen]
    try:
        review.add_fact(database(), name, article.to_dict(), sentence.start, sentence.end, {k: v for k, v in values.items() if v != ""}, reviewer=reviewer, reason=reason)
    except ValueError as exc:
        st.error(f"Not added: {exc}")
        return
    rebuilt(f"Added a {name} fact to {article_id}.")


def rebuilt(message: str) -> None:
    """After a write: rebuild at once (nothing is extracted again), so every page and download shows it, and draw the page again."""
    cached.forget_staleness()
    components.ensure_tables()
    st.session_state["review_flash"] = message + " Every page and download shows it now."
    st.rerun()
