"""Build-speed benchmark: articles per second and peak memory on a synthetic corpus.

    python -m lib.benchmark [--articles 1000] [--workers 1]

The corpus is synthesised from the sentences of the seeds and the dev
articles: each synthetic article draws 12-40 sentences at random (fixed seed,
so runs are comparable), giving texts with the same vocabulary, quotes and
figures as real ones. The build is the real one (read, extract, validate,
write CSV and Parquet, publish), timed end to end.
"""
from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from lib import build
from lib.articles import read_corpus
from lib.text import sentences

SOURCE_FOLDERS = (build.ROOT / "seeds", build.ROOT / "tests" / "fixtures" / "dev")


def synthesize_corpus(folder: Path, n_articles: int, *, seed: int = 2024) -> list[Path]:
    """Write ``n_articles`` synthetic articles (with front matter) into ``folder``."""
    articles, _ = read_corpus(SOURCE_FOLDERS)
    pool = [s.text for a in articles for s in sentences(a.text)]
    outlets = sorted({a.outlet for a in articles if a.outlet})
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_articles):
        body = "\n".join(rng.sample(pool, rng.randint(12, 40)))
        published = f"2024-{rng.randint(8, 12):02d}-{rng.randint(1, 28):02d}"
        header = f"---\ntitle: Synthetic article {i}\noutlet: {rng.choice(outlets)}\nurl: \npublished: {published}\n---\n\n"
        path = folder / f"syn{i:06d}.txt"
        path.write_text(header + body + f"\nSynthetic article number {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def peak_memory_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB (Linux reports kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def parser() -> argparse.ArgumentParser:
    """The command line, also read by the README test."""
    parser = argparse.ArgumentParser(prog="python -m lib.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles to build (default 1000)")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    return parser


def run(argv: list[str] | None = None) -> dict:
    args = parser().parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        synthesize_corpus(corpus, args.articles)
        started = time.perf_counter()
        report = build.build([corpus], Path(tmp) / "data", workers=args.workers)
        seconds = time.perf_counter() - started
    result = {
        "articles": report["articles_read"],
        "workers": args.workers,
        "seconds": round(seconds, 2),
        "articles_per_second": round(report["articles_read"] / seconds, 1),
        "peak_memory_mb": round(peak_memory_mb(), 1),
        "rows": report["rows"],
    }
    print(
        f"{result['articles']} articles, {args.workers} worker(s): {result['seconds']} s, "
        f"{result['articles_per_second']} articles/s, peak memory {result['peak_memory_mb']} MB"
    )
    print("rows: " + ", ".join(f"{k} {v}" for k, v in report["rows"].items()))
    return result


if __name__ == "__main__":
    run()
