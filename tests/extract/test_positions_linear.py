"""Positions run in time linear in the sentence length: a hostile upload of one endless sentence must not hold the build.

The old extractor scanned every cue's clause, subject and list from the sentence start, so
time grew with the square of the sentence length (100,000 characters took ~13 s). This test
times inputs of size N and 4N in one run and bounds the ratio, never an absolute time: linear
time gives about 4, quadratic 16, and the bound of 8 sits between with room for noise. CPU time
of this process, with the garbage collector paused, so other work on the machine and a
collection landing in one run do not decide the ratio.
"""
from cpu_time import cpu_seconds

from lib.extract.positions import find_positions
from lib.text import sentences

LIST_SENTENCE = "The United States and Brazil recognised Gonzalez, "
CUE_RUN = "recognised rejected congratulated fraud concern "


def _seconds(text: str) -> float:
    spans = list(sentences(text))
    return cpu_seconds(lambda: list(find_positions("x", text, sentences=spans)))


def _pathological(size: int) -> str:
    """One sentence (no full stop) of a repeated list-and-cue clause, then a run of bare cue words."""
    half = size // 2
    return (LIST_SENTENCE * (half // len(LIST_SENTENCE) + 1))[:half] + (CUE_RUN * (half // len(CUE_RUN) + 1))[:half]


def test_time_grows_linearly_with_sentence_length():
    _seconds(_pathological(2_000))  # compile the cue patterns outside the timing
    small = min(_seconds(_pathological(20_000)) for _ in range(3))  # best of three: the machine is shared
    large = min(_seconds(_pathological(80_000)) for _ in range(3))  # best of three: the machine is shared
    assert large / small < 8, f"20k chars: {small:.3f}s, 80k chars: {large:.3f}s, ratio {large / small:.2f}"
