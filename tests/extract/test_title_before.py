"""The role words before a name are read backwards (speakers._title_before): the same words as a search
of the forward pattern ending at the name, which tries every start of its window."""
import random
import re

import pytest

from lib.extract.quotes.speakers import _title_before

FORWARD = re.compile(r"(?:[A-Za-z][\w-]*[ \t]+){1,4}$")


def forward(text: str, start: int, end: int) -> str:
    found = FORWARD.search(text, start, end)
    return found.group() if found else ""


@pytest.mark.parametrize("before, expected", [
    ("the opposition leader ", "the opposition leader "),
    ("said Brazilian President ", "said Brazilian President "),
    ("one two three four five six ", "three four five six "),  # four words at most
    ("x 9abc ", "abc "),  # a word may start inside a run, on a letter
    ("leader,", ""),  # no space before the name: no role words
    ("line ends here \n", "line ends here "),  # before a line break at the name
    ("", ""),
])
def test_role_words_before_a_name(before, expected):
    text = before + "María Corina Machado said"
    assert _title_before(text, 0, len(before)) == expected == forward(text, 0, len(before))


def test_reads_what_the_forward_search_finds_on_random_text():
    rng = random.Random(2024)
    for _ in range(20000):
        text = "".join(rng.choice("aZb9_- \t\n.,é’") for _ in range(rng.randint(0, 24)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert _title_before(text, start, end) == forward(text, start, end), (text, start, end)
