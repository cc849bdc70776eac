"""Quotations and their speakers, by rule (no language model).

Three passes over an article, one module each:

1. :mod:`.spans`: quotation marks paired paragraph by paragraph into quoted
   spans of two or more words;
2. :mod:`.mentions`: with the quoted words blanked out, the people,
   organisations, pronouns and role phrases the article names;
3. :mod:`.speakers`: every reporting verb (``quote_cues.csv``) with its
   subject, then a speaker for each quote.

Words quoted twice in one article (headline and body) are one quote. A
speaker is written by one canonical name (``people.csv``: "Nicolas Maduro"
and "Maduro" are "Nicolás Maduro"; ``officials.csv``: "Yvan Gil" is "Yván
Gil"), so a speaker filter finds all their quotes.
"""
from __future__ import annotations

from functools import cache
from typing import Iterator

from lib import schema
from lib.extract.quotes.mentions import find_mentions
from lib.extract.quotes.spans import find_spans, masked
from lib.extract.quotes.speakers import attribute, speaker_country
from lib.lexicon import officials, read_lexicon
from lib.text import Sentence, fold, quote_key
from lib.text import sentences as split_sentences


@cache
def _canonical_names() -> dict[str, str]:
    """Folded alias (and canonical name) -> canonical name: the officials' full names and aliases
    (``officials.csv``: "Yvan Gil" is "Yván Gil"; a bare surname may be someone else's), overridden by ``people.csv``."""
    names = {fold(alias): o.name for o in officials() for alias in (o.name, *o.aliases) if " " in alias}
    names.update({fold(name): row["canonical"] for row in read_lexicon("people") for name in (row["alias"], row["canonical"])})
    return names


def canonical_speaker(speaker: str) -> str:
    """The speaker under its canonical name; each person of "X and Y" on their own."""
    names = _canonical_names()
    return " and ".join(names.get(fold(part), part) for part in speaker.split(" and "))


# Guillemets, as translated Spanish or French text writes quotes («…», or «…” closed the English way), are double
# quotation marks: the passes read them as “ and ”, one character for one, so every offset holds.
_GUILLEMETS = str.maketrans("«»", "“”")


def find_quotes(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[tuple]:
    """Yield a ``QUOTES.Row`` per quoted span of two or more words."""
    marked = text.translate(_GUILLEMETS) if "«" in text or "»" in text else text
    if marked is not text:
        # Sentences end before “ as before «: "… (as claimed by Maduro). «There is no proof,» says Lincoln" is two
        # sentences, as it is with curly marks, so the passive's agent before it is not the quote's speaker.
        sentences = list(split_sentences(marked))
    spans = find_spans(marked)
    if not spans:
        return
    blanked = masked(marked, spans)
    attributed, people = attribute(marked, blanked, spans, find_mentions(blanked), sentences)
    # Words quoted twice (a headline repeating the body) are one quote; its
    # speaker is the person named, if any occurrence names one, over a body
    # ("US government says …" in the headline, "Blinken said" in the body).
    chosen: dict[str, tuple[schema.QUOTES.Row, bool]] = {}  # quote key -> (row, whether its speaker is a person)
    for found in attributed:
        span, speaker = found.span, canonical_speaker(found.speaker)
        row = schema.QUOTES.Row(
            article_id, text[span.start:span.end], speaker, speaker_country(speaker),
            span.start, span.end, found.sentence_start, found.sentence_end, found.confidence,
        )
        key = quote_key(row.quote)
        person = found.speaker in people
        if key not in chosen or (person and not chosen[key][1]):
            chosen[key] = (row, person)
    yield from sorted((row for row, _ in chosen.values()), key=lambda r: r.start)
