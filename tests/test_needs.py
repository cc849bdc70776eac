"""The ``needs`` prefilters of events.csv, claimants.csv and figure_cues.csv: a row is only run on a sentence
(a figure's window) containing one of its needs, so every match of a row, in every sentence of the corpora,
must contain one."""
import re

import pytest

from lib.articles import read_corpus
from lib.extract.events import find_events
from lib.extract.figures import _claimant_hits, _compiled
from lib.extract.literals import Literals
from lib.lexicon import needs_problems, read_lexicon
from lib.paths import DEV_ARTICLES, EVALUATION, SEEDS
from lib.text import sentences


@pytest.fixture(scope="module")
def corpus_sentences():
    folders = (SEEDS, DEV_ARTICLES, EVALUATION / "dev2a" / "texts", EVALUATION / "dev2b" / "texts")
    return [s.text for folder in folders for a in read_corpus([folder])[0] for s in sentences(a.text)]


@pytest.mark.parametrize("lexicon, flags", [("events", re.IGNORECASE), ("claimants", 0)])
def test_every_row_states_needs_its_matches_contain(lexicon, flags, corpus_sentences):
    for row in read_lexicon(lexicon):
        assert needs_problems(row, corpus_sentences, flags) == []


def test_figure_cue_needs_hold(corpus_sentences):
    # Needs are optional in figure_cues.csv (a row without them is run on every window); those given must hold.
    rows = [row for row in read_lexicon("figure_cues") if row["needs"]]
    assert rows
    for row in rows:
        assert needs_problems(row, corpus_sentences) == []


@pytest.mark.parametrize("sentence, events", [
    ("Security forces detained at least 1,200 people.", {"arrests"}),  # needs "detain"
    ("The United States imposed new sanctions on officials.", {"sanctions"}),  # needs "sanction"
    ("The sanctity of the vote was respected.", set()),  # near miss: no need occurs, no row is run
])
def test_events_found_through_their_needs(sentence, events):
    assert {row.event for row in find_events("a", sentence, sentences=list(sentences(sentence)))} == events


@pytest.mark.parametrize("sentence, claimants", [
    ("Foro Penal said 1,200 people were detained.", ["Foro Penal"]),  # needs "penal"
    ("According to Human Rights Watch, 24 people died.", ["HRW"]),  # needs "human rights watch"
    ("The penalty was announced on Monday.", []),  # near miss: "penal" occurs, the pattern does not match
])
def test_claimants_found_through_their_needs(sentence, claimants):
    split = list(sentences(sentence))
    assert [hit[3] for hit in _claimant_hits(_compiled(), sentence, Literals(split).rows("claimants", 0))] == claimants
