"""Sentence splitting with offsets."""
import pytest

from lib.text import sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("The U.S. recognized him. Others did not.", ["The U.S. recognized him.", "Others did not."]),
        ("Mr. Gil spoke. He left.", ["Mr. Gil spoke.", "He left."]),
        # A lone capital after a capitalised word is a middle initial; after a lower-case word it ends a sentence.
        ("Juan M. Santos spoke. He left.", ["Juan M. Santos spoke.", "He left."]),
        ("George W. Bush sent a letter.", ["George W. Bush sent a letter."]),
        ("He chose option A. Then he left.", ["He chose option A.", "Then he left."]),
        ("Maduro got 51.2% of the vote. González 44.2%.", ["Maduro got 51.2% of the vote.", "González 44.2%."]),
        ("“It was stolen.” She said so.", ["“It was stolen.”", "She said so."]),
        ("First line\nSecond line", ["First line", "Second line"]),
        ("Cut off mid-sen", ["Cut off mid-sen"]),
        ("", []),
        ("  \n \n", []),
    ],
)
def test_sentences(text, expected):
    assert [s.text for s in sentences(text)] == expected


@pytest.mark.parametrize("text", ["A b. C d.\r\nE f?  G h!", "\u200f\u05e9\u05dc\u05d5\u05dd. Hola.", "x" * 10])
def test_offsets_reproduce_the_sentence(text):
    for s in sentences(text):
        assert text[s.start:s.end] == s.text
