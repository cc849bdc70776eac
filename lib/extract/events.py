"""Key events of the election crisis an article reports, found sentence by sentence.

The event types and the phrases that signal them are data, in
``lib/lexicons/events.csv`` (columns ``event,label,date,pattern,needs,note``): several rows
may share an event, each adding one case-insensitive regular expression matched
against a single sentence; ``needs`` lists literals one of which every match of
the row contains, so a row is only run on sentences containing one of them. The order of the events' first rows is their
canonical chronological order (the election, the CNE's announcement, ... the
inauguration), used to sort the timeline. ``date`` is the day a fixed event
happened (the election, the CNE's proclamation, the TSJ ruling, the warrant,
the exile, the inauguration); events that recur (protests, arrests,
sanctions) have none, and :func:`date_in` reads the day from the sentence.

:func:`events` yields one row per event the article reports, with the first
sentence that reports it as evidence: ``text[start:end] == evidence``. Being
part of the build, the rows are extracted once per article (in parallel, and
reused by incremental builds) rather than by the dashboard.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Iterator, NamedTuple

from lib import schema
from lib.extract.literals import Literals, register
from lib.lexicon import needs_of, read_lexicon
from lib.text import Sentence


class EventType(NamedTuple):
    event: str
    label: str
    date: str  # YYYY-MM-DD when the event happened on one known day, else ''
    rows: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]  # each row's needs and regex


@cache
def event_types() -> tuple[EventType, ...]:
    """The event types of ``events.csv`` in canonical (CSV) order, with their rows' needs and regexes."""
    rows: dict[str, list[dict[str, str]]] = {}
    for row in read_lexicon("events"):
        rows.setdefault(row["event"], []).append(row)
    return tuple(
        EventType(
            event, found[0]["label"], found[0]["date"],
            tuple((needs_of(r), re.compile(r["pattern"], re.IGNORECASE)) for r in found),
        )
        for event, found in rows.items()
    )


@cache
def _rows() -> tuple[tuple[tuple[str, ...], str, re.Pattern[str]], ...]:
    """Every row of every event type as (needs, event, regex), in order."""
    return tuple((needs, t.event, pattern) for t in event_types() for needs, pattern in t.rows)


# The rows' needs are looked for with every extractor's, in one pass per sentence.
register("events", lambda: (needs for needs, _, _ in _rows()))


def event_order() -> dict[str, int]:
    """Rank of each event type in the canonical chronological order."""
    return {t.event: i for i, t in enumerate(event_types())}


def find_events(article_id: str, text: str, *, sentences: list[Sentence], literals: Literals | None = None) -> Iterator[schema.EventsRow]:
    """One row per event type the article reports, in canonical order: the first sentence reporting it.

    ``literals`` are the sentences' :class:`Literals`, when the caller shares them with other extractors."""
    types = event_types()
    rows = _rows()
    literals = Literals(sentences) if literals is None else literals
    found: dict[str, Sentence] = {}
    for k, sentence in enumerate(sentences):
        # Only the rows one of whose needs occur in the sentence are run.
        for row in literals.rows("events", k):
            _, event, pattern = rows[row]
            if event not in found and pattern.search(sentence.text):
                found[event] = sentence
        if len(found) == len(types):
            break
    for t in types:
        if t.event in found:
            s = found[t.event]
            yield schema.EVENTS.Row(article_id, t.event, t.label, s.text, s.start, s.end)


def event_dates() -> dict[str, str]:
    """The fixed day of each event type that has one (``date`` in events.csv)."""
    return {t.event: t.date for t in event_types() if t.date}


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in MONTHS) + r"|" + "|".join(m[:3].capitalize() + r"\." for m in MONTHS) + r")"
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<year>20\d\d))?"
)
_WEEKDAY = re.compile(r"\b(?:on|last|this\s+past)\s+(?P<weekday>" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b")


def date_in(sentence: str, published: date | None, skip: date | None = None) -> date | None:
    """The day a sentence says something happened, or None: "on 28 July", "August 2, 2024", "on Thursday".

    A day and month without a year take the publication's year (the year
    before when that would put them after the publication); a weekday is the
    latest such day on or before the publication. Without a publication date
    only a full date with its year can be read. A day equal to ``skip`` is
    passed over for the next one: the election's day names the vote ("since
    protests broke out over the result of the 28 July election"), not the day
    a protest or an arrest happened.
    """
    for found in _DAY_MONTH.finditer(sentence):
        month_name = (found["month"] or found["month2"]).rstrip(".").lower()
        month = next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(month_name))
        day = int(found["day"] or found["day2"])
        year = int(found["year"]) if found["year"] else published.year if published else None
        if year is None:
            return None
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        if not found["year"] and published and when > published:
            when = when.replace(year=year - 1)
        if when != skip:
            return when
    weekday = _WEEKDAY.search(sentence)
    if weekday and published:
        back = (published.weekday() - WEEKDAYS.index(weekday["weekday"].lower())) % 7
        return published - timedelta(days=back)
    return None
