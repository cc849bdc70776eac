"""The speed benchmark: its synthetic corpus, its figures and its memory sampling."""
import os
import subprocess
import sys
import time

from tools import benchmark
from lib.articles import read_corpus


def test_synthetic_corpus_is_deterministic_and_readable(tmp_path):
    first = benchmark.synthesize_corpus(tmp_path / "a", 20)
    second = benchmark.synthesize_corpus(tmp_path / "b", 20)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    articles, rejected = read_corpus([tmp_path / "a"])
    assert len(articles) == 20 and rejected == []
    assert all(a.metadata_source == "front_matter" and a.published for a in articles)


def test_benchmark_reports_throughput_memory_and_the_incremental_rebuild(capsys, tmp_path):
    [size] = benchmark.run(["--sizes", "30", "--workers", "1", "--engines", "local", "--no-pages", "--json", str(tmp_path / "b.json")])
    [full] = size["builds"]
    assert full["articles_extracted"] == 30 and full["articles_per_second"] > 0 and full["peak_memory_mb"] > 0
    assert size["incremental"]["articles_extracted"] == benchmark.ADDED
    out = capsys.readouterr().out
    assert "articles/s" in out and "| 30 | local | 1 |" in out


def test_tree_memory_counts_child_processes():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(200_000_000); time.sleep(5)"])
    try:
        deadline = time.time() + 4
        while benchmark.tree_memory_mb(child.pid) < 150 and time.time() < deadline:
            time.sleep(0.1)
        assert benchmark.tree_memory_mb(child.pid) > 150
        assert benchmark.tree_memory_mb(os.getpid()) > benchmark.tree_memory_mb(child.pid)  # the parent's tree includes it
    finally:
        child.kill()
        child.wait()


def test_extract_only_reports_articles_per_second_per_core_and_each_extractor(capsys):
    [result] = benchmark.run(["--extract-only", "--sizes", "20"])
    assert result["articles"] == 20 and result["articles_per_second_per_core"] > 0
    assert set(result["ms_per_article_by_step"]) == {"sentences", "positions", "figures", "quotes", "events"}
    assert "articles/s/core" in capsys.readouterr().out
