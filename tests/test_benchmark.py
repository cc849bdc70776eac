"""The synthetic corpus behind the speed benchmark."""
from lib import benchmark
from lib.articles import read_corpus


def test_synthetic_corpus_is_deterministic_and_readable(tmp_path):
    first = benchmark.synthesize_corpus(tmp_path / "a", 20)
    second = benchmark.synthesize_corpus(tmp_path / "b", 20)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    articles, rejected = read_corpus([tmp_path / "a"])
    assert len(articles) == 20 and rejected == []
    assert all(a.metadata_source == "front_matter" and a.published for a in articles)


def test_benchmark_reports_throughput_and_memory(capsys):
    result = benchmark.run(["--articles", "30"])
    assert result["articles"] == 30 and result["articles_per_second"] > 0 and result["peak_memory_mb"] > 0
    assert "articles/s" in capsys.readouterr().out
