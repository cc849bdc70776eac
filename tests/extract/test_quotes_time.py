"""The quotes extractor takes time linear in the text: a pathological article twice as long takes about twice as long.

One sentence of 100,000 characters made of reporting clauses ("Machado said
that “we won”, ") once made every reporting verb rescan its sentence from the
start. The check is a ratio of two sizes, never an absolute time, so it holds
on a slow or busy machine.
"""
from cpu_time import cpu_seconds

from lib.extract.quotes import find_quotes
from lib.text import sentences

# One sentence (no full stop) of reporting clauses, verbs before and after
# quotes, a pronoun, "according to", an organisation and a role phrase; then
# the same clauses as many quotes in one paragraph.
CLAUSE = "Machado said that “we won the vote”, “it is over,” said the opposition leader, according to Foro Penal it said “a b”; "


def _seconds(size: int) -> float:
    """CPU seconds (not wall-clock: other processes on a shared machine do not count) to extract a text of ``size``."""
    text = CLAUSE * (size // len(CLAUSE))
    return cpu_seconds(lambda: list(find_quotes("x", text, sentences=list(sentences(text)))))


def test_quotes_extract_in_linear_time_on_one_long_sentence():
    # The best of three interleaved runs per size: a busy moment slows a run, not a size.
    runs = [(_seconds(50_000), _seconds(100_000)) for _ in range(3)]
    small, large = min(r[0] for r in runs), min(r[1] for r in runs)
    assert large / small < 3, f"2N/N time ratio {large / small:.1f}: quadratic somewhere"
