"""The shared search for the extractors' ``needs`` literals (lib.extract.literals): one pass per sentence for
every family must allow each family exactly the rows its own index would, so it never holds back a sentence
that one of its rows would match."""
import re

import pytest

from lib.articles import read_corpus
from lib.extract import literals
from lib.extract.literals import folds_into_ascii, Literals, rows_in
from lib.extract.quotes.speakers import _verb_pattern, _verbs, folded
from lib.lexicon import NeedsIndex
from lib.paths import DEV_ARTICLES, SEEDS
from lib.text import sentences

FAMILIES = ("positions", "events", "claimants")


def _own_needs(family: str) -> list[tuple[str, ...]]:
    return list(literals._FAMILIES[family]())


def test_every_extractor_with_needs_registers_its_family():
    assert set(literals._FAMILIES) == set(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES)
def test_each_row_is_allowed_by_each_of_its_needs(family):
    # The lexicon's own rows: a text holding one need of a row, even inside a word, lets that row run.
    for row, needs in enumerate(_own_needs(family)):
        assert needs, f"{family} row {row} has no needs"
        for need in needs:
            assert row in rows_in(family, f"xx{need.upper()}yy"), (family, row, need)


@pytest.mark.parametrize("family", FAMILIES)
def test_rows_are_those_of_the_familys_own_index(family):
    own = NeedsIndex(_own_needs(family))
    split = [s for folder in (SEEDS, DEV_ARTICLES) for a in read_corpus([folder])[0] for s in sentences(a.text)]
    shared = Literals(split)
    for k, sentence in enumerate(split):
        assert shared.rows(family, k) == tuple(own.rows(sentence.text.lower())), sentence.text


@pytest.mark.parametrize("text, family, expected", [
    ("Brazil refused to recognize the result.", "positions", True),  # "recogni"
    ("Police detained 40 protesters.", "events", True),  # "detain"
    ("Foro Penal counted the detainees.", "claimants", True),  # "penal"
    ("The weather was fine.", "positions", False),  # near miss: none of any family's literals
    ("The weather was fine.", "events", False),
    ("The weather was fine.", "claimants", False),
])
def test_a_sentence_gets_rows_only_when_it_holds_a_literal(text, family, expected):
    assert bool(Literals(list(sentences(text))).rows(family, 0)) is expected


def test_a_family_registered_after_the_index_is_built_is_refused():
    rows_in("events", "warm the index")
    with pytest.raises(RuntimeError):
        literals.register("late", lambda: [("x",)])
    assert "late" not in literals._FAMILIES


@pytest.mark.parametrize("text, folds", [
    ("“We won,” González said.", False),  # curly quotes and accents lower-case as IGNORECASE reads them
    ("The CNE SAID so.", False),
    ("The ministry ſaid so.", True),  # the long s: IGNORECASE reads it as "s", lower-casing keeps it
    ("İstanbul", True),  # lower-cases to two characters
    ("A 5 \u212a rise", True),  # the Kelvin sign
])
def test_folds_into_ascii(text, folds):
    assert folds_into_ascii(text) is folds


@pytest.mark.parametrize("text", [
    "“We won,” González SAID. Machado Says so; they told reporters",
    "The ministry ſaid so, a spokesman added.",  # IGNORECASE reads "ſaid" as "said": the case-insensitive pattern runs
    "Aſked about it, İnan declined. He saidnothing, then re-said it.",  # near misses: no whole word
])
def test_verbs_in_the_lowered_text_are_those_ignorecase_finds(text):
    pattern, searched = _verbs(text, folded(text))
    assert [m.span() for m in pattern.finditer(searched)] == [m.span() for m in _verb_pattern(re.IGNORECASE).finditer(text)]
