"""Figures: every reported number about the election and its aftermath.

Each sentence is scanned for number mentions (digits with thousands
separators, decimals, "6.89 million", "5 million 150 thousand", "half a
million", number words, percentages, fractions of the votes, "2 to 1"
margins, money) together with the hedge written before them ("more than
2,400"). A mention then goes through these steps:

1. **Not a figure?** Dates, years, ages, durations, term lengths, times of
   day and economic or migration numbers are dropped by the ``skip`` rows of
   ``lib/lexicons/figure_cues.csv`` (patterns anchored on the words right
   next to the number), plus a rule for bare four-digit years in code. Cue
   patterns ignore case; claimant patterns do not (so "AP" is not "ap").
2. **Which kind?** The ``results`` and ``crackdown`` rows of
   ``figure_cues.csv`` are cue patterns for a (table, kind), looked for in
   the words after the number (up to the next number or conjunct) and/or
   before it (back to the previous number or conjunct). The nearest cue,
   counted in words, wins; on a tie the row listed first, so specific rows
   ("the release of N detainees") go above general ones ("detainees"). A cue
   right before the next number and further from this one is the next
   number's ("5,000 marched, where police arrested 40").
   A part of a total (``breakdown`` rows: "of whom 100 ...") takes the
   total's kind unless a cue after it names another ("of whom 100 were
   released"), and a mention without a cue coordinated with the previous
   figure ("25 civilians and two soldiers", "1,082 ..., while Foro Penal
   counts 887") takes that figure's kind; a lone percentage is a vote share, a
   lone count right after a candidate's name his votes; any other lone count
   is not reported ("Maduro, 61,", "for two [days]"). A number restating an
   earlier figure with a vaguer noun is not a new figure. A cue row may list
   ``needs`` (literals one of which every match contains, as in
   ``events.csv``): a window with none of them is not searched with it.
   A crackdown figure whose clause puts it in another period or crisis
   (``elsewhere`` rows: "in the 2014 protests", "strikes on boats"), or in a
   sentence opening on another year ("In 2017, ..."), is not reported, nor
   the figures coordinated with it.
3. **Which candidate?** A vote share or count belongs to the candidate
   (``lib/lexicons/candidates.csv``, canonical name per alias) named "for"
   or "won by" after it, else the nearest one before it.
4. **Which contest?** ``lib/lexicons/contests.csv``: a cue (the primary,
   "in 2018", a poll) in the figure's clause, else in a clause of its
   sentence that is no aside ("who won the 2023 primary with 93%" is one),
   unless its clause names this year's vote; failing one, the year of the
   article's dateline. Results of another contest are kept as kind ``other`` with
   their contest, so that only ``contest == ""`` rows are 28 July 2024's;
   so are the crackdown figures of an article dated before that election.
5. **Who claims it?** ``lib/lexicons/claimants.csv`` maps names to claimants;
   a figure's claimant is the one after "according to" (unless another is
   named after it with a reporting verb, before the figure), else the closest
   one before it followed by a reporting verb (``quote_cues.csv``'s, plus
   the ``claim_verb`` counting verbs) (else the first such after it), else
   the first one named before it, else the previous sentence's of the same
   paragraph (quotes and "According to her" follow their speaker), else
   ``article``; in a sentence naming no source, a part of a total ("Of the
   86 minors, 74 are men"), a mention coordinated with a figure and a
   restated figure are claimed by whoever claimed that figure. A name right
   after "blamed" or "accused" (``not_claimant`` rows) is never the claimant.
6. **How sure?** ``confidence`` is the measured precision of the route by
   which the kind was found (:data:`CONFIDENCE`).

The same (table, kind, value, claimant) is reported once per article, at its
first mention; an unsourced restatement of a sourced figure is dropped, and so
is a restatement in a sentence that names no source (which would lend it the
claimant of the sentence before).
Patterns are compiled once, on first use; every step reads a bounded window
or bisects, so the time stays linear in the length of the text.
"""
from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Callable, Iterator, NamedTuple

from lib import schema
from lib.extract.literals import folds_into_ascii, Literals, register
from lib.lexicon import needs_of, quote_cues, read_lexicon, word_alternation
from lib.text import POSSESSIVE, Sentence

# How far (characters) a cue may be from its number; further words belong to
# another clause more often than not.
WINDOW = 90
# A number with no cue inherits the kind of the previous one when the words
# between them are a short coordination ("51.2% and González 44.2%").
# "1,082 political prisoners, while Foro Penal counts 887": "while" and
# "whereas" set a second count of the same thing against the first.
_COORDINATION = re.compile(r"^.{0,30}?\b(?:and|or|vs\.?|versus|compared (?:to|with)|against|to|while|whereas)\b.{0,40}$", re.S)

# "arrested 30 people and seized 20 vehicles": a verb in -ed right before the
# second number, other than a reporting or counting one ("while Foro Penal
# counted 887"), opens a predicate of its own; a cue verb would have been its cue.
_VERB_BEFORE = re.compile(r"\b(\w+ed)\s+$")


