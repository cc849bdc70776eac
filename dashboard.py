"""Venezuela 2024: who claims what. The dashboard's entry point (``streamlit run dashboard.py``).

``streamlit run`` finds :data:`streamlit_app` here, a Streamlit ``st.App``, and serves it: every visitor's
session runs the router script ``router.py`` (page config, the build step, the sidebar, ``st.navigation``
over the pages). Its start-up hook warms the server before it answers (:func:`app.cached.warm`: the app's
modules, the first look at the corpus files, the build's report and the sidebar's options), so that its first
visitor meets a warm server, as every later one does: at 100,000 articles on a 2-core machine, 1.3-1.5 s more
before the server answers, 1.2-1.6 s less for the first page (docs/performance.md, session 13). Warmed in a
thread the server answered at once, but the warm-up then held the interpreter while the browser fetched the
frontend, and a visitor arriving at once waited longer, not shorter.
"""
import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st


def _warm() -> None:
    try:
        from app import cached  # imported here: uvicorn imports this module before the server starts

        cached.warm()
    except Exception:  # an optimisation only: a server that cannot warm still serves, and its first visit says what is wrong
        logging.getLogger(__name__).exception("warming the server failed")


@asynccontextmanager
async def _warming(_app):
    await asyncio.to_thread(_warm)
    yield


streamlit_app = st.App("router.py", lifespan=_warming)
