"""Dashboard speed: time to the first rendered page in a browser, and each page's rerun time.

    .venv/bin/python tests/benchmark_dashboard.py [--articles 1000]

For the seed corpus and for a synthetic corpus (``lib.benchmark``), with the
tables built beforehand (the build itself is measured by ``lib.benchmark``):

- ``streamlit run`` to the Overview fully rendered in headless Chromium
  (script finished, charts drawn), the way a user meets it;
- each page's script run time through ``AppTest``, first run (cold cache) and
  median of three reruns (warm cache), which is what a filter change costs.

Not collected by pytest (no ``test_`` prefix): it prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from browser import chromium, streamlit_server  # noqa: E402
from lib import benchmark, build  # noqa: E402
from app_pages.common import PAGES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


RENDERED = """() => document.querySelector('[data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length > 0"""


def first_render_seconds(env: dict[str, str]) -> float:
    """From starting ``streamlit run`` to the Overview's script finished and its charts drawn in Chromium."""
    with chromium() as browser:
        page = browser.new_page()
        started = time.perf_counter()
        with streamlit_server(env=env) as base:
            page.goto(base + "/")
            page.wait_for_function(RENDERED, timeout=120_000, polling=50)
            seconds = time.perf_counter() - started
        return seconds


def page_times(env: dict[str, str], reruns: int = 3) -> dict[str, tuple[float, float]]:
    """page -> (first run seconds, median rerun seconds) through AppTest."""
    os.environ.update(env)
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    times = {}
    for script, title, *_ in PAGES:
        at.switch_page(script)
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        samples = []
        for _ in range(reruns):
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{title}: {at.exception[0].value}")
        times[title] = (first, statistics.median(samples))
    return times


def report(label: str, env: dict[str, str]) -> None:
    articles = build.build([Path(p) for p in env["VENEZUELA_ARTICLES"].split(os.pathsep)], Path(env["VENEZUELA_DATA"]))["articles_read"]
    print(f"\n{label}: {articles} articles")
    print(f"  streamlit run -> Overview rendered in Chromium: {first_render_seconds(env):.2f} s")
    for title, (first, rerun) in page_times(env).items():
        print(f"  {title:<18} first run {first:6.3f} s   rerun {rerun:6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the synthetic corpus (default 1000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report("seeds", {"VENEZUELA_ARTICLES": str(ROOT / "seeds"), "VENEZUELA_DATA": str(tmp / "seed-data")})
        benchmark.synthesize_corpus(tmp / "synthetic", args.articles)
        report("synthetic", {"VENEZUELA_ARTICLES": str(tmp / "synthetic"), "VENEZUELA_DATA": str(tmp / "synthetic-data")})


if __name__ == "__main__":
    main()
