"""Property-based tests over the whole extractor: any text, never an exception, offsets always exact."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.extract import extract_article

from conftest import DEV, SEEDS

# Fragments of real articles mixed with arbitrary Unicode, so the rules fire
# on odd input and not just on noise they ignore.
REAL = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(DEV.glob("*.txt"))]
FRAGMENTS = st.sampled_from([t[i:i + 400] for t in REAL for i in range(0, len(t), 400)])
QUOTES = st.sampled_from(list("\"'“”‘’«»") + ["\u00a0", "\r\n", "\u200f", "\ufeff", "\x00", "%", "2,400", "51.2%"])
TEXT = st.lists(st.one_of(FRAGMENTS, QUOTES, st.text(max_size=80)), max_size=12).map("".join)


def check_rows(text, found):
    for name in ("positions", "results", "crackdown"):
        for row in found[name]:
            assert text[row.start:row.end] == row.evidence
    for row in found["quotes"]:
        assert text[row.start:row.end] == row.quote
        assert row.sentence_start <= row.start <= row.end <= row.sentence_end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_extracts_without_error_and_offsets_are_exact(text):
    check_rows(text, extract_article("x", text))