def _new_predicate(rules: Rules, gap: str) -> bool:
    """Whether the words between two numbers end on a verb of their own, so that the second is no coordinated figure."""
    verb = _VERB_BEFORE.search(gap)
    return verb is not None and not rules.reporting_verb.fullmatch(verb.group(1))


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


def _token_pattern() -> re.Pattern[str]:
    hedges = word_alternation(QUALIFIER_OF_HEDGE)
    # "one" alone is left out: "one sentence", "one of the first countries"
    # are never figures, while "one million" and "twenty-one" still parse.
    # Each list of number words is a trie (word_alternation): the engine tries one branch per letter
    # instead of every word at every word start.
    units_no_one = word_alternation(u for u in _UNITS if u != "one")
    words = (
        rf"(?:{word_alternation(_TENS)})(?:[- ](?:{word_alternation(_UNITS)}))?"
        rf"|{word_alternation(_TEENS)}|{units_no_one}"
        rf"|(?:one|a)(?=\s(?:hundred|thousand|million|billion)\b)"
    )
    # "two-thirds of the votes", "nine out of ten votes": shares written as fractions.
    fractions = (
        rf"(?:a|one)[- ](?:third|quarter)|two[- ]thirds|three[- ]quarters"
        rf"|(?:{word_alternation(_UNITS)}|ten|\d{{1,2}})\sout\sof\s(?:ten|10)"
    )
    # Most positions lie inside a word, where no figure starts: only a digit, a currency sign,
    # "U" (US$), "h" (half) or a letter opening a word can begin one. Checking that first spares
    # every other position the hedges and number words (the alternatives below all start so).
    return re.compile(
        rf"""
        (?=[\d$€£Hh]|U|(?<![\w-])[^\W\d_])
        (?:
        (?P<nonfigure>\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b)
        |
        (?:(?<![\w-])(?P<hedge>(?i:{hedges}))\s+)?
        (?P<currency>(?:US|U\.S\.\s?)?\$|€|£)?
        (?:
            (?P<digits>(?<![\w.,:/])
                (?:\d{{1,3}}(?:(?:,|[ \u00a0\u2009\u202f])\d{{3}})+(?![\d])|\d+)(?:\.\d+)?(?!\d))
          | (?P<half>(?i:half\sa)(?=\s(?:million|billion)\b))
          | (?P<halfshare>(?i:half)(?=\s(?:of\s)?(?:the\s)?(?:votes?|ballots)\b))
          | (?<![\w-])(?P<fraction>(?i:{fractions}))(?=\s(?:of\s)?(?:the\s)?(?:votes?|ballots)\b)
          | (?<![\w-])(?P<words>(?i:{words}))(?![\w])
        )
        (?:\s?(?P<scale>(?i:hundred|thousand|million|billion))\b(?P<thousands>\s\d{{1,3}}\s(?i:thousand)\b)?|(?P<abbr>k|m|bn)\b)?
        (?:
            (?P<percent>\s?%|\s?(?i:percent|per\scent)\b)
          | (?P<ratio>\s?(?:-|–|to|-to-)\s?(?:1|one)\b)(?![\d%]|[.,]\d)
        )?
        (?![\w])
        )
        """,
        re.VERBOSE,
    )


# Every figure holds a digit or one of these words ("two", "half", "a third",
# "a hundred"): a sentence with neither is not scanned for figures.
_NUMBER_WORDS = (*_UNITS, *_TEENS, *_TENS, "half", "third", "quarter", "hundred", "thousand", "million", "billion")
_DIGIT = re.compile(r"\d")
_NUMBER_WORD_LOWER = re.compile(word_alternation(_NUMBER_WORDS))  # case-sensitive, so a fast scan of a lower-cased text
_NUMBER_WORD = re.compile(word_alternation(_NUMBER_WORDS), re.IGNORECASE)


def _may_hold_number(sentence: str) -> bool:
    """Whether the sentence has a digit or a number word, as the token pattern reads them."""
    if _DIGIT.search(sentence) or _NUMBER_WORD_LOWER.search(sentence.lower()):
        return True
    # Lower-casing reads letters as the token pattern's IGNORECASE does, except a
    # few that IGNORECASE also reads as ASCII ones ("ı" as "i", "ſ" as "s"):
    # a sentence with one of those gets the IGNORECASE search.
    return folds_into_ascii(sentence) and _NUMBER_WORD.search(sentence) is not None


class Cue(NamedTuple):
    table: str  # results, crackdown, or skip (not a figure)
    kind: str
    unit: str  # percent, count, or '' for both
    side: str  # after, before, either
    pattern: re.Pattern[str]
    subject: str
    rank: int  # order in the file: breaks ties
    needs: tuple[str, ...] = ()  # literals one of which every match contains: a window without one is not searched (none: always)


class Claimant(NamedTuple):
    pattern: re.Pattern[str]
    claimed_by: str
    rank: int
    needs: tuple[str, ...]  # literals one of which every match contains (claimants.csv): a sentence without one is not searched


_ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|[Pp]er(?! cent\b)|[Cc]ited by)\s")
_WORD = re.compile(r"\w+")
_CONJUNCT = re.compile(r"\b(?:and|but|while|whereas)\b|;")
# "the difference between Maduro and González is 704,114": this "and" joins
# the two sides of one comparison, not two conjuncts.
_BETWEEN_AND = re.compile(r"\bbetween\s+(?:\S+\s+){1,3}?and\b")


