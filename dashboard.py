"""Venezuela 2024: who claims what. The dashboard's entry point (``streamlit run dashboard.py``).

``streamlit run`` finds :data:`streamlit_app` here, a Streamlit ``st.App``, and serves it: every visitor's
session runs the router script ``router.py`` (page config, the build step, the sidebar, ``st.navigation``
over the pages). Its start-up hook warms the server in a thread while it already answers
(:func:`app.cached.warm`: the app's modules, the first look at the corpus files, the build's report and the
sidebar's options), so that the first visitor of a new server does not wait for them: about two seconds at
100,000 articles on a 2-core machine, a second visitor's page taking 2 s where the first's took 5.
"""
import threading
from contextlib import asynccontextmanager

import streamlit as st


def _warm() -> None:
    from app import cached  # imported here: uvicorn imports this module before the server starts

    cached.warm()


@asynccontextmanager
async def _warming(_app):
    threading.Thread(target=_warm, name="warm-server", daemon=True).start()
    yield


streamlit_app = st.App("router.py", lifespan=_warming)
