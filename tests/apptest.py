"""Helpers for the AppTest page tests (a helper module, not a test module; the fixtures are in conftest.py).

Downloads are checked by capturing what Streamlit keeps for each download
button: the bytes, or the callable that makes them when the button is clicked.
"""
import io
import json
import re

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import geo
from lib import store
from lib.paths import ROOT


class Downloads(dict):
    """file id -> bytes of every file a download button offered; deferred ones are made when looked up, like a click."""

    def __missing__(self, file_id: str) -> bytes:
        data = self.deferred[file_id]()
        return data.encode() if isinstance(data, str) else data


def file_id(button) -> str:
    """The id under which a download button's file (or the callable making it) is kept."""
    return button.proto.deferred_file_id or button.proto.url.rsplit("/", 1)[-1].split(".")[0]


def clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "router.py"), default_timeout=60)


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
    assert not at.error, f"{page}: {[e.value for e in at.error]}"
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Select the tab ``label`` of the tabs ``key`` (what a click does), for the content a page makes only when its tab is open."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, f"{key}={label}: {[e.value for e in at.exception]}"
    return at


def built_tables(data_dir) -> dict[str, pd.DataFrame]:
    return store.load_tables(store.current_build(data_dir))


def check_downloads(at: AppTest, downloads: dict) -> dict[str, int]:
    """Every CSV download holds as many rows as its label says; returns label -> rows."""
    found = {}
    for button in at.download_button:
        label = button.proto.label
        match = re.search(r"(?:these|the same) ([\d,]+) rows?\b", label)
        if not match:
            continue
        data = downloads[file_id(button)]
        rows = len(pd.read_csv(io.BytesIO(data))) if data.strip() else 0
        assert rows == int(match.group(1).replace(",", "")), label
        found[button.proto.id.split("-", 2)[-1]] = rows
    return found


def figure(at: AppTest, key: str) -> dict:
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(key):
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no plotly chart {key!r}; have {[c.proto.id for c in at.get('plotly_chart')]}")


def map_locations(fig: dict) -> set[tuple[str, str]]:
    """(ISO-3 code, legend name) of every country drawn: outlines and small-country markers."""
    by_point = {(round(lon, 4), round(lat, 4)): code for code, (lon, lat) in geo.small_country_centroids().items()}
    shown = set()
    for trace in fig["data"]:
        if trace.get("type") == "choropleth":
            shown.update((loc, trace["name"]) for loc in trace.get("locations", []))
        elif trace.get("type") == "scattergeo":
            shown.update((by_point[(round(lon, 4), round(lat, 4))], trace["name"]) for lon, lat in zip(trace["lon"], trace["lat"]))
    return shown
