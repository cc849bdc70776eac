"""Venezuela 2024: who claims what. The dashboard's entry point (``streamlit run dashboard.py``).

A router in the manner of Streamlit's hello app: page config, the build step
(with progress when the tables are missing, stale or damaged), the shared
sidebar filters, then ``st.navigation`` over the pages listed in
:data:`app.components.PAGES`.
"""
import streamlit as st

st.set_page_config(
    page_title="Venezuela 2024: who claims what",
    page_icon="🗳️",
    layout="wide",
    menu_items={"About": "Claims about the disputed 2024 Venezuelan presidential election, extracted from news articles. Every number links back to its sentence."},
)

from app import components  # noqa: E402  (after set_page_config; light to import)

components.ensure_tables()
page = st.navigation([
    st.Page(script, title=title, icon=icon, url_path=path, default=i == 0)
    for i, (script, title, icon, path) in enumerate(components.pages())
])
components.sidebar_filters()
page.run()
