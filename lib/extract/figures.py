"""Figures: every reported number about the election and its aftermath.

Each sentence is scanned for number mentions (digits with thousands
separators, decimals, "6.89 million", "half a million", number words,
percentages, "2 to 1" margins, money) together with the hedge written before
them ("more than 2,400"). A mention then goes through three steps:

1. **Not a figure?** Dates, years, ages, durations, term lengths and times of
   day are dropped by the ``skip`` rows of ``lib/lexicons/figure_cues.csv``
   (patterns anchored on the words right next to the number), plus a rule for
   bare four-digit years in code. Cue patterns ignore case; claimant
   patterns do not (so "AP" is not "ap").
2. **Which kind?** Every other row of ``figure_cues.csv`` is a cue pattern for
   a (table, kind), looked for in the words after the number (up to the next
   number) and/or before it (back to the previous number). The nearest cue,
   counted in words, wins; on a tie the row listed first, so specific rows
   ("the release of N detainees") go above general ones ("detainees").
   A mention without a cue takes the kind of the number it is coordinated
   with ("25 civilians and two soldiers"); a lone percentage is a vote share;
   a lone count is not reported, since most bare numbers in news text
   ("Maduro, 61,", "for two [days]") are not figures about the election.
3. **Who claims it?** ``lib/lexicons/claimants.csv`` maps names to claimants;
   a figure's claimant is the one after "according to", else the closest
   one before it followed by a reporting verb (else the first such after
   it), else the first one named, else the previous sentence's of the same
   paragraph (quotes and "According to her" follow their speaker), else
   ``article``.

The same (table, kind, value, claimant) is reported once per article, at its
first mention. Patterns are compiled once, on first use.
"""
from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Callable, Iterator, NamedTuple

from lib import schema
from lib.lexicon import find_officials, read_lexicon
from lib.text import Sentence

# How far (characters) a cue may be from its number; further words belong to
# another clause more often than not.
WINDOW = 90
# A number with no cue inherits the kind of the previous one when the words
# between them are a short coordination ("51.2% and González 44.2%").
_COORDINATION = re.compile(r"^.{0,30}?\b(?:and|or|vs\.?|versus|compared (?:to|with)|against|to)\b.{0,30}$", re.S)

QUALIFIER_OF_HEDGE = {
    "about": "about", "around": "about", "almost": "about", "nearly": "about", "roughly": "about",
    "approximately": "about", "approx.": "about", "some": "about", "an estimated": "about",
    "close to": "about", "more or less": "about",
    "more than": "more than", "over": "more than", "just over": "more than", "upwards of": "more than",
    "in excess of": "more than", "above": "more than", "well over": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "less than": "less than", "fewer than": "less than", "under": "less than", "just under": "less than",
    "below": "less than",
    "up to": "up to", "as many as": "up to", "as much as": "up to",
}

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3, "m": 1e6, "bn": 1e9}


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _token_pattern() -> re.Pattern[str]:
    hedges = _alternation(re.escape(h) for h in QUALIFIER_OF_HEDGE)
    # "one" alone is left out: "one sentence", "one of the first countries"
    # are never figures, while "one million" and "twenty-one" still parse.
    units_no_one = _alternation(u for u in _UNITS if u != "one")
    words = (
        rf"(?:{_alternation(_TENS)})(?:[- ](?:{_alternation(_UNITS)}))?"
        rf"|{_alternation(_TEENS)}|{units_no_one}"
        rf"|(?:one|a)(?=\s(?:hundred|thousand|million|billion)\b)"
    )
    return re.compile(
        rf"""
        (?P<nonfigure>\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b)
        |
        (?:(?<![\w-])(?P<hedge>(?i:{hedges}))\s+)?
        (?P<currency>(?:US|U\.S\.\s?)?\$|€|£)?
        (?:
            (?P<digits>(?<![\w.,:/])
                (?:\d{{1,3}}(?:(?:,|[ \u00a0\u2009\u202f])\d{{3}})+(?![\d])|\d+)(?:\.\d+)?(?!\d))
          | (?P<half>(?i:half\sa)(?=\s(?:million|billion)\b))
          | (?P<halfshare>(?i:half)(?=\s(?:of\s)?(?:the\s)?(?:votes?|ballots)\b))
          | (?<![\w-])(?P<words>(?i:{words}))(?![\w])
        )
        (?:\s?(?P<scale>(?i:hundred|thousand|million|billion))\b|(?P<abbr>k|m|bn)\b)?
        (?:
            (?P<percent>\s?%|\s?(?i:percent|per\scent)\b)
          | (?P<ratio>\s?(?:-|–|to|-to-)\s?(?:1|one)\b)(?![\d%]|[.,]\d)
        )?
        (?![\w])
        """,
        re.VERBOSE,
    )


