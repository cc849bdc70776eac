"""Key events of the election crisis an article reports, found sentence by sentence.

The event types and the phrases that signal them are data, in
``lib/lexicons/events.csv`` (columns ``event,label,pattern,note``): several rows
may share an event, each adding one case-insensitive regular expression matched
against a single sentence. The order of the events' first rows is their
canonical chronological order (the election, the CNE's announcement, ... the
inauguration), used to sort the timeline.

:func:`events` yields one row per event the article reports, with the first
sentence that reports it as evidence: ``text[start:end] == evidence``. Being
part of the build, the rows are extracted once per article (in parallel, and
reused by incremental builds) rather than by the dashboard.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator, NamedTuple

from lib import schema
from lib.lexicon import read_lexicon
from lib.text import Sentence


class EventType(NamedTuple):
    event: str
    label: str
    pattern: re.Pattern[str]  # the event's rows joined into one alternation


@cache
def event_types() -> tuple[EventType, ...]:
    """The event types of ``events.csv`` in canonical (CSV) order, one regex each."""
    patterns: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for row in read_lexicon("events"):
        patterns.setdefault(row["event"], []).append(row["pattern"])
        labels.setdefault(row["event"], row["label"])
    return tuple(
        EventType(event, labels[event], re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE))
        for event, pats in patterns.items()
    )


def event_order() -> dict[str, int]:
    """Rank of each event type in the canonical chronological order."""
    return {t.event: i for i, t in enumerate(event_types())}


def find_events(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[schema.EventsRow]:
    """One row per event type the article reports, in canonical order: the first sentence reporting it."""
    types = event_types()
    found: dict[str, Sentence] = {}
    for sentence in sentences:
        for t in types:
            if t.event not in found and t.pattern.search(sentence.text):
                found[t.event] = sentence
        if len(found) == len(types):
            break
    for t in types:
        if t.event in found:
            s = found[t.event]
            yield schema.EVENTS.Row(article_id, t.event, t.label, s.text, s.start, s.end)