@cache
def _short_gap() -> re.Pattern[str]:
    """What may stand between "according to" and its source: "its data", a description of the source's data
    ending in by/of/from ("the database prepared by the MOE"), or what kind of body the source is, a body noun of
    ``quote_cues.csv`` after up to three words ("the rights group Provea", "the Caracas-based human rights
    organization Foro Penal")."""
    bodies = word_alternation(quote_cues()["body_noun"])
    return re.compile(rf"(?:\S+\s+){{0,2}}$|[^,;]{{0,80}}?\b(?:by|of|from)\s+(?:the\s+)?$|(?:the\s+)?(?:[\w-]+\s+){{0,3}}(?i:{bodies})\s+$")


# "44% for challenger Edmundo González", "51% of the vote to Maduro",
# "44% for the opposition candidate, Edmundo González",
# "the 21 percent garnered by Henri Falcon", "10 percent won by Javier Bertucci"
_FOR_CANDIDATE = re.compile(r"\W*(?:(?:of\s)?(?:the\s)?(?:votes?|ballots)\W*)?(?:for|to|(?:\w+ed|won) by)\s+(?:[\w,]+\s+){0,4}$")
# The first full date near the top of an article (its dateline or a photo
# caption) says when it was written: an article of 2018 is about 2018's vote.
_DATELINE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{1,2},?\s"
    r"|\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s)(\d{4})\b"
)
DATELINE_REACH = 800  # characters from the top of the article


def _dateline_contest(rules: Rules, text: str) -> str:
    date = _DATELINE.search(text, 0, DATELINE_REACH)
    return rules.dateline_contest.get(date.group(1), "") if date else ""


# Where a sentence's clauses part: commas, semicolons, colons, brackets and dashes.
_CLAUSE_BREAK = re.compile(r"[,;:()]\s*|\s[–—-]\s")


def _clause_contests(rules: Rules, sentence: str, dateline: str) -> Callable[[int], str]:
    """The contest of a figure at an offset of the sentence: the cue of its own clause (most specific first); else
    none if its clause names the 28 July vote (``current`` rows); else, for a clause opening on "when", "which" ...
    (``local`` rows), the cue of the clause before; else a cue of any clause that does not open so (a cue in "who
    won the 2023 primary with 93%" or "after winning 67.8% in 2018" is that clause's alone); else the article's
    date's. A poll in an article about a past election (its exit poll) is that election's.
    """
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence))]
    clauses = [sentence[start:end] for start, end in zip(bounds, [*bounds[1:], len(sentence)])]
    # Each clause's first matching row (len(rows) when none): the sentence's governing row is the first of those
    # of the clauses that are no aside, so no clause is searched twice.
    rows = [*rules.contests, ("", None)]
    first_row = [next((i for i, (_, cue) in enumerate(rules.contests) if cue.search(clause)), len(rules.contests)) for clause in clauses]
    own = [rows[i][0] for i in first_row]
    local = [bool(rules.local_clause.match(clause)) for clause in clauses]
    current = [bool(rules.current_clause.search(clause)) for clause in clauses]
    governing = rows[min((i for i, is_local in zip(first_row, local) if not is_local), default=len(rules.contests))][0]

    def contest_at(offset: int) -> str:
        j = bisect.bisect_right(bounds, offset) - 1
        if own[j]:
            contest = own[j]
        elif current[j]:
            contest = ""
        elif local[j] and j and own[j - 1]:
            contest = own[j - 1]
        else:
            contest = governing
        return dateline if dateline and contest in ("", "poll") else contest

    return contest_at


class Rules(NamedTuple):
    """Every pattern the figures step reads, compiled once from the lexicons."""
    token: re.Pattern[str]
    skips: tuple[Cue, ...]  # the skip cues of figure_cues.csv (not a figure)
    # The kind cues (results, crackdown) that may read a number of a unit ("count", "percent"): the rows of that
    # unit and of none, in row order. Split once, so that no number's look-up passes over the others.
    kind_cues: dict[str, tuple[Cue, ...]]
    claimants: tuple[Claimant, ...]  # a sentence is searched only for those whose needs it contains (:class:`Literals`)
    reporting_verb: re.Pattern[str]  # a reporting or counting verb shortly after a claimant
    not_claimant: tuple[re.Pattern[str], ...]  # words before a name that make it the blamed party
    breakdown: tuple[re.Pattern[str], ...]  # words before a number that make it a part of a total
    elsewhere: tuple[Cue, ...]  # words in a crackdown figure's clause that make it another period's or crisis's
    candidates: re.Pattern[str]  # any alias of candidates.csv
    canonical: dict[str, str]  # alias, case-folded -> canonical name
    contests: tuple[tuple[str, re.Pattern[str]], ...]  # (contest, sentence cue), most specific first
    current_clause: re.Pattern[str]  # words that put a clause's figures in the 28 July 2024 vote
    local_clause: re.Pattern[str]  # a clause opening whose contest cue governs that clause only
    dateline_contest: dict[str, str]  # year of the article's date -> contest