class Cue(NamedTuple):
    table: str  # results, crackdown, or skip (not a figure)
    kind: str
    unit: str  # percent, count, or '' for both
    side: str  # after, before, either
    pattern: re.Pattern[str]
    subject: str
    rank: int  # order in the file: breaks ties


class Claimant(NamedTuple):
    pattern: re.Pattern[str]
    claimed_by: str
    rank: int


_REPORTING_VERB = re.compile(
    r".{0,45}?\b(?:said|says|say|reported|reports|report|claimed|claims|claim|announced|announces|declared|"
    r"declares|stated|states|counted|documented|confirmed|confirms|estimated|estimates|recorded|registered|"
    r"noted|indicated|indicates|published|showed|shows|show|put|puts|found|finds|tallied|verified|boasted|"
    r"proclaimed|awarded|gave|gives|insists|insisted|maintains|maintained)\b",
    re.S,
)
_ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|[Pp]er(?! cent\b)|[Cc]ited by)\s")
_WORD = re.compile(r"\w+")
_CONJUNCT = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_SHORT_GAP = re.compile(r"(?:\S+\s+){0,2}$")
# "44% for challenger Edmundo González", "51% of the vote to Maduro"
_FOR_CANDIDATE = re.compile(r"\W*(?:(?:of\s)?(?:the\s)?(?:votes?|ballots)\W*)?(?:for|to)\s+(?:\w+\s+){0,2}$")
_PERSON_NAMES_FOR_SUBJECT = ("President (Venezuelan government)", "opposition candidate", "opposition leader")


@cache
def _compiled() -> tuple[re.Pattern[str], tuple[Cue, ...], tuple[Claimant, ...]]:
    cues = tuple(
        Cue(r["table"], r["kind"], r["unit"], r["side"], re.compile(r["pattern"], re.IGNORECASE), r["subject"], i)
        for i, r in enumerate(read_lexicon("figure_cues"))
    )
    claimants = tuple(
        Claimant(re.compile(r["pattern"]), r["claimed_by"], i) for i, r in enumerate(read_lexicon("claimants"))
    )
    return _token_pattern(), cues, claimants


def parse_value(match: re.Match[str]) -> float:
    """The number a token match stands for: '2 400' -> 2400, 'six' -> 6, 'half a million' -> 500000,
    'half of the votes' -> 50 (percent)."""
    if match.group("digits"):
        value = float(re.sub(r"[,\s\u00a0\u2009\u202f]", "", match.group("digits")))
    elif match.group("half"):
        value = 0.5
    elif match.group("halfshare"):
        return 50.0
    else:
        value = _word_value(match.group("words").lower())
    scale = (match.group("scale") or match.group("abbr") or "").lower()
    if scale:
        value *= _SCALES[scale]
    return value


def _word_value(word: str) -> float:
    if word == "a":
        return 1.0
    parts = re.split(r"[- ]", word)
    return float(sum(_UNITS.get(p) or _TEENS.get(p) or _TENS.get(p, 0) for p in parts))


