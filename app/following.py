"""The feeds followed, on the Add articles page: a form to follow or unfollow one, and each feed's status (from lib.feeds).

Reading the feeds is left to ``python -m lib.ingest --watch MINUTES`` (a
service): a page run must not wait for fifty fetches.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import feeds
from app import components

COLUMNS = {"url": "feed", "since": "followed since", "last_read": "last read", "total_added": "articles added", "last_added": "added by the last read", "error": "error"}


def feeds_panel() -> None:
    st.subheader("Feeds followed", anchor=False)
    st.markdown("`python -m lib.ingest --watch 30` reads every feed below each 30 minutes and adds its new entries about Venezuela.")
    with st.form("follow_feed", clear_on_submit=True):  # before the table, so the table shows the change
        url = st.text_input("Feed address (RSS or Atom)", placeholder="https://…/rss.xml", key="feed_url").strip()
        follow, unfollow = st.columns(2)
        followed, unfollowed = follow.form_submit_button("Follow", icon=":material/rss_feed:"), unfollow.form_submit_button("Unfollow", icon=":material/close:")
    try:
        if followed:
            st.success("Following it now." if feeds.follow(url) else "That feed is followed already.", icon=":material/check_circle:")
        elif unfollowed:
            st.success("Unfollowed." if feeds.unfollow(url) else "That feed is not followed.", icon=":material/check_circle:")
        rows = feeds.load()
    except ValueError as exc:  # a bad address, too many feeds, a damaged feeds.json (shown, never overwritten from here)
        st.warning(str(exc), icon=":material/block:")
        return
    if rows:
        shown = pd.DataFrame(rows).reindex(columns=list(COLUMNS)).fillna("")
        shown["last_added"] = shown["last_added"].map(lambda ids: ", ".join(ids) if isinstance(ids, list) else "")
        components.table(shown, "feeds", dict(COLUMNS))
