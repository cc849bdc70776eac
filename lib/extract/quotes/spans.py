"""Quoted spans: quotation marks paired paragraph by paragraph (pass 1 of :mod:`lib.extract.quotes`).

Double marks “…” and "…" (a ” typed at the start of a word also opens; a
curly mark may close a straight one and the reverse, as in copy-pasted text,
unless a ” follows in the paragraph: a straight mark that opens a word then
opens a quote within the quote), then single marks ‘…’ and '…' outside double quotes, where a
single mark only closes when no letter follows it (so "González’s" and
"don't" stay apostrophes). A double mark left open runs to the end of its
paragraph when the next paragraph opens with a quotation mark (the news
convention for a quote that goes on) or no paragraph follows (a text cut off
mid-quote); otherwise the closing mark was lost, and the quote ends with its
first sentence rather than swallowing the reporter's next one. When a new quote opens first
(“ or a " that starts a word), the closing mark was lost: the open quote ends
with its first sentence rather than swallowing the rest of the paragraph; and
when the reporter's attribution stands inside it (", said Elvis Amoroso",
", González told reporters"), it ends with the attribution's sentence, whose
attribution is left readable for finding the speaker. A paragraph without
quotation marks right after a lead-in line ("Antony Blinken said:", "In a
statement, the ministry said:") is a block quote. A span needs two or more
words, so a scare-quoted word is not a quote, nor is a quoted title ("I Can
Prove Maduro Got Trounced") or a quoted term ("so-called “colectivos”", "1,581
“political prisoners”", "His “Bolivarian revolution”").
"""
from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from lib.lexicon import quote_cues, word_alternation

_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_MARK = re.compile("[“”‘\"']")  # the marks that open or close a span (a ’ closes only what a ‘ or ' opened)
_DOUBLE_OPEN, _DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE = "“", "”", "‘", "’"


class Span(NamedTuple):
    start: int  # first quoted character (after the mark and whitespace)
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or -1 when left open
    paragraph: int  # offset where its paragraph starts
    attribution: int = -1  # offset of the reporter's attribution inside a quote left open, or -1


def word_count(value: str) -> int:
    return len(_WORD.findall(value))


def _paragraph_spans(text: str, p_start: int, p_end: int) -> list[Span]:
    """Quoted spans of one paragraph, in order."""
    raw: list[tuple[int, int, int]] = []  # (open mark, close mark or -1, end)
    closers: list[int] | None = None  # marks that can close a single quote, found on first use
    double = -1  # the double mark (“ or ") open now, if any
    nested = False  # whether a straight quote within the curly one is open
    last_curly_close = text.rfind(_DOUBLE_CLOSE, p_start, p_end)
    i = p_start
    while True:
        # Only quotation marks change the state: jump from one to the next.
        mark = _MARK.search(text, i, p_end)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        if double >= 0:
            # Straight marks inside a curly quote that does close are a quote
            # within the quote (“… =HYPERLINK("…")”). Otherwise either kind
            # closes either kind ("“We won," she said"), but a mark that opens
            # a word opens a new quote: the one before lost its closing mark,
            # and ends with its first sentence.
            # A straight mark there opens the inner quote when it starts a
            # word, and the next one closes it; any other closes the curly quote.
            if ch == '"' and text[double] != '"' and last_curly_close > i and (nested or _opens_word(text, i, p_start)):
                nested = not nested
            elif ch == _DOUBLE_CLOSE or ch == '"' and not _opens_word(text, i, p_start):
                raw.append((double, i, i))
                double, nested = -1, False
            elif ch in (_DOUBLE_OPEN, '"'):
                raw.append((double, -1, _first_sentence_end(text, double + 1, i)))
                double, nested = i, False
        # A ” that starts a word opens a quote: a typo common enough in news text.
        elif ch in (_DOUBLE_OPEN, '"') or ch == _DOUBLE_CLOSE and (i == p_start or text[i - 1].isspace()) and text[i + 1:i + 2].isalnum():
            double = i
        # Single marks count outside double quotes only. A ‘ opens unless it
        # ends a word; a straight ' opens only before a letter after a space
        # ('cannot be trusted'). Either must be closed, except a ‘ in the
        # last paragraph (a text cut off mid-quote): ' is an apostrophe far more often.
        elif ch == _SINGLE_OPEN and (i == p_start or not text[i - 1].isalnum()) or (
            ch == "'" and (i == p_start or text[i - 1].isspace() or text[i - 1] in "([—–") and text[i + 1:i + 2].isalpha()
        ):
            closers = _single_closers(text, p_start, p_end) if closers is None else closers
            k = bisect.bisect_right(closers, i)
            if k < len(closers):
                raw.append((i, closers[k], closers[k]))
                i = closers[k] + 1
                continue
            if ch == _SINGLE_OPEN and p_end == len(text.rstrip()):
                raw.append((i, -1, p_end))
                break
        i += 1
    if double >= 0:
        raw.append((double, -1, p_end))
    spans = []
    for open_mark, close_mark, end in raw:
        attribution = -1
        if close_mark < 0:
            said = _attribution().search(text, open_mark + 1, end)
            if said:
                attribution, end = said.start(), _first_sentence_end(text, said.end(), end)
            elif end == p_end and not _goes_on(text, p_end):
                end = _first_sentence_end(text, open_mark + 1, end)
        start = open_mark + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        quoted = text[start:end]
        words = _WORD.findall(quoted)  # found once for the three tests
        if len(words) >= 2 and not _is_title(quoted, words) and not _is_term(text, open_mark, quoted, words):
            spans.append(Span(start, end, open_mark, close_mark, p_start, attribution))
    return spans


