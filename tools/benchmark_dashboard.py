"""Dashboard speed at scale: time to the first rendered page in a browser, and each page's run times, payload and memory.

    .venv/bin/python tools/benchmark_dashboard.py [--articles 1000] [--replicate 100000] [--keep DIR] [--no-browser]

For the seed corpus, a synthetic corpus of ``--articles`` articles
(``tools.benchmark``) built for real, and, with ``--replicate N``, that build
replicated to N articles (``tools.page_timing.replicate_build``: a minute, where
building 100,000 articles for real takes many):

- ``streamlit run`` to the Overview fully rendered in headless Chromium
  (script finished, content drawn), the way a user meets it, and from the
  first tab opening (the server warms itself before it answers);
- per page (``tools.page_timing.page_rerun_times``, a fresh process each time):
  the first run with cold caches, the median warm rerun (what a rerun costs),
  the bytes sent to the browser, and the peak memory of the process.

``--keep DIR`` keeps the corpora and builds in DIR and reuses them on the next
run (only what is missing or stale is built again), for iterating on pages.
Not collected by pytest (no ``test_`` prefix): it prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from lib import build  # noqa: E402
from lib.paths import ROOT  # noqa: E402
from tools import benchmark, page_timing  # noqa: E402
from tools.browser import chromium, streamlit_server  # noqa: E402


# The Overview drawn: its script finished, no placeholder left, its stance bars and metrics shown, and every plotly
# chart on it drawn (it has none: its bars are HTML, so that the landing page needs no plotly.js).
RENDERED = """() => document.querySelector('[data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && document.querySelector('.vz-stance-bars, [data-testid="stAlert"]')
    && document.querySelectorAll('[data-testid="stMetric"]').length >= 4
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => chart.querySelector('.main-svg'))"""


def render_seconds(env: dict[str, str]) -> dict[str, float]:
    """Seconds from starting ``streamlit run`` to its health check answering (``server_ready``: the server warms itself
    first, ``dashboard.py``) and to the Overview's script finished and its content drawn in Chromium (``first_render``),
    from the first tab opening to the same (``first_visit``), and, on the same server, from a second visitor's new tab
    to the same (``next_visitor``: the caches that sessions share are warm, which is what most visits meet)."""
    with chromium() as browser:
        page = browser.new_page()
        started = time.perf_counter()
        with streamlit_server(env=env) as base:
            ready = time.perf_counter() - started
            page.goto(base + "/")
            page.wait_for_function(RENDERED, timeout=600_000, polling=50)
            first = time.perf_counter() - started
            visitor = browser.new_page()
            opened = time.perf_counter()
            visitor.goto(base + "/")
            visitor.wait_for_function(RENDERED, timeout=600_000, polling=50)
            later = time.perf_counter() - opened
        return {"server_ready": round(ready, 2), "first_render": round(first, 2), "first_visit": round(first - ready, 2),
                "next_visitor": round(later, 2)}


def report(label: str, corpus: list[Path], data: Path, browser: bool) -> None:
    figures = page_timing.page_rerun_times(data, corpus)
    print(f"\n{label}")
    if browser:
        env = {"VENEZUELA_ARTICLES": ":".join(map(str, corpus)), "VENEZUELA_DATA": str(data), "VENEZUELA_UPLOADS": str(data / "no-uploads")}
        render = render_seconds(env)
        print(f"streamlit run -> health check {render['server_ready']:.2f} s, Overview rendered in Chromium {render['first_render']:.2f} s"
              f" ({render['first_visit']:.2f} s from the first tab); a second visitor's tab -> rendered {render['next_visitor']:.2f} s\n")
    print(page_timing.markdown_table(figures), flush=True)


def synthetic_corpus(folder: Path, n_articles: int) -> Path:
    """``tools.benchmark.synthesize_corpus`` unless the folder already holds it (rewriting would make its build stale)."""
    if len(list(folder.glob("*.txt"))) != n_articles:
        benchmark.synthesize_corpus(folder, n_articles)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the synthetic corpus built for real (default 1000)")
    parser.add_argument("--replicate", type=int, default=None, metavar="N", help="also measure that build replicated to N articles")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="keep and reuse corpora and builds in DIR")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the first render in Chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        seeds = [ROOT / "seeds"]
        build.build(seeds, work / "seed-data", only_if_stale=True)
        report("seeds", seeds, work / "seed-data", args.browser)
        synthetic = [synthetic_corpus(work / f"synthetic-{args.articles}", args.articles)]
        build.build(synthetic, work / f"synthetic-{args.articles}-data", workers=2, only_if_stale=True)
        report(f"synthetic, built: {args.articles:,} articles", synthetic, work / f"synthetic-{args.articles}-data", args.browser)
        if args.replicate:
            replica = work / f"replica-{args.replicate}-data"
            page_timing.replicate_build(work / f"synthetic-{args.articles}-data", replica, args.replicate, synthetic)
            report(f"synthetic, replicated: {args.replicate:,} articles", synthetic, replica, args.browser)


if __name__ == "__main__":
    main()