@cache
def _compiled() -> Rules:
    rows = read_lexicon("figure_cues")
    by_table = lambda table: tuple(re.compile(r["pattern"], re.IGNORECASE) for r in rows if r["table"] == table)
    cues = tuple(
        Cue(r["table"], r["kind"], r["unit"], r["side"], re.compile(r["pattern"], re.IGNORECASE), r["subject"], i, needs_of(r))
        for i, r in enumerate(rows) if r["table"] in ("skip", "results", "crackdown", "elsewhere")
    )
    claimants = tuple(
        Claimant(re.compile(r["pattern"]), r["claimed_by"], i, needs_of(r)) for i, r in enumerate(read_lexicon("claimants"))
    )
    # The one list of reporting verbs (quote_cues.csv) plus the verbs of
    # counting that only figures use ("documented", "tallied").
    verbs = word_alternation(quote_cues()["verb"])
    counting = "|".join(p.pattern for p in by_table("claim_verb"))
    reporting_verb = re.compile(rf".{{0,45}}?(?:\b(?:{verbs})\b|{counting})", re.S | re.IGNORECASE)
    candidate_rows = read_lexicon("candidates")
    canonical = {r["alias"].casefold(): r["canonical"] for r in candidate_rows}
    candidates = re.compile(rf"(?<!\w)(?:{word_alternation(r['alias'].lower() for r in candidate_rows)})(?!\w)", re.IGNORECASE)
    contest_rows = read_lexicon("contests")
    contests = tuple((r["contest"], re.compile(r["pattern"], re.IGNORECASE)) for r in contest_rows if r["scope"] == "sentence")
    clause_rows = {r["contest"]: re.compile(r["pattern"], re.IGNORECASE) for r in contest_rows if r["scope"] == "clause"}
    dateline_contest = {r["pattern"]: r["contest"] for r in contest_rows if r["scope"] == "dateline"}
    kinds = [c for c in cues if c.table in ("results", "crackdown")]
    kind_cues = {unit: tuple(c for c in kinds if c.unit in ("", unit)) for unit in ("count", "percent")}
    return Rules(_token_pattern(), tuple(c for c in cues if c.table == "skip"), kind_cues, claimants, reporting_verb,
                 by_table("not_claimant"), by_table("breakdown"), tuple(c for c in cues if c.table == "elsewhere"),
                 candidates, canonical, contests, clause_rows["current"], clause_rows["local"], dateline_contest)


# The claimants' needs are looked for with every extractor's, in one pass per sentence.
register("claimants", lambda: (claimant.needs for claimant in _compiled().claimants))


# What groups the digits of a number: "2,400", "2 400" (with a no-break or thin space too).
_DIGIT_SEPARATOR = re.compile(r"[,\s\u00a0\u2009\u202f]")


def parse_value(match: re.Match[str]) -> float:
    """The number a token match stands for: '2 400' -> 2400, 'six' -> 6, 'half a million' -> 500000,
    'half of the votes' -> 50 (percent), '5 million 150 thousand' -> 5150000."""
    if match.group("digits"):
        value = float(_DIGIT_SEPARATOR.sub("", match.group("digits")))
    elif match.group("half"):
        value = 0.5
    elif match.group("halfshare"):
        return 50.0
    elif match.group("fraction"):
        return _fraction_value(match.group("fraction").lower())
    else:
        value = _word_value(match.group("words").lower())
    scale = (match.group("scale") or match.group("abbr") or "").lower()
    if scale:
        value *= _SCALES[scale]
    if match.group("thousands"):
        value += float(match.group("thousands").split()[0]) * 1e3
    return value


