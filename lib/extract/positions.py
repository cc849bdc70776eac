"""International positions: which country or organisation takes which stance on the result.

Rules, no model. Each sentence is read in three steps:

1. **Cues.** Every stance row of ``lib/lexicons/stance_cues.csv`` is a
   case-insensitive regex ("refused to recognize Maduro", "congratulated",
   "called for the publication of ..."). A ``same`` row ("did the same")
   repeats the stance of the cue before it. Sentences without a cue stop here.
2. **Mentions.** Countries and organisations (:func:`lib.lexicon.find_places`)
   and officials (:func:`lib.lexicon.find_officials`, Blinken -> USA) are
   *actors*. Venezuela and its officials, and the ``non_actor`` phrases of the
   cue file (opposition, CNE, NGOs, observers) are *non-actors*: they hold no
   stance, and when one is the subject of a cue the cue is theirs. An
   organisation in an ``observer`` context ("UN panel of experts") and anyone
   after a ``former`` word are non-actors too. A mention after a locative
   preposition ("in Panama", "fled to Spain") or used as a possessive
   determiner ("the CNE's results") is not a subject; "Spain's Foreign
   Minister" is (a role noun follows).
3. **Holders.** A cue belongs to the nearest subject before it in the same
   clause, widened to the list it is coordinated with ("Chile, Argentina, ...
   and Uruguay rejected", "Several countries, including the United States and
   the EU, have refused"); "these countries" points back to the last list.
   A ``negation`` word between the list and the cue, or just before the list,
   cancels it ("would not attend the inauguration", "ruled out recognizing
   González"); a negated recognition of Maduro is matched by ``rejects_result``
   rows of its own. A passive cue ("congratulated by China, Russia ...")
   belongs to the actors after it; a cue inside a quotation to the subject
   inside it, else to its speaker (after it, before it, or "X said:" in the
   previous sentence); "he"/"she" with no subject to the first official named
   in the previous sentence.

Per article each actor keeps its strongest stance (``schema.STANCE_RANK``),
first mention first on a tie. For speed, each pattern is run only on
sentences containing the literal words every match of it must contain (read
off the parsed regex, so they cannot drift from the CSV); patterns are
compiled once, on first use.
"""
from __future__ import annotations

import re
# The regex parser (public as sre_parse until 3.11) tells which literals a cue needs.
import re._constants as sre
import re._parser as sre_parse
from functools import cache
from typing import Iterator, NamedTuple

from lib import schema
from lib.lexicon import actor_name, actor_type, find_officials, find_places, read_lexicon
from lib.text import Sentence

VENEZUELA = "VEN"
STANCE_KINDS = frozenset(schema.STANCES)
# Cue kind for an ellipsis ("did the same"): it repeats the stance of the cue before it.
SAME = "same"
CUE_KINDS = STANCE_KINDS | {SAME}
NON_ACTOR = frozenset({"non_actor"})