def _is_title(quoted: str, words: list[str]) -> bool:
    """A title of a work ("I Can Prove Maduro Got Trounced"): three or more words (``words``, those of ``quoted``),
    each of more than three letters capitalised, no closing punctuation."""
    long_words = [w for w in words if len(w) > 3]
    return len(words) >= 3 and len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and not quoted.rstrip().endswith((".", ",", "!", "?"))


# Before a quoted name for a thing: "so-called", a count ("1,581 “political prisoners”"), or a possessive before a
# capitalised name ("His “Bolivarian revolution”").
_TERM_BEFORE = re.compile(r"(?:\bso-called|\d|(?P<possessive>\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur)))[ \t]*$")


def _is_term(text: str, open_mark: int, quoted: str, words: list[str]) -> bool:
    """A scare-quoted term of at most three words (``words``, those of ``quoted``), no sentence of anyone's: after
    "so-called" or a count, or a capitalised name after a possessive. "was “deeply concerned”" stays a quote."""
    if len(words) > 3 or quoted.rstrip().endswith((".", ",", "!", "?")):
        return False
    before = _TERM_BEFORE.search(text, max(0, open_mark - 12), open_mark)
    return bool(before) and (not before["possessive"] or quoted[:1].isupper())


def _opens_word(text: str, i: int, p_start: int) -> bool:
    """A mark at ``i`` that starts a word: after a space or bracket (or the paragraph start), before a letter or digit."""
    return (i == p_start or text[i - 1].isspace() or text[i - 1] in "([—–") and text[i + 1:i + 2].isalnum()


def _single_closers(text: str, p_start: int, p_end: int) -> list[int]:
    """Offsets of the single marks (’ or ') of the paragraph that can close a quote: after a non-space, before no letter."""
    return [
        j for j in (m.start() for m in _SINGLE_MARK.finditer(text, p_start + 1, p_end))
        if not text[j - 1].isspace() and (j + 1 >= p_end or not text[j + 1].isalnum())
    ]


_SINGLE_MARK = re.compile("[’']")


@cache
def _attribution() -> re.Pattern[str]:
    """A reporter's attribution after a comma: ", said Elvis Amoroso", ", Edmundo González told", ", he said"."""
    verbs = word_alternation(quote_cues()["verb"])
    name = r"[A-ZÁÉÍÓÚÑ][\w’'.-]*"
    return re.compile(
        rf",[ \t]+(?:(?:{verbs})[ \t]+{name}|(?:he|she|they|{name}(?:[ \t]+{name}){{0,3}})[ \t]+(?:{verbs}))(?![\w’'-])"
    )


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)")


_NEXT_PARAGRAPH_START = re.compile(r"\s*(\S)")


def _goes_on(text: str, p_end: int) -> bool:
    """Whether a quote left open at ``p_end`` goes on: the next paragraph opens with a quotation mark, or no paragraph follows (a text cut off mid-quote)."""
    following = _NEXT_PARAGRAPH_START.match(text, p_end)
    return following is None or following.group(1) in "“\""


def _first_sentence_end(text: str, start: int, stop: int) -> int:
    found = _SENTENCE_END.search(text, start, stop)
    return found.end() if found else stop


PARAGRAPH = re.compile(r"[^\r\n]+")


@cache
def _lead_in() -> re.Pattern[str]:
    """The end of a line that introduces a block quote: a reporting verb or "statement", a few words, a colon."""
    verbs = word_alternation(quote_cues()["verb"] | {"statement"})
    return re.compile(rf"(?<![\w’'-])(?:{verbs})(?![\w’'-])[^.!?:\n]{{0,40}}:[ \t]*$", re.IGNORECASE)


_MARKS = re.compile(r"[“”\"‘]")


def find_spans(text: str) -> list[Span]:
    """Every quoted span of two or more words, in text order."""
    spans: list[Span] = []
    previous = None  # the paragraph before, for a lead-in line
    for para in PARAGRAPH.finditer(text):
        p_start, p_end = para.start(), para.end()
        if not para.group().strip():
            continue
        if (
            # A lead-in line ends with a colon: only such a line is searched for its verb.
            previous and previous.group().rstrip(" \t").endswith(":")
            and _lead_in().search(text, max(previous.start(), previous.end() - 80), previous.end())
            and not _MARKS.search(text, p_start, p_end) and word_count(para.group()) >= 2
        ):
            start = p_start + len(para.group()) - len(para.group().lstrip())
            spans.append(Span(start, p_end - (len(para.group()) - len(para.group().rstrip())), p_start, -1, p_start))
        else:
            spans.extend(_paragraph_spans(text, p_start, p_end))
        previous = para
    return spans


def masked(text: str, spans: list[Span]) -> str:
    """The text with quoted words and their marks blanked out (same length)."""
    pieces, done = [], 0  # the text up to ``done`` is in ``pieces``
    for span in sorted(spans, key=lambda span: span.open_mark):
        stop = span.close_mark + 1 if span.close_mark >= 0 else span.attribution if span.attribution >= 0 else span.end
        start = max(span.open_mark, done)
        if stop > start:
            quoted = text[start:stop]
            # A quote whose only white space is plain spaces (most: any other is unprintable) is all blanks.
            pieces += (text[done:start], " " * len(quoted) if quoted.isprintable() else _NON_SPACE.sub(" ", quoted))
            done = stop
    pieces.append(text[done:])
    # Scare-quoted single words keep their letters but lose their marks.
    blanked = "".join(pieces)
    for mark in _DOUBLE_OR_OPENING_MARKS:
        blanked = blanked.replace(mark, " ")
    return blanked


_NON_SPACE = re.compile(r"\S")
_DOUBLE_OR_OPENING_MARKS = "“”‘\""
