"""The whole extractor (every table) takes time linear in the text on pathological input.

Each module has its own linear-time test; this one runs ``extract_article`` as a
build does, on the inputs that once held the build lock for an hour (issue 17):
one 100,000-character sentence of recognitions, runs of "-1-2-3-", of "5% ", of
"Mr. ", of quote marks, and a paragraph of many short quotes. The check is a
ratio of CPU times for a text and one twice as long (best of three interleaved
runs), never an absolute time, so a slow or busy machine does not fail it.
"""
import pytest
from cpu_time import cpu_seconds

from lib.extract import extract_article

UNITS = {
    "recognitions in one sentence": "The United States and Brazil recognised Gonzalez, ",
    "dash-separated numbers": "-1-2-3-4-5-6-7-8-9-10",
    "percent signs": "5% ",
    "titles": "Mr. ",
    "quote marks": "“ ” \" ' ‘ ’ ",
    "short quotes in one paragraph": "“We won the vote,” Machado said, and the CNE said “Maduro won”; ",
}
SIZE = 20_000  # characters of the smaller text; the larger is twice that


def _seconds(unit: str, size: int) -> float:
    return cpu_seconds(extract_article, "x", unit * (size // len(unit)))


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_twice_the_text_takes_about_twice_the_time(unit):
    runs = [(_seconds(unit, SIZE), _seconds(unit, 2 * SIZE)) for _ in range(3)]
    small, large = min(r[0] for r in runs), min(r[1] for r in runs)
    assert large / max(small, 1e-3) < 3, f"2N/N time ratio {large / small:.2f} ({small:.3f} s, {large:.3f} s): superlinear"
