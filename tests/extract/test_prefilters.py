"""The literal prefilters that spare the extractors' regexes most sentences: they may let a sentence
through that yields nothing, but never hold back one that yields a row."""
import pytest

from lib.extract.figures import _may_hold_number, find_figures
from lib.lexicon import NeedsIndex
from lib.text import sentences


@pytest.mark.parametrize("sentence, holds", [
    ("Foro Penal counted 1,200 detentions.", True),  # a digit
    ("Two people died, said Provea.", True),  # a number word, capitalised
    ("Half of the votes went to González.", True),  # a share word in a non-ASCII sentence
    ("The opposition rejected the result.", False),  # near miss: no digit, no number word
    ("Gonzalez said nothing about it.", False),  # nor here
    ("The opposition counted ſix tally sheets.", True),  # a letter that IGNORECASE reads as "s"
])
def test_a_sentence_without_digit_or_number_word_holds_no_figure(sentence, holds):
    assert _may_hold_number(sentence) is holds
    if not holds:  # what the prefilter holds back, the full scan would not have found either
        assert list(find_figures("a", sentence, sentences=list(sentences(sentence)))) == []


@pytest.mark.parametrize("text, rows", [
    ("security forces detained dozens", [0, 2]),  # "detain" is needed by two rows
    ("sanctions were imposed", [1]),
    ("nothing happened", []),  # near miss: no literal occurs
])
def test_needs_index_returns_the_rows_whose_needs_occur(text, rows):
    index = NeedsIndex([("detain",), ("sanction", "impose"), ("arrest", "detain")])
    assert index.rows(text) == rows


@pytest.mark.parametrize("text, rows", [
    ("the polls closed", [0, 1]),  # "poll" starts where "polls" does: both are found
    ("an unpolled group", [0]),  # a literal inside a word
    ("a sanctioned official", [2, 3]),  # "ion" lies inside "sanction", "tion" overlaps it
    ("a poll", [0]),
    ("no such words", []),  # near miss
])
def test_needs_index_finds_literals_inside_and_overlapping_others(text, rows):
    index = NeedsIndex([("poll",), ("polls",), ("sanction",), ("ion", "tioned")])
    assert index.rows(text) == rows


@pytest.mark.parametrize("sentence, figures", [
    ("Security forces killed 24 protesters.", [("killed", 24.0)]),  # needs "kill"
    ("Police detained 1,200 people on Monday.", [("detained", 1200.0)]),  # needs "detain"
    ("Turnout was 59 percent.", [("turnout_pct", 59.0)]),  # needs "turn", any case
    ("The returning officer counted 24 boxes.", []),  # near miss: "turn" occurs, the cue does not match
    ("The killer app sold 5 million copies.", []),  # near miss: "kill" occurs, no cue
])
def test_figure_cues_found_through_their_needs(sentence, figures):
    assert [(row.kind, row.value) for row in find_figures("a", sentence, sentences=list(sentences(sentence)))] == figures