def _is_year(match: re.Match[str], value: float) -> bool:
    # A bare four-digit number in this range is a year ("in 2024", "late 2023");
    # counts that large are written with a separator ("2,400") in news text.
    digits = match.group("digits") or ""
    return (
        len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2100
        and not (match.group("percent") or match.group("scale") or match.group("currency") or match.group("abbr"))
    )


def _skipped(cues: tuple[Cue, ...], before: str, after: str) -> bool:
    for cue in cues:
        if cue.table != "skip":
            continue
        if cue.side in ("after", "either") and cue.pattern.search(after):
            return True
        if cue.side in ("before", "either") and cue.pattern.search(before):
            return True
    return False


def _best_cue(cues: tuple[Cue, ...], unit: str, left: str, right: str) -> Cue | None:
    """The cue nearest the number, in words; on a tie the row listed first (the more specific)."""
    best: tuple[int, int] | None = None
    chosen = None
    for cue in cues:
        if cue.table == "skip" or (cue.unit and cue.unit != unit):
            continue
        if cue.side in ("after", "either"):
            found = cue.pattern.search(right)
            if found:
                key = (_words_in(right[:found.start()]), cue.rank)
                if best is None or key < best:
                    best, chosen = key, cue
        if cue.side in ("before", "either"):
            last = None
            for last in cue.pattern.finditer(left):
                pass
            if last is not None:
                key = (_words_in(left[last.end():]), cue.rank)
                if best is None or key < best:
                    best, chosen = key, cue
    return chosen


def _words_in(gap: str) -> int:
    # Words rather than characters: "deaths and more than 2,000 arbitrary
    # detentions" puts the detentions one word away and the deaths two.
    return len(_WORD.findall(gap))


