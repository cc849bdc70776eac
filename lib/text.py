"""Sentences with character offsets, the unit every extractor reports as evidence.

A rule-based splitter (no model to download): paragraphs are split on line
breaks, then on sentence-final punctuation followed by a capital letter or an
opening quotation mark, skipping abbreviations such as "U.S." or "Mr.".
Offsets always index the original text, so ``text[s.start:s.end] == s.text``.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import Iterator, NamedTuple

from lib.lexicon import ABBREVIATIONS


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can open a sentence. A match only starts at
# the first mark of a run (the look-behind, after that mark so that the engine
# jumps from mark to mark) and never gives marks back, so a line of ten
# thousand dots costs ten thousand steps, not fifty million.
_BOUNDARY = re.compile(r"""[.!?…](?<![.!?…].)[.!?…]*+["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9ÁÉÍÓÚÑ])""")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


def _is_abbreviation(text: str, start: int, period: int) -> bool:
    """Whether the word ending at ``period`` (within ``text[start:period]``) is an abbreviation."""
    # Read back from the period only: slicing or searching the whole sentence
    # so far would make a paragraph of "Mr. Mr. Mr. ..." quadratic.
    first = period
    while first > start and not text[first - 1].isspace():
        first -= 1
    word = text[first:period].lstrip("(\"'“‘")
    return bool(word) and (word.lower() in ABBREVIATIONS or bool(_INITIALS.match(word)) or _middle_initial(text, start, first, word))


def _middle_initial(text: str, start: int, first: int, word: str) -> bool:
    """Whether a lone capital is a middle initial: it follows a capitalised word ("Juan M. Santos", "George W. Bush")."""
    if len(word) != 1 or not word.isupper():
        return False
    before = first - 1
    while before > start and text[before - 1] == " ":
        before -= 1
    previous = before
    while previous > start and not text[previous - 1].isspace():
        previous -= 1
    return previous < before and text[previous].isupper() and text[previous:before].isalpha()


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end]) if end > start else None


def sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text`` in order, trimmed of surrounding whitespace."""
    for para in re.finditer(r"[^\r\n]+", text):
        start = para.start()
        for boundary in _BOUNDARY.finditer(para.group()):
            end = para.start() + boundary.end()
            # "U.S." or "Mr." ends in a period but rarely ends a sentence.
            if text[end - 1] == "." and _is_abbreviation(text, start, end - 1):
                continue
            sentence = _trimmed(text, start, end)
            if sentence:
                yield sentence
            start = end
        sentence = _trimmed(text, start, para.end())
        if sentence:
            yield sentence


def sentence_at(sentence_list: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence containing ``offset``; ``starts`` are the sentences' start offsets, in order (a bisection, not a scan)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentence_list[i].start <= offset < sentence_list[i].end:
        return sentence_list[i]
    return None


def strip_accents(value: str) -> str:
    """``value`` without diacritics: "González" -> "Gonzalez"."""
    decomposed = unicodedata.normalize("NFKD", value)
    if decomposed.isascii():
        return decomposed
    # Each distinct character is asked once whether it is a combining mark, not each character.
    marks = [ch for ch in set(decomposed) if unicodedata.combining(ch)]
    return decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed


@lru_cache(maxsize=65536)  # the same few names are folded thousands of times per corpus
def fold(value: str) -> str:
    """Accent- and case-free form of a string, for comparing names: "González" -> "gonzalez"."""
    return strip_accents(value).casefold()


# The possessive ending right after a name: "Maduro's", "Torres’", "González’s".
POSSESSIVE = re.compile(r"[’']s?(?!\w)")

QUOTE_PUNCTUATION = " \t\n.,;:!?\"'“”‘’…[]()-–—"


def quote_key(value: str) -> str:
    """What two quotations must share to be the same words: folded, runs of white space as one, outer punctuation dropped."""
    return re.sub(r"\s+", " ", strip_accents(value).casefold()).strip(QUOTE_PUNCTUATION)
