"""The dashboard at scale: each page's run times, the bytes it sends to the browser, and the process's peak memory.

    python -m tools.page_timing --data DIR --articles DIR [DIR ...] [--reruns 3] [--json FILE] [--browser N]
    python -m tools.page_timing --replicate SOURCE_DATA --to OUT --size 100000 --articles DIR [DIR ...]

Measuring: every page of :data:`app.components.PAGES` runs through
Streamlit's ``AppTest`` on an existing build, in a fresh process (so that its
peak resident memory is the dashboard's own and every cache starts empty):

- ``first``: the page's first run, cold caches (for the Overview, the first
  run of the dashboard, tables loaded from Parquet included);
- ``rerun``: the median of the following reruns with the same widgets, which
  is what a rerun with warm caches costs (the target is under a second);
- ``first_cpu``, ``rerun_cpu``: the same runs in CPU seconds of this process
  (AppTest runs the script here), steadier than the wall clock on a shared machine;
- ``payload_bytes``: the size of every message the run queued for the
  browser (elements, tables, figures), the most a real server would send;
- ``download_bytes``: file bytes the run made the server hold for download
  buttons (sent only when clicked, but built and kept in memory).

Two more rows time the Quotes page's search: a new query (the folded search
column read on the first search and scanned), then turning to the second page
of its hits; three more the content a page makes only when it is opened
(:data:`OPENED`: a tab, an expander).

``--browser N`` also starts ``streamlit run`` N times on the same build and
times the Overview fully rendered in headless Chromium
(:func:`tools.benchmark_dashboard.render_seconds`: also the server's start alone and a second
visitor's tab on the running server), after the page timings.

It refuses to measure when the build is missing or stale, rather than let the
dashboard extract 100,000 articles inside a timing, and holds the code's
fingerprint fixed while it measures (an edit meanwhile must not trigger one).

Replicating: building a 100,000-article corpus for real takes many minutes.
:func:`replicate_build` copies the tables of a small real build (new
article ids, shifted dates, rotated outlets, the same texts, so every offset
stays valid) up to the wanted size and publishes them as a build whose report
matches the given corpus folders and the current code, so the dashboard takes
it as up to date and does not rebuild.

Only :func:`measure_pages` and :class:`PayloadMeter` import Streamlit (when
called): the rest of ``lib`` stays Streamlit-free.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

from lib import evaluate, paths, schema, store, summaries

REPLICA_SEPARATOR = "-r"  # replica k of article "a" is "a-r0k"


# ---------------------------------------------------------------- replicating a build


def replicate_tables(tables: dict[str, pd.DataFrame], n_articles: int) -> dict[str, pd.DataFrame]:
    """The tables of ``tables`` copied until they hold ``n_articles`` articles.

    Copy ``k`` (``k >= 1``) of article ``a`` is ``a-r00k``: published ``k % 5 - 2``
    days apart from the original (within the corpus's date range), its outlet
    the ``k``-th next of the corpus's outlets, its title marked with the copy.
    Texts and fact rows are the same, so offsets stay valid.
    """
    articles = tables["articles"]
    copies = -(-n_articles // max(len(articles), 1))
    outlets = sorted(set(articles["outlet"].dropna()) - {""})
    outlet_number = {o: i for i, o in enumerate(outlets)}
    dates = pd.to_datetime(articles["published"].replace("", None), format="%Y-%m-%d")
    low, high = dates.min(), dates.max()
    out: dict[str, list[pd.DataFrame]] = {name: [] for name in tables}
    for k in range(copies):
        suffix = f"{REPLICA_SEPARATOR}{k:03d}" if k else ""
        new_id = articles["article_id"] + suffix
        copy = articles.assign(article_id=new_id)
        if k:
            shifted = (dates + pd.Timedelta(days=k % 5 - 2)).clip(low, high).dt.strftime("%Y-%m-%d")
            copy = copy.assign(
                published=shifted.fillna(""),
                outlet=articles["outlet"].map(lambda o: outlets[(outlet_number[o] + k) % len(outlets)] if o in outlet_number else o),
                title=articles["title"] + f" (copy {k})",
                sha256=articles["sha256"].str.slice(0, 56) + f"{k:08x}",
            )
        out["articles"].append(copy)
        for name in schema.FACT_TABLES:
            out[name].append(tables[name].assign(article_id=tables[name]["article_id"] + suffix))
    result = {name: pd.concat(frames, ignore_index=True) for name, frames in out.items()}
    keep = set(result["articles"]["article_id"].iloc[:n_articles])
    return {name: schema.validate(schema.TABLES[name], df[df["article_id"].isin(keep)].reset_index(drop=True)) for name, df in result.items()}


def stamp_report(report: dict, corpus_folders: list[Path]) -> dict:
    """``report`` with the fingerprints of ``corpus_folders`` and of the current code: the dashboard will not rebuild."""
    return {**report, "corpus_fingerprint": store.corpus_fingerprint(corpus_folders), "code_fingerprint": store.code_fingerprint()}


def refresh_build(folder: Path) -> None:
    """Bring a published build made by older code up to the current code without extracting again: its tables
    validated against the current schema (recorded as :data:`lib.store.VALIDATED`), its summaries remade with
    :mod:`lib.summaries` as the build makes them (each batch's parts from its tables and texts, then combined)."""
    tables = store.load_tables(folder)  # raises if a table no longer fits the schema
    shutil.rmtree(folder / summaries.FOLDER, ignore_errors=True)
    for where in summaries.part_folders(folder):
        where.mkdir(parents=True)
    batches = len(store.read_parts(folder))
    for batch in range(batches):
        part = f"batch-{batch:05d}"
        summaries.write_parts({name: pd.read_parquet(folder / f"{name}.parquet" / f"{part}.parquet") for name in schema.TABLES}, folder, part)
    summaries.write(tables, folder, [None] * batches)  # every batch's parts made now, none linked
    report = {**store.load_report(folder), store.VALIDATED: store.schema_fingerprint()}
    for where in (folder, folder / store.EXTRACTED):
        (where / store.REPORT).write_text(json.dumps(report, indent=2), encoding="utf-8")


def replicate_build(source: Path, out: Path, n_articles: int, corpus_folders: list[Path]) -> dict:
    """Publish into ``out`` the current build of ``source`` replicated to ``n_articles``; returns its report.

    An existing replica of the same source and size is reused, since writing
    100,000 articles' tables takes minutes: when the code changed since, its
    tables are validated again and its summaries remade (:func:`refresh_build`),
    then its report re-stamped.
    """
    source_report = store.load_report(store.current_build(source))
    origin = {"source": str(source), "built_at": source_report["built_at"], "articles": n_articles}
    existing = store.read_report(out)
    if existing is not None and existing.get("replicated_from") == origin:
        folder = store.current_build(out)
        if existing.get("code_fingerprint") != store.code_fingerprint() or not store.validated(folder):
            refresh_build(folder)
            existing = store.load_report(folder)
        report = stamp_report(existing, corpus_folders)
        if report != existing:
            for where in (folder, folder / store.EXTRACTED):
                (where / store.REPORT).write_text(json.dumps(report, indent=2), encoding="utf-8")
        evaluate.kept_dashboard_scores(out)  # as a build of this code would have scored it
        return report
    tables = replicate_tables(store.load_tables(store.current_build(source)), n_articles)
    report = stamp_report({
        **source_report,
        "articles_read": len(tables["articles"]),
        "rows": {name: len(df) for name, df in tables.items()},
        "replicated_from": origin,
    }, corpus_folders)
    store.publish(tables, report, out)
    evaluate.kept_dashboard_scores(out)  # as a build of this code would have scored it
    return report


# ---------------------------------------------------------------- measuring the pages


class PayloadMeter:
    """Counts what Streamlit runs queue for the browser, and the download bytes they store.

    While :meth:`installed` is active, every ``ForwardMsg`` enqueued by any
    script run adds its serialized size to :attr:`payload_bytes`, and every
    file stored for a download button adds its size to
    :attr:`download_bytes`. :meth:`reset` starts a new count.
    """

    def __init__(self) -> None:
        self.payload_bytes = 0
        self.download_bytes = 0
        self.largest: list[tuple[int, str]] = []  # (bytes, element type) of the biggest messages

    def reset(self) -> None:
        self.payload_bytes, self.download_bytes, self.largest = 0, 0, []

    def _count(self, msg) -> None:
        size = msg.ByteSize()
        self.payload_bytes += size
        if msg.HasField("delta") and msg.delta.HasField("new_element"):
            kind = msg.delta.new_element.WhichOneof("type")
        else:
            kind = msg.WhichOneof("type")
        self.largest = sorted([*self.largest, (size, kind)], reverse=True)[:5]

    @contextmanager
    def installed(self) -> Iterator["PayloadMeter"]:
        from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
        from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

        enqueue, load = ForwardMsgQueue.enqueue, MemoryMediaFileStorage.load_and_get_id
        meter = self

        def counting_enqueue(queue, msg, *args, **kwargs):
            meter._count(msg)
            return enqueue(queue, msg, *args, **kwargs)

        def counting_load(storage, path_or_data, *args, **kwargs):
            if isinstance(path_or_data, (bytes, str)):
                meter.download_bytes += len(path_or_data)
            return load(storage, path_or_data, *args, **kwargs)

        ForwardMsgQueue.enqueue, MemoryMediaFileStorage.load_and_get_id = counting_enqueue, counting_load
        try:
            yield self
        finally:
            ForwardMsgQueue.enqueue, MemoryMediaFileStorage.load_and_get_id = enqueue, load


def _timed_run(at, meter: PayloadMeter) -> tuple[float, int, int, float]:
    """Wall-clock seconds, payload and download bytes, and CPU seconds of one run.

    AppTest runs the script in this process, so the process's CPU time spans
    the run; on a machine shared with other work it says what the run cost
    better than the wall clock does.
    """
    meter.reset()
    started, cpu = time.perf_counter(), time.process_time()
    at.run()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return seconds, meter.payload_bytes, meter.download_bytes, cpu


SEARCH = "gonzalez"  # a word many quotes match: the slowest kind of search to page through


def _quote_search(at, meter: PayloadMeter) -> dict[str, dict]:
    """What typing a new search on the Quotes page costs, then turning to its second page."""
    at.switch_page("app_pages/quotes.py")
    at.run()
    figures = {}
    for label, act in ((f"Quotes: new search '{SEARCH}'", lambda: at.text_input(key="q").input(SEARCH)),
                       ("Quotes: next page of hits", lambda: at.session_state.__setitem__("quote_page", 2))):
        act()
        seconds, payload, downloads, cpu = _timed_run(at, meter)
        again = _timed_run(at, meter)
        figures[label] = {"first": round(seconds, 3), "rerun": round(again[0], 3), "first_cpu": round(cpu, 3), "rerun_cpu": round(again[3], 3),
                          "payload_bytes": payload, "download_bytes": downloads, "largest": meter.largest}
    return figures


# What the pages make only when it is opened (a tab, an expander): the work their first run no longer does. (label, page, state set)
OPENED = (
    ("World positions: Table tab", "app_pages/world_map.py", {"view": "Table"}),
    ("Results: both expanders", "app_pages/results.py", {"other_contests": True, "not_results": True}),
    ("Quotes: table of the matches", "app_pages/quotes.py", {"quote_table": True}),
)


def _opened(at, meter: PayloadMeter) -> dict[str, dict]:
    """What opening each of :data:`OPENED` costs, the first time and again."""
    figures = {}
    for label, script, state in OPENED:
        at.switch_page(script)
        at.run()
        for key, value in state.items():
            at.session_state[key] = value
        seconds, payload, downloads, cpu = _timed_run(at, meter)
        again = _timed_run(at, meter)
        figures[label] = {"first": round(seconds, 3), "rerun": round(again[0], 3), "first_cpu": round(cpu, 3), "rerun_cpu": round(again[3], 3),
                          "payload_bytes": payload, "download_bytes": downloads, "largest": meter.largest}
    return figures


def measure_pages(data_folder: Path, corpus_folders: list[Path], reruns: int = 3) -> dict:
    """Run every page in this process (see the module docstring); page title -> figures, plus peak memory."""
    os.environ.update({
        "VENEZUELA_DATA": str(data_folder),
        "VENEZUELA_ARTICLES": os.pathsep.join(map(str, corpus_folders)),
        "VENEZUELA_UPLOADS": os.environ.get("VENEZUELA_UPLOADS", str(Path(data_folder) / "no-uploads")),
    })
    reason = store.stale_reason(paths.corpus_folders(), paths.data_folder())
    # Pin the code's fingerprint for the measurement: an edit to the extractor
    # meanwhile must not make the dashboard rebuild in the middle of a timing.
    fingerprint = store.code_fingerprint()
    store.code_fingerprint = lambda: fingerprint
    if reason is not None:
        raise RuntimeError(f"refusing to time the pages: {reason} (build first)")
    from streamlit.testing.v1 import AppTest

    from app.components import PAGES

    at = AppTest.from_file(str(paths.ROOT / "router.py"), default_timeout=600)
    pages: dict[str, dict] = {}
    with PayloadMeter().installed() as meter:
        for number, (script, title, *_) in enumerate(PAGES):
            if number:
                at.switch_page(script)
            first, payload, downloads, cpu = _timed_run(at, meter)
            samples = [_timed_run(at, meter) for _ in range(reruns)]
            pages[title] = {
                "first": round(first, 3),
                "rerun": round(statistics.median(s[0] for s in samples), 3),
                "first_cpu": round(cpu, 3),
                "rerun_cpu": round(statistics.median(s[3] for s in samples), 3),
                "payload_bytes": max(payload, *(s[1] for s in samples)),
                "download_bytes": max(downloads, *(s[2] for s in samples)),
                "largest": meter.largest,
            }
        pages.update(_quote_search(at, meter))
        pages.update(_opened(at, meter))
    return {
        "articles": store.read_report(data_folder)["articles_read"],
        "pages": pages,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def page_rerun_times(data_folder: Path, corpus_folders: list[Path], reruns: int = 3) -> dict:
    """:func:`measure_pages` in a fresh process: ``{"articles", "pages": {title: {first, rerun, payload_bytes, ...}}, "peak_memory_mb"}``."""
    command = [sys.executable, "-m", "tools.page_timing", "--data", str(data_folder), "--reruns", str(reruns),
               "--articles", *map(str, corpus_folders), "--json", "-"]
    done = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def markdown_table(figures: dict) -> str:
    lines = [
        f"{figures['articles']:,} articles; peak memory of the dashboard process {figures['peak_memory_mb']:,} MB",
        "",
        "| page | first run (s) | first run, CPU (s) | rerun (s) | rerun, CPU (s) | sent to the browser (KB) | download bytes built (KB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for title, page in figures["pages"].items():
        lines.append(f"| {title} | {page['first']} | {page.get('first_cpu', '')} | {page['rerun']} | {page.get('rerun_cpu', '')} "
                     f"| {page['payload_bytes'] / 1024:,.0f} | {page['download_bytes'] / 1024:,.0f} |")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.page_timing", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the data folder holding the build to measure")
    parser.add_argument("--articles", type=Path, nargs="+", required=True, help="the corpus folders the build was made from")
    parser.add_argument("--reruns", type=int, default=3, help="warm reruns per page (default 3)")
    parser.add_argument("--json", default=None, help="write the figures as JSON to this file ('-': standard output)")
    parser.add_argument("--browser", type=int, default=0, metavar="N", help="also time the Overview's first render in Chromium N times")
    parser.add_argument("--replicate", type=Path, default=None, metavar="SOURCE_DATA", help="instead: replicate the build of this data folder")
    parser.add_argument("--to", type=Path, default=None, help="with --replicate: the data folder to publish the replica into")
    parser.add_argument("--size", type=int, default=100_000, help="with --replicate: articles in the replica (default 100000)")
    return parser


def run(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.replicate:
        report = replicate_build(args.replicate, args.to, args.size, args.articles)
        print(f"{args.to}: {report['articles_read']:,} articles, rows {report['rows']}")
        return 0
    figures = measure_pages(args.data, args.articles, args.reruns)
    if args.browser:
        from tools.benchmark_dashboard import render_seconds

        env = {"VENEZUELA_ARTICLES": os.pathsep.join(map(str, args.articles)), "VENEZUELA_DATA": str(args.data),
               "VENEZUELA_UPLOADS": os.environ["VENEZUELA_UPLOADS"]}
        figures["render_seconds"] = [render_seconds(env) for _ in range(args.browser)]
    if args.json == "-":
        print(json.dumps(figures))
    else:
        print(markdown_table(figures))
        if args.browser:
            print("\nstreamlit run -> health check, Overview rendered in Chromium (from the first tab); a second visitor's tab -> rendered (s): "
                  + "; ".join(f"{r['server_ready']}, {r['first_render']} ({r['first_visit']}); {r['next_visitor']}" for r in figures["render_seconds"]))
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(run())