def _claimant_hits(claimants: tuple[Claimant, ...], sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, rank, end, claimed_by) of every claimant named in the sentence, in order."""
    return sorted((m.start(), c.rank, m.end(), c.claimed_by) for c in claimants for m in c.pattern.finditer(sentence))


def _attribution(hits: list[tuple[int, int, int, str]], sentence: str) -> Callable[[int], str | None]:
    """Who the sentence attributes a figure at a position to: '' if nobody, None if to someone named before it.

    "According to X" governs the whole sentence. Otherwise the closest
    attribution before the figure wins ("Although the CNE declared Maduro the
    winner, the PUD insists on ... 83.5% of the minutes" is the PUD's), then
    the first one after it, then any claimant named at all. The sentence is
    read once, not once per figure: a long table of numbers stays linear.
    """
    for according in _ACCORDING_TO.finditer(sentence):
        named = next(
            (claimed_by for start, _, _, claimed_by in hits
             if start >= according.end() and _SHORT_GAP.match(sentence, according.end(), start)),
            None,  # "According to her", "according to the calculations": named in an earlier sentence
        )
        return lambda position: named
    attributed = [(start, claimed_by) for start, _, end, claimed_by in hits if _REPORTING_VERB.match(sentence, end)]
    starts = [start for start, _ in attributed]
    fallback = attributed[0][1] if attributed else hits[0][3] if hits else ""

    def claimed_by(position: int) -> str:
        before = bisect.bisect_left(starts, position)
        return attributed[before - 1][1] if before else fallback

    return claimed_by


def _candidate_names(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the candidates named in the sentence, in order."""
    return [
        (start, end, official.name)
        for start, end, official in find_officials(sentence)
        if official.country_code == "VEN" and official.role in _PERSON_NAMES_FOR_SUBJECT
    ]


def _candidate(names: list[tuple[int, int, str]], sentence: str, left_start: int, number_start: int, number_end: int, right_end: int) -> str:
    """The candidate a vote share or count belongs to: "for González" after it, else the nearest before.

    ``names`` is :func:`_candidate_names` of the sentence; only those within
    the number's window are looked at. A name after the number without "for"
    is the next figure's ("He received 51.95%, while his rival, González, got 43.18%").
    """
    starts = [start for start, _, _ in names]
    for start, _, name in names[bisect.bisect_left(starts, number_end):bisect.bisect_left(starts, right_end)]:
        if _FOR_CANDIDATE.match(sentence, number_end, start):
            return name
    before = [(end, name) for start, end, name in names[bisect.bisect_left(starts, left_start):bisect.bisect_left(starts, number_start)] if end <= number_start]
    return max(before)[1] if before else ""


def find_figures(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[tuple]:
    """Yield a ``RESULTS.Row`` or ``CRACKDOWN.Row`` for each figure in the article."""
    token, cues, claimants = _compiled()
    seen: set[tuple] = set()
    previous_claimant, previous_end = "", -1
    for sent in sentences:
        s = sent.text
        same_paragraph = previous_end >= 0 and "\n" not in text[previous_end:sent.start]
        inherited = previous_claimant
        attribution = _attribution(_claimant_hits(claimants, s), s)
        candidates: list[tuple[int, int, str]] | None = None  # read when the sentence has a vote figure

        def claimant_at(position: int) -> str:
            claimed_by = attribution(position)
            if claimed_by is None or (not claimed_by and same_paragraph):
                claimed_by = inherited
            return claimed_by or "article"

        previous_claimant, previous_end = claimant_at(len(s)), sent.end

        # Dates, years, ages... are dropped first, so that "the July 28
        # election" does not cut the words around the next number.
        mentions = [
            (match, value)
            for match in token.finditer(s)
            if not match.group("nonfigure")
            for value in (parse_value(match),)
            # The skip patterns are anchored next to the number, so a window
            # around it is enough (and keeps a long sentence linear).
            if not _is_year(match, value)
            and not _skipped(cues, s[max(0, match.start() - WINDOW):match.start()], s[match.end():match.end() + WINDOW])
        ]
        last: tuple[int, str, str, str] | None = None  # (end, table, kind, subject) of the previous figure
        for i, (match, value) in enumerate(mentions):
            left_start = max(mentions[i - 1][0].end() if i else 0, match.start() - WINDOW)
            right_end = min(mentions[i + 1][0].start() if i + 1 < len(mentions) else len(s), match.end() + WINDOW)
            left, right = s[left_start:match.start()], s[match.end():right_end]
            # Words before "and", "but" or ";" belong to another conjunct:
            # "dozens of deaths and more than 2,000 arbitrary detentions".
            left = _CONJUNCT.split(left)[-1]
            # "just over half of the votes" is a share: 50 percent.
            is_percent = bool(match.group("percent") or match.group("halfshare"))

            if match.group("currency"):
                table, kind, subject = "results", "other", "money"
            elif match.group("ratio"):
                table, kind, subject = "results", "other", "margin"
            else:
                cue = _best_cue(cues, "percent" if is_percent else "count", left, right)
                if cue is not None:
                    table, kind, subject = cue.table, cue.kind, cue.subject
                elif last is not None and _COORDINATION.match(s[last[0]:match.start()]):
                    table, kind, subject = last[1], last[2], last[3]
                elif is_percent:
                    table, kind, subject = "results", "vote_share_pct", ""
                else:
                    continue
            if kind in ("vote_share_pct", "votes"):
                candidates = _candidate_names(s) if candidates is None else candidates
                subject = _candidate(candidates, s, left_start, match.start(), match.end(), right_end) or subject
            last = (match.end(), table, kind, subject)

            claimed_by = claimant_at(match.start())
            key = (table, kind, round(value, 4), claimed_by)
            if key in seen:
                continue
            seen.add(key)
            hedge = (match.group("hedge") or "").lower()
            row_type = schema.RESULTS.Row if table == "results" else schema.CRACKDOWN.Row
            yield row_type(
                article_id=article_id,
                kind=kind,
                value=value,
                qualifier=QUALIFIER_OF_HEDGE.get(hedge, ""),
                mention=match.group().strip(),
                subject=subject,
                claimed_by=claimed_by,
                evidence=s,
                start=sent.start,
                end=sent.end,
            )
