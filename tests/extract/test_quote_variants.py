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


@pytest.mark.parametrize(
    "text, expected",
    [
        # A title-case headline capitalises every word: "Crisis Deepens" is nobody a role phrase could stand for.
        (
            "Venezuela Crisis Deepens As Neighbours Weigh In\n\n“We need the tally sheets,” the opposition leader said.",
            [("We need the tally sheets,", "")],
        ),
        # "Support González" is not the fullest spelling of the "González" after it.
        (
            "Edmundo González met Mulino in Panama.\n\nWhy Does Panama Support González?\n\n“We won the election,” said González.",
            [("We won the election,", "Edmundo González Urrutia")],
        ),
        (
            "Nicolás Maduro spoke to the summit.\n\nRegional Bloc Backs Maduro Reelection\n\n“Fascism is on the rise,” said Maduro during his address.",
            [("Fascism is on the rise,", "Nicolás Maduro")],
        ),
        # A subheading names nobody: a role phrase below it is the person the text named before.
        (
            "Edmundo González spoke in Panama on Wednesday.\n\nWhat People Are Saying\n\n“The regime insists on clinging to power,” the former ambassador said.",
            [("The regime insists on clinging to power,", "Edmundo González Urrutia")],
        ),
        # A known name stays a person without the words the headline runs into it ("Thanks Allies").
        ("María Corina Machado Thanks Allies\n\n“Thank you for your support,” she said.", [("Thank you for your support,", "María Corina Machado")]),
        # Near miss: a line that is only a name, a given name first, is that name (a caption, a list).
        ("Juan Pablo Guanipa\n\n“We will not leave,” he said.", [("We will not leave,", "Juan Pablo Guanipa")]),
        # Near miss: a headline's words named nowhere else name nobody, whom "she" could stand for.
        ("Crisis Deepens Across Caracas\n\n“We are afraid,” she said.", [("We are afraid,", "")]),
    ],
)
def test_a_title_case_headline_names_only_known_people(text, expected):
    assert found(text) == expected
