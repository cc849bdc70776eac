"""The ``needs`` literals of every extractor's cue rows, looked for in one pass per sentence.

The regex rows of the cue files (``stance_cues.csv`` for positions, ``events.csv``,
``claimants.csv`` for figures) each list literals one of which every match
contains, so that a row runs only on sentences holding one of them
(:class:`lib.lexicon.NeedsIndex`). Each extractor looking for its own literals
would read every sentence once per extractor; instead each registers its rows'
needs as a *family* (:func:`register`, at import) and :class:`Literals` finds the
literals of all families in a sentence with one pass of one index, each
literal its own row, then maps them to each family's rows. The rows a family
gets are exactly those its own index would give: a literal occurs in the text
if and only if the index finds it (it finds every literal that occurs, however
they overlap or nest). Sentences are read on first ask, so an extractor run on
its own pays only for the sentences it asks about.

Literals are read in lower-cased text, which :func:`folds_into_ascii` tells
apart from a case-insensitive (IGNORECASE) reading.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Callable, Iterable

from lib.lexicon import NeedsIndex
from lib.text import Sentence

# Family name -> a function giving its rows' needs, in row order (called once, when the index is first built).
_FAMILIES: dict[str, Callable[[], Iterable[tuple[str, ...]]]] = {}


def register(name: str, needs: Callable[[], Iterable[tuple[str, ...]]]) -> None:
    """Make the rows whose needs ``needs()`` gives one family of the shared index (each extractor does so at import)."""
    if _index.cache_info().currsize:
        raise RuntimeError(f"literal family {name!r} registered after the shared index was built")
    _FAMILIES[name] = needs


@cache
def _index() -> tuple[NeedsIndex, dict[str, dict[str, frozenset[int]]]]:
    """The index of every family's literals (one row per literal) and, per family, the rows each literal found
    allows: those needing it or a literal it contains (worked out here once, not per sentence)."""
    by_family = {name: list(needs()) for name, needs in _FAMILIES.items()}
    literals = sorted({need for rows in by_family.values() for row_needs in rows for need in row_needs})
    position = {literal: i for i, literal in enumerate(literals)}
    index = NeedsIndex((literal,) for literal in literals)
    allows: dict[str, dict[str, frozenset[int]]] = {}
    for name, rows in by_family.items():
        rows_of: list[set[int]] = [set() for _ in literals]
        for row, row_needs in enumerate(rows):
            for need in row_needs:
                rows_of[position[need]].add(row)
        allows[name] = {literal: frozenset().union(*[rows_of[i] for i in index.rows_of(literal)]) for literal in literals}
    return index, allows


class Literals:
    """The registered literals found in each sentence of an article, looked for once per sentence (on first ask)."""

    def __init__(self, sentences: list[Sentence]):
        self._texts = [s.text for s in sentences]
        self._found: list[frozenset[str] | None] = [None] * len(sentences)

    def rows(self, family: str, k: int) -> tuple[int, ...]:
        """Indexes, in row order, of the rows of ``family`` one of whose needs occurs in sentence ``k``."""
        found = self._found[k]
        if found is None:
            found = self._found[k] = frozenset(_index()[0].literals(self._texts[k].lower()))
        return _family_rows(family, found)


def rows_in(family: str, text: str) -> tuple[int, ...]:
    """The rows of ``family`` one of whose needs occurs in ``text``: for a text that is not one of the sentences
    (a sentence with its quotation marks blanked out)."""
    return _family_rows(family, frozenset(_index()[0].literals(text.lower())))


# Most sentences find one of few sets of literals (often none, or one common verb): their rows are worked out once
# per set, not sorted anew per sentence (bounded, so a long build's odd sentences do not pile up).
@lru_cache(maxsize=8192)
def _family_rows(family: str, found: frozenset[str]) -> tuple[int, ...]:
    """The rows of ``family`` that the literals ``found`` (:meth:`NeedsIndex.literals`) allow, in row order."""
    if not found:
        return ()
    allows = _index()[1][family]
    return tuple(sorted(frozenset().union(*[allows[literal] for literal in found])))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


def folds_into_ascii(text: str) -> bool:
    """Whether ``text`` holds a non-ASCII character that IGNORECASE reads as an ASCII letter ("ı" and "İ" as "i",
    "ſ" as "s", the Kelvin sign as "k").

    Where it holds none, a lower-cased ASCII literal occurs in ``text.lower()`` exactly where a case-insensitive
    pattern of it matches ``text``, and at the same offsets: "İ", the one character whose lower case is two, is
    one of those, and lower-casing leaves every character a word character (``\\w``) or not, as it was.
    """
    return not text.isascii() and any(_ASCII_LETTER.fullmatch(ch) for ch in set(_NON_ASCII.findall(text)))
