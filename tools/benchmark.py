"""Build-speed benchmark: articles per second, peak memory and incremental rebuilds on synthetic corpora.

    python -m tools.benchmark [--sizes 1000 10000 100000] [--workers 1 2] [--engines local dask] [--no-pages] [--json FILE]
    python -m tools.benchmark --extract-only [--sizes 1000] [--json FILE]

For each corpus size it synthesises the articles once, then times a full
build (``python -m lib.build --full``, a separate process, end to end: read,
extract, validate, write CSV and Parquet, publish) for every engine and
worker count, samples the peak resident memory of the build's whole process
tree (workers and Dask nannies included, shared pages counted once), and times an incremental rebuild
after adding ten new articles. It prints a Markdown table.

With ``--extract-only`` it times nothing but :func:`lib.extract.extract_article`,
in this process, in CPU time (``time.process_time``, the least of three
rounds, so helpers sharing the cores disturb it less than wall-clock time):
articles per second per core and milliseconds an article for each extractor.

The corpus is synthesised from the sentences of the seeds and the dev
articles: each synthetic article draws 12-40 sentences at random (fixed seed,
so runs are comparable), giving texts with the same vocabulary, quotes and
figures as real ones.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib import build, extract, paths, store
from tools import page_timing
from lib.articles import read_corpus
from lib.text import sentences

SOURCE_FOLDERS = (paths.ROOT / "seeds", paths.ROOT / "evaluation" / "dev")
ADDED = 10  # articles added before timing the incremental rebuild


def synthesize_corpus(folder: Path, n_articles: int, *, seed: int = 2024, first: int = 0) -> list[Path]:
    """Write ``n_articles`` synthetic articles (with front matter), numbered from ``first``, into ``folder``."""
    articles, _ = read_corpus(SOURCE_FOLDERS)
    pool = [s.text for a in articles for s in sentences(a.text)]
    outlets = sorted({a.outlet for a in articles if a.outlet})
    rng = random.Random(seed + first)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(first, first + n_articles):
        body = "\n".join(rng.sample(pool, rng.randint(12, 40)))
        published = f"2024-{rng.randint(8, 12):02d}-{rng.randint(1, 28):02d}"
        header = f"---\ntitle: Synthetic article {i}\noutlet: {rng.choice(outlets)}\nurl: \npublished: {published}\n---\n\n"
        path = folder / f"syn{i:06d}.txt"
        path.write_text(header + body + f"\nSynthetic article number {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def tree_memory_mb(pid: int) -> float:
    """Memory of a process and all its descendants, in MB (Linux /proc).

    Proportional set size, not resident size: forked workers share their
    parent's pages, and adding up their RSS would count those pages once per
    worker.
    """
    total_kb, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total_kb += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):  # the process ended while we looked
            continue
    return total_kb / 1024


def timed_build(corpus: Path, out: Path, *, engine: str = "local", workers: int = 1, full: bool = True) -> dict:
    """Run one build command; wall-clock and CPU seconds, peak memory of its process tree, and its report.

    CPU time (user + system of the build and the processes it waited for) is
    what to compare while other work shares the cores: wall-clock time then
    counts the waiting too.
    """
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "lib.build", "--articles", str(corpus), "--out", str(out), "--workers", str(workers), "--engine", engine]
    started = time.perf_counter()
    process = subprocess.Popen([*command, *(["--full"] if full else [])], cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_memory_mb(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = cpu.ru_utime + cpu.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read()[-2000:]}")
    report = store.read_report(out)
    return {
        "engine": engine, "workers": workers, "seconds": round(seconds, 1), "cpu_seconds": round(cpu_seconds, 1),
        "articles_per_second": round(report["articles_extracted"] / seconds, 1),
        "peak_memory_mb": round(peak), "articles_extracted": report["articles_extracted"], "rows": report["rows"],
    }


def benchmark_size(n_articles: int, *, engines: list[str], workers: list[int], tmp: Path, pages: bool = True) -> dict:
    """Full builds for every engine and worker count, an incremental rebuild, then the pages, on one corpus size."""
    corpus = tmp / f"corpus-{n_articles}"
    synthesize_corpus(corpus, n_articles)
    runs = []
    for engine in engines:
        for n_workers in workers:
            runs.append(timed_build(corpus, tmp / f"data-{n_articles}", engine=engine, workers=n_workers))
            print(f"{n_articles:>7,} articles  {engine:5} {n_workers} worker(s): {runs[-1]['seconds']:>7} s  "
                  f"{runs[-1]['articles_per_second']:>6} articles/s  peak {runs[-1]['peak_memory_mb']:>5} MB", flush=True)
    synthesize_corpus(corpus, ADDED, first=n_articles)
    incremental = timed_build(corpus, tmp / f"data-{n_articles}", engine="local", workers=max(workers), full=False)
    print(f"{n_articles:>7,} articles  +{ADDED} new: incremental rebuild {incremental['seconds']} s ({incremental['cpu_seconds']} s CPU) "
          f"({incremental['articles_extracted']} extracted), peak {incremental['peak_memory_mb']} MB", flush=True)
    result = {"articles": n_articles, "builds": runs, "incremental": incremental}
    if pages:
        result["pages"] = page_timing.page_rerun_times(tmp / f"data-{n_articles}", [corpus])
        print(page_timing.markdown_table(result["pages"]), flush=True)
    return result


ROUNDS = 3  # extraction timings: the least of this many rounds


def extraction_speed(n_articles: int, *, tmp: Path) -> dict:
    """CPU time of ``extract_article`` on ``n_articles`` synthetic articles, whole and per extractor (least of ROUNDS)."""
    corpus = tmp / f"corpus-{n_articles}"
    synthesize_corpus(corpus, n_articles)
    articles, _ = read_corpus([corpus])
    for article in articles[:5]:  # patterns compile on first use: not part of the timing
        extract.extract_article(article.article_id, article.text)

    def least(run) -> float:
        times = []
        for _ in range(ROUNDS):
            started = time.process_time()
            run()
            times.append(time.process_time() - started)
        return min(times)

    whole = least(lambda: [extract.extract_article(a.article_id, a.text) for a in articles])
    inputs = [(a.article_id, *extract.prepared(a.text)) for a in articles]
    steps = {"sentences": least(lambda: [extract.prepared(a.text) for a in articles])}
    for name, find in extract.EXTRACTORS.items():
        steps[name] = least(lambda find=find: [list(find(article_id, plain, sentences=split)) for article_id, plain, split in inputs])
    return {
        "articles": len(articles),
        "articles_per_second_per_core": round(len(articles) / whole, 1),
        "ms_per_article": round(whole / len(articles) * 1000, 2),
        "ms_per_article_by_step": {name: round(seconds / len(articles) * 1000, 2) for name, seconds in steps.items()},
    }


def extraction_line(result: dict) -> str:
    steps = ", ".join(f"{name} {ms}" for name, ms in result["ms_per_article_by_step"].items())
    return (f"{result['articles']:,} articles: {result['articles_per_second_per_core']} articles/s/core "
            f"({result['ms_per_article']} ms an article: {steps})")


def markdown_table(results: list[dict]) -> str:
    """The README's table: one line per corpus size, engine and worker count."""
    lines = [
        "| articles | engine | workers | full build (s) | articles/s | peak memory (MB) | +10 articles, incremental (s) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size in results:
        for run in size["builds"]:
            lines.append(
                f"| {size['articles']:,} | {run['engine']} | {run['workers']} | {run['seconds']} | {run['articles_per_second']} "
                f"| {run['peak_memory_mb']:,} | {size['incremental']['seconds']} |"
            )
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The command line, also read by the README test."""
    parser = argparse.ArgumentParser(prog="python -m tools.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="corpus sizes to synthesise (default 1000 10000 100000; 1000 with --extract-only)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to build with (default 1 2)")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=build.ENGINES, help="engines to build with (default local dask)")
    parser.add_argument("--no-pages", dest="pages", action="store_false", help="skip timing the dashboard's pages")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--extract-only", action="store_true", help="time only extract_article in this process (CPU time, per extractor), no builds")
    return parser


def run(argv: list[str] | None = None) -> list[dict]:
    args = parser().parse_args(argv)
    sizes = args.sizes or ([1000] if args.extract_only else [1000, 10000, 100000])
    with tempfile.TemporaryDirectory() as tmp:
        if args.extract_only:
            results = [extraction_speed(n, tmp=Path(tmp)) for n in sizes]
            print("\n".join(extraction_line(r) for r in results))
        else:
            results = [benchmark_size(n, engines=args.engines, workers=args.workers, tmp=Path(tmp), pages=args.pages) for n in sizes]
            print(markdown_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    run()