# Words that end a clause for the purpose of finding a cue's subject.
_CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|\b(?:but|while|whereas|although|though|however)\b", re.I)
# A mention right after one of these is a place or an object, not a subject.
_LOCATIVE = re.compile(
    r"\b(?:in|from|at|into|with|against|toward|towards|between|among|across|inside|outside|throughout|over|on|"
    r"via|visit\w*|fled\s+to|flew\s+to|travel\w*\s+to|arrived\s+in|exile\s+in|asylum\s+in|ties\s+with|"
    r"relations\s+with|talks\s+with|met\s+with|meeting\s+with|stands?\s+with)\s+(?:the\s+)?$",
    re.I,
)
# After "X's", these nouns make X the speaker ("Brazil's foreign ministry said").
_ROLE_NOUNS = frozenset(
    "government president foreign prime minister ministry administration leader chancellor secretary "
    "spokesperson spokesman spokeswoman ambassador envoy top congress parliament senate delegation "
    "representative officials official diplomat state vice high head deputy cabinet executive "
    "council commission".split()
)
_POSSESSIVE = re.compile(r"^['’]s\s+(\w+)")
# Separators inside a coordinated list of actors.
_COORDINATION = re.compile(
    r"^(?:[\s,()]|\b(?:and|or|nor|as\s+well\s+as|along\s+with|together\s+with|plus|including|such\s+as|by|from|of|the|nation)\b)*$",
    re.I,
)
# "the governments of these countries did not recognize": points back to a list.
_ANAPHOR = re.compile(
    r"\b(?:these|those|both|all|the\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d+))\s+"
    r"(?:countries|governments|nations|states)\b",
    re.I,
)
# A non-actor blocks a cue only when it is the subject of a verb before it.
_SUBJECT_VERB = re.compile(
    r"^\W*(?:\S+\s+){0,3}?(?:said|says|say|stated|states|claimed|claims|claim|insisted|insists|argued|argues|"
    r"denounced|denounces|decried|called|calls|has|have|had|is|are|was|were|will|would|could|can|did|does|"
    r"told|added|wrote|concluded|found|noted|accused|alleged|maintained|maintains|rejected|rejects|"
    r"published|presented|showed|shows|asked|demanded|urged|announced|declared|explained)\b",
    re.I,
)
_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# A cue ending in a participle and followed by "by"/"from" is passive ("congratulated by China");
# "by" + gerund is a means ("ensure transparency by making the records public").
_PARTICIPLE_ENDINGS = ("ed", "en")
_PASSIVE_BY = re.compile(r"^\s*(?:\w+ly\s+|also\s+)?(?:by|from)\b(?!\s+\w+ing\b)", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\b", re.I)
# Quotation marks; ’ between letters is an apostrophe ("I’m", "Maduro’s"), not a closing quote.
_OPEN_QUOTE = re.compile(r"“|(?<!\w)‘")
_CLOSE_QUOTE = re.compile(r"”|’(?!\w)")
# Fewer words than this between quotation marks is a scare-quoted term, not a quotation.
MIN_QUOTE_WORDS = 4
# How far (characters) before a subject list a negation still governs it ("Neither the US nor ...").
NEGATION_LEAD = 12
# How far (characters) a speaker may follow the end of a quotation.
SPEAKER_WINDOW = 120


class Mention(NamedTuple):
    start: int
    end: int
    code: str  # "" for a non-actor
    subject: bool  # can be the subject of a cue (not locative, passive agent or possessive determiner)
    agent: bool  # after "by": the subject of a passive cue ("congratulated by China")
    person: bool = False


class Cue(NamedTuple):
    start: int
    end: int
    stance: str


# Literal stems shorter than this are too common to be worth checking first.
MIN_STEM = 3
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _stems(items) -> frozenset[str] | None:
    """Lower-cased literals one of which starts every match of a parsed regex; None if unknown."""
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            j = i
            while j < len(items) and items[j][0] is sre.LITERAL:
                j += 1
            stem = "".join(chr(code) for _, code in items[i:j]).lower()
            # The parser factors "does|did" into "d" + (oes|id): carry on into what follows.
            rest = _stems(items[j:]) if j < len(items) else None
            return frozenset(stem + tail for tail in rest) if rest else frozenset({stem})
        if op is sre.SUBPATTERN:
            return _stems(av[-1])
        if op is sre.BRANCH:
            branches = [_stems(b) for b in av[1]]
            return None if None in branches else frozenset().union(*branches)
        if op in _REPEATS:
            low, _, body = av
            first = _stems(body)
            if low >= 1 or first is None:
                return first
            rest = _stems(items[i + 1:])
            return None if rest is None else first | rest
        return None
    return None


def _required(items) -> frozenset[str] | None:
    """Lower-cased literals one of which every match of a parsed regex contains; None if unknown.

    ``\\b(?:call\\w*|urg\\w*)`` gives {"call", "urg"}, ``(?:was|were)\\s+rejected``
    gives {"rejected"}: of the literals a match must contain, the longest are
    kept. A cue pattern is only run on sentences containing one of them,
    which skips most patterns in most sentences.
    """
    best = None
    items = list(items)
    for i, (op, av) in enumerate(items):
        found = None
        if op is sre.LITERAL and (i == 0 or items[i - 1][0] is not sre.LITERAL):
            found = _stems(items[i:])
        elif op is sre.SUBPATTERN:
            found = _required(av[-1])
        elif op is sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            found = None if None in branches else frozenset().union(*branches)
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


def _requirements(pattern: str) -> tuple[frozenset[str], ...]:
    """Groups of literals a match must contain (one of each group), cheapest to check first."""
    groups = []
    for i, (op, av) in enumerate(items := list(sre_parse.parse(pattern, re.I))):
        found = _required([(op, av)]) if op is not sre.LITERAL else (
            _stems(items[i:]) if i == 0 or items[i - 1][0] is not sre.LITERAL else None
        )
        if found and min(map(len, found)) >= MIN_STEM:
            groups.append(found)
    return tuple(sorted(groups, key=lambda g: (len(g), -min(map(len, g)))))


class _Scanner(NamedTuple):
    patterns: tuple[tuple[str, re.Pattern[str], tuple[frozenset[str], ...]], ...]  # kind, regex, requirements
    always: tuple[int, ...]  # patterns without requirements
    by_stem: tuple[tuple[str, tuple[int, ...]], ...]  # literal of a first requirement -> patterns


@cache
def _scanner(kinds: frozenset[str]) -> _Scanner:
    patterns, always, by_stem = [], [], {}
    for row in read_lexicon("stance_cues"):
        if row["kind"] in kinds:
            requirements = _requirements(row["pattern"])
            if requirements:
                for stem in requirements[0]:
                    by_stem.setdefault(stem, []).append(len(patterns))
            else:
                always.append(len(patterns))
            patterns.append((row["kind"], re.compile(row["pattern"], re.I), requirements))
    # "fraudulent" contains "fraud": one check of the shorter literal stands for both.
    for stem in sorted(by_stem, key=len, reverse=True):
        shorter = [other for other in by_stem if other != stem and other in stem]
        if shorter:
            by_stem[min(shorter, key=len)].extend(by_stem.pop(stem))
    return _Scanner(tuple(patterns), tuple(always), tuple((k, tuple(sorted(set(v)))) for k, v in by_stem.items()))


def _scan(kinds: frozenset[str], text: str) -> list[tuple[str, re.Match[str]]]:
    """Matches of the rows of the given kinds, skipping rows whose required literals are absent."""
    scanner = _scanner(kinds)
    lowered = text.lower()
    active = [index for stem, indexes in scanner.by_stem if stem in lowered for index in indexes]
    found = []
    for index in sorted(set(active).union(scanner.always)):
        kind, pattern, requirements = scanner.patterns[index]
        if all(any(stem in lowered for stem in group) for group in requirements[1:]):
            found.extend((kind, match) for match in pattern.finditer(text))
    return found


@cache
def _kind_pattern(kind: str) -> re.Pattern[str]:
    """The rows of one non-stance kind (negation, non_actor, observer, former) as one regex."""
    rows = [row["pattern"] for row in read_lexicon("stance_cues") if row["kind"] == kind]
    return re.compile("|".join(f"(?:{p})" for p in rows) or r"(?!)", re.I)


def _any(kind: str, text: str) -> bool:
    return _kind_pattern(kind).search(text) is not None


def _roles(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(subject, agent) for a mention at text[start:end]."""
    before = text[max(0, start - 30):start]
    if _LOCATIVE.search(before):
        return False, False
    if _AGENT.search(before):
        return False, True
    possessive = _POSSESSIVE.match(text[end:end + 40])
    return not possessive or possessive.group(1).lower() in _ROLE_NOUNS, False


def _people(text: str) -> list[Mention]:
    """Officials named in one sentence (Venezuelan and former ones as non-actors)."""
    found = []
    for start, end, official in find_officials(text):
        code = "" if official.country_code == VENEZUELA else official.country_code
        if _any("former", text[max(0, start - 40):start]):
            code = ""
        found.append(Mention(start, end, code, *_roles(text, start, end), person=True))
    return found


def _mentions(text: str) -> list[Mention]:
    """Actors and non-actors in one sentence, in order."""
    found = _people(text)
    taken = [(m.start, m.end) for m in found]
    for place in find_places(text):
        if any(s < place.end and place.start < e for s, e in taken):
            continue  # part of an official's name
        code = "" if place.code == VENEZUELA else place.code
        before = text[max(0, place.start - 40):place.start]
        if _any("former", before):
            code = ""
        if place.kind == "organization" and (_any("observer", text[place.end:place.end + 40]) or _any("observer", before)):
            code = ""
        found.append(Mention(place.start, place.end, code, *_roles(text, place.start, place.end)))
        taken.append((place.start, place.end))
    for _, match in _scan(NON_ACTOR, text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(Mention(match.start(), match.end(), "", *_roles(text, match.start(), match.end())))
            taken.append(match.span())
    return sorted(found)


def _cues(text: str) -> list[Cue]:
    return sorted(Cue(m.start(), m.end(), kind) for kind, m in _scan(CUE_KINDS, text))


def _clause(text: str, cue: Cue) -> tuple[int, int]:
    start = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, cue.start):
        start = match.end()
    after = _CLAUSE_BREAK.search(text, cue.end)
    return start, after.start() if after else len(text)


def _list_ending_at(text: str, mentions: list[Mention], last: int) -> list[Mention]:
    """The coordinated list whose last item is mentions[last] ("Chile, Argentina ... and Uruguay")."""
    group = [mentions[last]]
    for i in range(last - 1, -1, -1):
        if not _COORDINATION.match(text[mentions[i].end:group[0].start]):
            break
        group.insert(0, mentions[i])
    return group


# A relative clause between the subject and the cue ("The US, which has not ..., refused")
# does not negate the cue.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*,")


def _negated(text: str) -> bool:
    return _any("negation", _RELATIVE_CLAUSE.sub(",", text))


def _inside_quote(text: str, pos: int) -> tuple[int, int] | None:
    """(open, close) offsets of the quotation around ``pos``, if any."""
    before = text[:pos]
    curly_open = max((m.start() for m in _OPEN_QUOTE.finditer(before)), default=-1)
    curly_close = max((m.start() for m in _CLOSE_QUOTE.finditer(before)), default=-1)
    if curly_open > curly_close:
        end = _CLOSE_QUOTE.search(text, pos)
        span = curly_open, end.start() if end else len(text)
    elif before.count('"') % 2:
        close = text.find('"', pos)
        span = before.rfind('"'), close if close >= 0 else len(text)
    else:
        return None
    return span if len(text[span[0] + 1:span[1]].split()) >= MIN_QUOTE_WORDS else None


def _subject_before(text: str, mentions: list[Mention], start: int, end: int) -> int | None:
    """Index of the nearest mention in text[start:end] that can be the subject of what follows it."""
    for i in range(len(mentions) - 1, -1, -1):
        m = mentions[i]
        if start <= m.start and m.end <= end and m.subject and (m.code or _SUBJECT_VERB.match(text[m.end:])):
            return i
    return None


def _holders_from(text: str, mentions: list[Mention], nearest: int, cue: Cue) -> list[Mention]:
    """The list ending in a subject, unless it is a non-actor or negated ("Neither A nor B has ...")."""
    if not mentions[nearest].code:
        return []
    group = _list_ending_at(text, mentions, nearest)
    if _negated(text[max(0, group[0].start - NEGATION_LEAD):group[0].start]) or _negated(text[mentions[nearest].end:cue.start]):
        return []
    return [m for m in group if m.code]


def _holders(text: str, mentions: list[Mention], cue: Cue, previous: Mention | None, introduced: bool) -> list[Mention]:
    """Actors a cue belongs to (empty when it belongs to a non-actor or to no one).

    ``previous`` is the first official named in the previous sentence, the
    antecedent of "he"/"she"; ``introduced`` says that sentence ended in a
    colon ("Metsola said:"), so it speaks a quotation that starts here.
    """
    clause_start, clause_end = _clause(text, cue)
    # Passive: "congratulated by China, Russia ...", "rejected by ..., including by Brazil".
    if text[cue.start:cue.end].lower().endswith(_PARTICIPLE_ENDINGS) and _PASSIVE_BY.match(text[cue.end:clause_end]):
        return [m for m in mentions if cue.end <= m.start < clause_end and (m.subject or m.agent) and m.code]
    quote = _inside_quote(text, cue.start)
    if quote:
        # A subject inside the quotation ("Canada is concerned that ...") speaks; else its speaker.
        inside = _subject_before(text, mentions, quote[0], cue.start)
        if inside is not None:
            return _holders_from(text, mentions, inside, cue)
        if _negated(text[quote[0] + 1:cue.start]):
            return []
        after = [m for m in mentions if quote[1] < m.start <= quote[1] + SPEAKER_WINDOW]
        if after:
            return [after[0]] if after[0].code else []
        speaker = _subject_before(text, mentions, 0, quote[0])
        if speaker is not None:
            return _holders_from(text, mentions, speaker, cue)
        return [previous] if introduced and previous and previous.code else []
    anaphor = None
    for anaphor in _ANAPHOR.finditer(text, clause_start, cue.start):
        pass
    nearest = _subject_before(text, mentions, clause_start, cue.start)
    if anaphor and (nearest is None or mentions[nearest].start < anaphor.start()):
        listed = [i for i, m in enumerate(mentions) if m.end <= anaphor.start() and m.code]
        if listed and not _negated(text[anaphor.end():cue.start]):
            return [m for m in _list_ending_at(text, mentions, listed[-1]) if m.code]
        return []
    if nearest is not None:
        return _holders_from(text, mentions, nearest, cue)
    # "He said the result was fraudulent": the last official named speaks.
    if previous and previous.code and _PRONOUN_SUBJECT.search(text[clause_start:cue.start]):
        if not _negated(text[clause_start:cue.start]):
            return [previous]
    return []


def find_positions(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[schema.PositionsRow]:
    """One row per actor with the strongest stance the article supports."""
    best: dict[str, tuple] = {}
    previous_text = ""
    last_stance = ""
    for sentence in sentences:
        cues = _cues(sentence.text)
        if cues:
            mentions = _mentions(sentence.text)
            # "he"/"she" and a quotation introduced by "X said:" look back one sentence.
            people = [m for m in _people(previous_text) if m.subject]
            previous = people[0] if people else None
            introduced = previous_text.rstrip().endswith(":")
        for cue in cues:
            if cue.stance == SAME:
                if not last_stance:
                    continue
                cue = cue._replace(stance=last_stance)
            holders = _holders(sentence.text, mentions, cue, previous, introduced)
            # A negated or non-actor cue leaves nothing for a following "did the same" to repeat.
            last_stance = cue.stance if holders else ""
            for holder in holders:
                current = best.get(holder.code)
                if current is None or schema.STANCE_RANK[cue.stance] > schema.STANCE_RANK[current.stance]:
                    best[holder.code] = schema.POSITIONS.Row(
                        article_id, holder.code, actor_name(holder.code), actor_type(holder.code), cue.stance,
                        sentence.text[cue.start:cue.end], sentence.text, sentence.start, sentence.end,
                    )
        previous_text = sentence.text
    yield from best.values()
