"""Venezuela 2024: who claims what. The script every visitor's session runs (``dashboard.py`` serves it).

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

components.page_style()
components.ensure_tables()
# The default page answers at / only and still reserves its url_path, so /overview (in links people share) was
# "Page not found": the default reserves an unused name, and the same script answers at /overview too, left out
# of the menu by the style sheet.
script, title, icon, path = components.pages()[0]
pages = [st.Page(script, title=title, icon=icon, url_path="home", default=True)]
pages += [st.Page(script, title=title, icon=icon, url_path=path) for script, title, icon, path in components.pages()[1:]]
page = st.navigation([*pages, st.Page(script, title=title, icon=icon, url_path=path)])
st.session_state["page_path"] = page.url_path or path
components.sidebar_filters()
components.view_link(st.session_state["page_path"])
page.run()
