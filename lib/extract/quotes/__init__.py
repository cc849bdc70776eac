"""Quotations and their speakers, by rule (no language model).

Three passes over an article, one module each:

1. :mod:`.spans`: quotation marks paired paragraph by paragraph into quoted
   spans of two or more words;
2. :mod:`.mentions`: with the quoted words blanked out, the people,
   organisations, pronouns and role phrases the article names;
3. :mod:`.speakers`: every reporting verb (``quote_cues.csv``) with its
   subject, then a speaker for each quote.

Words quoted twice in one article (headline and body) are one quote.
"""
from __future__ import annotations

from typing import Iterator

from lib import schema
from lib.extract.quotes.mentions import find_mentions
from lib.extract.quotes.spans import find_spans, masked
from lib.extract.quotes.speakers import attribute, speaker_country
from lib.text import Sentence, quote_key


def find_quotes(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[tuple]:
    """Yield a ``QUOTES.Row`` per quoted span of two or more words."""
    spans = find_spans(text)
    if not spans:
        return
    blanked = masked(text, spans)
    attributed, people = attribute(text, blanked, spans, find_mentions(blanked), sentences)
    # Words quoted twice (a headline repeating the body) are one quote; its
    # speaker is the person named, if any occurrence names one, over a body
    # ("US government says …" in the headline, "Blinken said" in the body).
    chosen: dict[str, schema.QUOTES.Row] = {}
    for found in attributed:
        span, speaker = found.span, found.speaker
        row = schema.QUOTES.Row(
            article_id, text[span.start:span.end], speaker, speaker_country(speaker),
            span.start, span.end, found.sentence_start, found.sentence_end, found.confidence,
        )
        key = quote_key(row.quote)
        if key not in chosen or (speaker in people and chosen[key].speaker not in people):
            chosen[key] = row
    yield from sorted(chosen.values(), key=lambda r: r.start)
