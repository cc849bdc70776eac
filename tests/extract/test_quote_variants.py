"""Quote speakers under the variations a reporter's text shows: each family a table of sentences in, (quote,
speaker) out, with a near miss.

The families come from metamorphic testing on the tune texts (a meaning-preserving rewrite of a real article,
its quotes' speakers checked against the gold): guillemets in place of curly marks, a headline or subheading in
title case above the text, a surname in apposition to a role, a name set off by an apposition before its verb,
an inverted verb with role words and a comma before the name.
"""
import pytest

from lib.extract import extract_article


def found(text):
    return [(r.quote, r.speaker) for r in extract_article("x", text)["quotes"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Guillemets end a sentence as curly marks do: the passive's agent in the sentence before is not the speaker.
        (
            "She dismissed claims of a hack (as claimed by President Maduro). «There is no proof at all,» says Lincoln.",
            [("There is no proof at all,", "Lincoln")],
        ),
        (
            "The count was denounced by the opposition. «We will not accept it,» said Yván Gil.",
            [("We will not accept it,", "Yván Gil")],
        ),
        (
            "The ruling was welcomed by Maduro. «The court has spoken,» Caryslia Rodríguez told reporters.",
            [("The court has spoken,", "Caryslia Rodríguez")],
        ),
        # Near miss: in one sentence the passive's agent before the quote still reports it, with either mark.
        (
            "The result was described by Ana Torres as «a fraud without precedent».",
            [("a fraud without precedent", "Ana Torres")],
        ),
    ],
)
def test_guillemets_split_sentences_as_curly_marks_do(text, expected):
    assert found(text) == expected