_FRACTIONS = {"third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}


def _fraction_value(fraction: str) -> float:
    """Percent of a fraction, to one decimal: 'two-thirds' -> 66.7, 'nine out of ten' -> 90."""
    parts = re.split(r"[- ]", fraction)
    if "out" in parts:
        numerator = parts[0]
        count = float(numerator) if numerator.isdigit() else _UNITS.get(numerator) or _TEENS.get(numerator, 0)
        return round(float(count) * 10, 1)
    count = 1 if parts[0] in ("a", "one") else _UNITS[parts[0]]
    return round(count * _FRACTIONS[parts[1]], 1)


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


def _may_match(cue: Cue, lowered: str) -> bool:
    """Whether the cue's pattern may match a window (lower-cased): it has no needs, or one of them occurs."""
    if not cue.needs:
        return True
    for need in cue.needs:  # a loop, not any() over a generator: this runs for every cue at every number
        if need in lowered:
            return True
    return False


def _skipped(skips: tuple[Cue, ...], before: str, number: str, after: str) -> bool:
    """Whether one of the skip cues (:attr:`Rules.skips`) marks the number between ``before`` and ``after`` as no figure."""
    before_lowered, after_lowered = before.lower(), after.lower()
    for cue in skips:
        # "around" patterns see both sides at once, the number between two "#"
        # (their needs may lie on either side).
        if cue.side == "around" and (_may_match(cue, before_lowered) or _may_match(cue, after_lowered)) and cue.pattern.search(f"{before}#{number}#{after}"):
            return True
        if cue.side in ("after", "either") and _may_match(cue, after_lowered) and cue.pattern.search(after):
            return True
        if cue.side in ("before", "either") and _may_match(cue, before_lowered) and cue.pattern.search(before):
            return True
    return False


def _elsewhere(cues: tuple[Cue, ...], left: str, right: str) -> bool:
    """Whether a figure's clause (``left`` and ``right`` of it) puts it in another period or crisis (``elsewhere`` rows)."""
    left_lowered, right_lowered = left.lower(), right.lower()
    return any(
        (cue.side in ("after", "either") and _may_match(cue, right_lowered) and cue.pattern.search(right))
        or (cue.side in ("before", "either") and _may_match(cue, left_lowered) and cue.pattern.search(left))
        for cue in cues
    )


def _opening_reach(cues: tuple[Cue, ...], sentence: str) -> int:
    """How far a sentence's opening on another period governs it (``opening`` rows of ``elsewhere``): up to its first
    semicolon, which starts a clause of its own; 0 when it opens on none."""
    for cue in cues:
        opening = cue.side == "opening" and cue.pattern.match(sentence)
        if opening:
            semicolon = sentence.find(";", opening.end())
            return len(sentence) if semicolon < 0 else semicolon
    return 0


# What may lie between a cue and the next number for the cue to be that number's: a word at most, no punctuation.
_LEADS_ON = re.compile(r"\s*(?:[\w’'-]+\s*)?")


def _best_cue(cues: tuple[Cue, ...], left: str, right: str, next_number: bool = False) -> tuple[Cue, int] | None:
    """The cue nearest the number and its distance, in words; on a tie the row listed first (the more specific).
    ``cues`` are the kind cues of the number's unit (:attr:`Rules.kind_cues`).

    When ``right`` runs up to the next number (``next_number``), a cue at its
    end, right before that number and further from this one, is that
    number's: "Some 5,000 people marched in Caracas, where police arrested 40"
    (but not across a comma: "25 people were killed, 23 of them by gunshots").
    """
    best: tuple[int, int] | None = None
    chosen = None
    left_lowered, right_lowered = left.lower(), right.lower()
    for cue in cues:
        if cue.side in ("after", "either") and _may_match(cue, right_lowered):
            found = cue.pattern.search(right)
            if found and next_number and _LEADS_ON.fullmatch(right, found.end()) and ADJACENT_WORDS < _words_in(right[:found.start()]):
                found = None
            if found:
                key = (_words_in(right[:found.start()]), cue.rank)
                if best is None or key < best:
                    best, chosen = key, cue
        if cue.side in ("before", "either") and _may_match(cue, left_lowered):
            last = None
            for last in cue.pattern.finditer(left):
                pass
            if last is not None:
                key = (_words_in(left[last.end():]), cue.rank)
                if best is None or key < best:
                    best, chosen = key, cue
    return (chosen, best[0]) if chosen is not None and best is not None else None


def _words_in(gap: str) -> int:
    # Words rather than characters: "deaths and more than 2,000 arbitrary
    # detentions" puts the detentions one word away and the deaths two.
    return len(_WORD.findall(gap))


def _claimant_hits(rules: Rules, sentence: str, allowed: list[int]) -> list[tuple[int, int, int, str]]:
    """(start, rank, end, claimed_by) of every claimant named in the sentence, in order; ``allowed`` are the
    claimants one of whose needs the sentence holds (:meth:`Literals.rows`), the only ones searched.

    A name right after "blamed", "accused", "against"... is the party blamed,
    not the one making the claim, and is left out; so is a name inside a
    longer one ("authorities" in "Electoral authorities").
    """
    hits = sorted(
        (m.start(), -m.end(), c.rank, c.claimed_by)
        for c in map(rules.claimants.__getitem__, allowed)
        for m in c.pattern.finditer(sentence)
        if not any(p.search(sentence, max(0, m.start() - 40), m.start()) for p in rules.not_claimant)
    )
    outer, reach = [], -1
    for start, negative_end, rank, claimed_by in hits:
        if -negative_end > reach:
            outer.append((start, rank, -negative_end, claimed_by))
            reach = -negative_end
    return outer


def _attribution(hits: list[tuple[int, int, int, str]], sentence: str, reporting_verb: re.Pattern[str]) -> Callable[[int], str | None]:
    """Who the sentence attributes a figure at a position to: '' if nobody, None if to someone named before it.

    "According to X" governs the sentence up to a claimant named after it
    with a reporting verb ("According to the government, 2,400 were
    arrested and NGOs have reported 24 deaths": the 24 are the NGOs'). Otherwise the closest
    attribution before the figure wins ("Although the CNE declared Maduro the
    winner, the PUD insists on ... 83.5% of the minutes" is the PUD's), then
    the first one after it, then the first claimant named before the figure
    without a verb. One named only after it without a verb is an object, not
    the source ("won the opposition primary with 93%, forcing the opposition
    to turn to González"). The sentence is read once, not once per figure:
    a long table of numbers stays linear.
    """
    attributed = [(start, claimed_by) for start, _, end, claimed_by in hits if reporting_verb.match(sentence, end)]
    starts = [start for start, _ in attributed]
    for according in _ACCORDING_TO.finditer(sentence):
        named = next(
            (claimed_by for start, _, _, claimed_by in hits
             if start >= according.end() and _short_gap().match(sentence, according.end(), start)),
            None,  # "According to her", "according to the calculations": named in an earlier sentence
        )

        def according_to(position: int, source_end: int = according.end()) -> str | None:
            # A later reporting clause speaks for its own figures only; the next sentence follows the
            # according-to source ("…, nearly half a million more than the government says Maduro won with.").
            before = bisect.bisect_left(starts, position)
            later = before and starts[before - 1] > source_end and position < len(sentence)
            return attributed[before - 1][1] if later else named

        return according_to
    first_named = hits[0] if hits else None

    def claimed_by(position: int) -> str:
        before = bisect.bisect_left(starts, position)
        if before:
            return attributed[before - 1][1]
        if attributed:
            return attributed[0][1]
        return first_named[3] if first_named and first_named[0] < position else ""

    return claimed_by


class CandidateNames(NamedTuple):
    names: list[tuple[int, int, str]]  # (start, end, canonical name), in order
    starts: list[int]  # their starts, for bisecting


def _candidate_names(rules: Rules, sentence: str) -> CandidateNames:
    """The candidates (candidates.csv) named in the sentence, in order, read once per sentence."""
    names = [(m.start(), m.end(), rules.canonical[m.group().casefold()]) for m in rules.candidates.finditer(sentence)]
    return CandidateNames(names, [start for start, _, _ in names])


def _candidate(found: CandidateNames, sentence: str, left_start: int, number_start: int, number_end: int, right_end: int) -> str:
    """The candidate a vote share or count belongs to: "for González" after it, else the nearest before.

    ``found`` is :func:`_candidate_names` of the sentence; only those within
    the number's window are looked at (bisected, so a long sentence stays
    linear). A name after the number without "for" is the next figure's
    ("He received 51.95%, while his rival, González, got 43.18%").
    """
    names, starts = found
    for start, end, name in names[bisect.bisect_left(starts, number_end):bisect.bisect_left(starts, right_end)]:
        # "7.3 million votes to Maduro's 3.3 million": a possessive name owns the figure after it, not this one.
        if _FOR_CANDIDATE.match(sentence, number_end, start) and not POSSESSIVE.match(sentence, end):
            return name
    before = [(end, name) for start, end, name in names[bisect.bisect_left(starts, left_start):bisect.bisect_left(starts, number_start)] if end <= number_start]
    return max(before)[1] if before else ""


# How a row's kind was found -> its confidence: the precision of each route
# measured on the tune halves of dev2a/dev2b plus the project's gold (148
# figures). Coordinated with the figure before, or a part of a total: 15 of
# 15 (held below 1 for so few); adjacent cue (0-1 words away, or a $ / "2-1"
# sign): 104 of 108; distant cue (2+ words away): 12 of 13; bare (a lone
# percentage, a count right after a candidate's name): 11 of 12. Whether the
# claimant was named with a reporting verb made no difference to precision,
# so it is not a route.
CONFIDENCE = {"coordinated": 0.97, "adjacent": 0.96, "distant": 0.92, "bare": 0.91}
ADJACENT_WORDS = 1  # a cue at most this many words from its number is adjacent


# Between a candidate's name and his bare count: a comma, a colon, "with", "got"...
_IN_PARENTHESES = re.compile(r"(?:\s(?:votes|ballots))?\s?\(\s?")
_NAME_TO_COUNT = re.compile(r"(?:\s*[,:(–-]\s*|\s+(?:with|got|gets|obtained|received|won|had|has)\s+)(?:about\s+|some\s+)?$")


def _named_just_before(found: CandidateNames, sentence: str, number_start: int) -> bool:
    names, starts = found
    before = bisect.bisect_left(starts, number_start)
    return bool(before) and _NAME_TO_COUNT.fullmatch(sentence, names[before - 1][1], number_start) is not None


class _Claims:
    """Who claims what each sentence says, read on demand: a sentence's claimants are searched only when it has a figure.

    A figure that names no source takes the claimant of the end of the
    sentence before (in the same paragraph, or any sentence after "according
    to her"); that sentence may inherit its own from the one before it, and
    so on. Each sentence's claimant hits and end claimant are worked out at
    most once, back to front without recursion, so the time stays linear.
    """

    def __init__(self, rules: Rules, sentences: list[Sentence], literals: Literals):
        self.rules, self.sentences, self.literals = rules, sentences, literals
        self.same_paragraph: list[bool] = []  # per sentence: whether it follows the one before in its paragraph
        self._attributions: dict[int, Callable[[int], str | None]] = {}
        self._ends: dict[int, str] = {}  # sentence -> who its last words are claimed by

    def _attribution(self, k: int) -> Callable[[int], str | None]:
        if k not in self._attributions:
            s = self.sentences[k].text
            self._attributions[k] = _attribution(_claimant_hits(self.rules, s, self.literals.rows("claimants", k)), s, self.rules.reporting_verb)
        return self._attributions[k]

    def _inherits(self, k: int, claimed_by: str | None) -> bool:
        return claimed_by is None or (not claimed_by and self.same_paragraph[k])

    def at(self, k: int, position: int) -> str:
        """The claimant of a figure at ``position`` of sentence ``k``."""
        claimed_by = self._attribution(k)(position)
        if self._inherits(k, claimed_by):
            claimed_by = self._end(k - 1)
        return claimed_by or "article"

    def names_source(self, k: int, position: int) -> bool:
        """Whether sentence ``k`` itself attributes a figure at ``position`` (by name, or "according to her")."""
        return self._attribution(k)(position) != ""

    def _end(self, k: int) -> str:
        """The claimant at the end of sentence ``k`` ('' before the first)."""
        pending = []
        while k >= 0 and k not in self._ends:
            claimed_by = self._attribution(k)(len(self.sentences[k].text))
            if not self._inherits(k, claimed_by):
                self._ends[k] = claimed_by or "article"
                break
            pending.append(k)
            k -= 1
        claimed_by = self._ends[k] if k >= 0 else ""
        for j in reversed(pending):
            claimed_by = self._ends[j] = claimed_by or "article"
        return claimed_by


def find_figures(article_id: str, text: str, *, sentences: list[Sentence], literals: Literals | None = None) -> Iterator[tuple]:
    """Yield a ``RESULTS.Row`` or ``CRACKDOWN.Row`` for each figure in the article.

    A figure the article states without a source ("Some 86 detained teenagers
    are released" in a headline) is left out when the article also gives it
    with its source ("Foro Penal ... 86 teenagers"): it is the same claim.
    ``literals`` are the sentences' :class:`Literals`, when the caller shares them with other extractors.
    """
    found = list(_figures(article_id, text, sentences, Literals(sentences) if literals is None else literals))
    sourced = {(type(row), row.kind, row.value) for row in found if row.claimed_by != "article"}
    for row in found:
        if row.claimed_by != "article" or (type(row), row.kind, row.value) not in sourced:
            yield row


def _figures(article_id: str, text: str, sentences: list[Sentence], literals: Literals) -> Iterator[tuple]:
    rules = _compiled()
    token, skips, kind_cues = rules.token, rules.skips, rules.kind_cues
    seen: set[tuple] = set()  # (table, kind, value, claimed_by) reported
    figures_seen: set[tuple] = set()  # (table, kind, value) reported
    # (table, value) -> (kind, subject, claimed_by) of the figures reported so far: a
    # total restated later ("Of the 86 minors") is a repeat, not a new figure.
    reported: dict[tuple[str, float], tuple[str, str, str]] = {}
    dateline = _dateline_contest(rules, text)
    # Who claims a figure is worked out only for the sentences that have one
    # (and, when they inherit it, the sentences before them): most have none.
    claims = _Claims(rules, sentences, literals)
    previous_end = -1
    last: tuple[int, str, str, str, str] | None = None  # (end, table, kind, subject, claimed_by) of the previous figure
    last_candidate = ""  # and its candidate
    for k, sent in enumerate(sentences):
        s = sent.text
        claims.same_paragraph.append(previous_end >= 0 and "\n" not in text[previous_end:sent.start])
        previous_end = sent.end
        previous_figure, last = last, None
        if not _may_hold_number(s):
            continue
        candidates: CandidateNames | None = None  # read when the sentence has a vote figure
        contest_at: Callable[[int], str] | None = None  # read when the sentence has a result
        opening_reach: int | None = None  # read when it has a crackdown figure: how far its opening on another period governs

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
            and not _skipped(skips, s[max(0, match.start() - WINDOW):match.start()], match.group(), s[match.end():match.end() + WINDOW])
        ]
        for i, (match, value) in enumerate(mentions):
            left_start = max(mentions[i - 1][0].end() if i else 0, match.start() - WINDOW)
            right_end = min(mentions[i + 1][0].start() if i + 1 < len(mentions) else len(s), match.end() + WINDOW)
            left, right = s[left_start:match.start()], s[match.end():right_end]
            # Words before "and", "but" or ";" belong to another conjunct:
            # "dozens of deaths and more than 2,000 arbitrary detentions".
            left = _CONJUNCT.split(_BETWEEN_AND.sub(lambda m: m.group().replace("and", "versus"), left))[-1]
            # ... and words after them to the next one: "González about 4
            # million and other candidates 460 thousand".
            clause = _CONJUNCT.split(right)[0]
            # Whether the words after run, in one conjunct, up to the next number.
            next_number = clause == right and i + 1 < len(mentions) and right_end == mentions[i + 1][0].start()
            right = clause
            # "just over half of the votes" is a share: 50 percent.
            is_percent = bool(match.group("percent") or match.group("halfshare") or match.group("fraction"))
            route = "adjacent"
            total_claimant = ""  # a breakdown's or coordinated mention's: who claims the figure it goes with
            total = last or previous_figure  # the figure a breakdown ("of whom 100 ...") is a part of
            sentence_before = s[max(0, match.start() - WINDOW):match.start()]

            if match.group("currency"):
                table, kind, subject = "results", "other", "money"
            elif match.group("ratio"):
                table, kind, subject = "results", "other", "margin"
            elif total is not None and not is_percent and any(p.search(sentence_before) for p in rules.breakdown):
                table, kind, subject, route, total_claimant = total[1], total[2], total[3], "coordinated", total[4]
                # A part named as a kind of its own keeps it: "Of the 2,400 arrested,
                # 1,581 are political prisoners", "of whom 100 were released", "Of the
                # 1,200 arrested, police freed 300". The words before the part hold the
                # total's own cue, so those after it are read first.
                for own in (_best_cue(kind_cues["count"], "", right), _best_cue(kind_cues["count"], left, "")):
                    if own is not None and own[0].table == table and own[0].kind not in ("other", kind):
                        kind, subject = own[0].kind, own[0].subject
                        route = "adjacent" if own[1] <= ADJACENT_WORDS else "distant"
                        break
            else:
                found_cue = _best_cue(kind_cues["percent" if is_percent else "count"], left, right, next_number)
                if found_cue is not None:
                    cue, distance = found_cue
                    table, kind, subject = cue.table, cue.kind, cue.subject
                    route = "adjacent" if distance <= ADJACENT_WORDS else "distant"
                elif last is not None and _COORDINATION.match(s[last[0]:match.start()]) and not _new_predicate(rules, s[last[0]:match.start()]):
                    table, kind, subject, route, total_claimant = last[1], last[2], last[3], "coordinated", last[4]
                elif is_percent and ("results", round(value, 4)) in reported:
                    continue  # a bare percentage restating one reported earlier: "Exactly 51.2%, for example."
                elif is_percent:
                    table, kind, subject, route = "results", "vote_share_pct", "", "bare"
                else:
                    # A bare count right after a candidate's name is his vote
                    # count: "José Brito, 116,420; Javier Bertucci, 64,379".
                    candidates = _candidate_names(rules, s) if candidates is None else candidates
                    if not _named_just_before(candidates, s, match.start()):
                        continue
                    table, kind, subject, route = "results", "votes", "", "bare"
            if table == "crackdown" and opening_reach is None:
                opening_reach = _opening_reach(rules.elsewhere, s)
            if table == "elsewhere" or (table == "crackdown" and (match.start() < opening_reach or _elsewhere(rules.elsewhere, left, right))):
                # A crackdown figure of another period or crisis ("43 died in the 2014
                # protests") is not reported; a part of it or a figure coordinated
                # with it ("and 125 in 2017") is not either.
                last = (match.end(), "elsewhere", kind, subject, "")
                continue
            earlier_kind, earlier_subject, earlier_claimant = reported.get((table, round(value, 4)), (kind, subject, ""))
            if kind in ("other", "vote_share_pct") and earlier_kind not in (kind, "other"):
                # A number restated with a vaguer noun: "Of the 86 minors, 74
                # are men", "the 73.1% of the votes" after "73.1% of the minutes".
                # It still stands for the total its parts break down.
                last = (match.end(), table, earlier_kind, earlier_subject, earlier_claimant)
                continue
            candidate = ""
            if kind in ("vote_share_pct", "votes"):
                candidates = _candidate_names(rules, s) if candidates is None else candidates
                candidate = _candidate(candidates, s, left_start, match.start(), match.end(), right_end)
                if last is not None and last[2] == "votes" and _IN_PARENTHESES.fullmatch(s, last[0], match.start()):
                    candidate = last_candidate  # "González 6,392,350 (67.2%)": the share of the same votes
                subject = candidate or subject
            claimed_by = claims.at(k, match.start())
            if not claims.names_source(k, match.start()):
                # Unsourced here: a part or restatement of a sourced figure is its source's ("Of the 86
                # minors, 74 are men and 12 women": Foro Penal's, as the 86 were).
                claimed_by = total_claimant or (earlier_claimant if earlier_kind == kind and claimed_by == "article" else "") or claimed_by
            last, last_candidate = (match.end(), table, kind, subject, claimed_by), candidate
            # A figure of another contest is kept, as `other` with its contest,
            # so that it never counts as a 28 July 2024 result. A crackdown
            # figure is this crisis's unless its article was written before it
            # (the dateline's contest): a sentence naming the primary or a poll
            # does not make a detention count theirs, and another period named
            # in its clause is an elsewhere row.
            if table == "results":
                contest_at = _clause_contests(rules, s, dateline) if contest_at is None else contest_at
                figure_contest = contest_at(match.start())
            else:
                figure_contest = dateline
            if figure_contest:
                kind = "other"

            key = (table, kind, round(value, 4), claimed_by)
            if key in seen or (key[:3] in figures_seen and not claims.names_source(k, match.start())):
                # The same figure again, or restated in a sentence that names no
                # source, which would lend it the claimant of the sentence before.
                continue
            seen.add(key)
            figures_seen.add(key[:3])
            earlier = reported.setdefault((table, round(value, 4)), (kind, subject, claimed_by))
            if earlier[2] == "article" != claimed_by:  # sourced after an unsourced mention (a headline): its parts are the source's
                reported[(table, round(value, 4))] = (*earlier[:2], claimed_by)
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
                candidate=candidate,
                contest=figure_contest,
                evidence=s,
                start=sent.start,
                end=sent.end,
                confidence=CONFIDENCE[route],
            )
