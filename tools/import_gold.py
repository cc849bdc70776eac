"""Convert the JSON gold of dev2a, dev2b and invented into the project's CSV gold format.

    python tools/import_gold.py

Re-runnable: reads ``evaluation/<set>/gold/NN.json`` (copied verbatim from the
annotators, the source of truth) and the texts ``evaluation/<set>/texts/NN.txt``,
and (re)writes ``evaluation/<set>/gold/{positions,results,crackdown,quotes}.csv``
for ``<set>`` in dev2a, dev2b, invented. The CSVs have the columns of
``evaluation/gold/*.csv`` plus what the JSON carries beyond them:

- positions: ``article_id,actor_code,actor_name,stance,note`` + ``cue``.
  ``actor_code`` is the JSON ``country`` as given (ISO alpha-3, or EU, OAS, G7,
  UN, ALBA ...); ``actor_name`` comes from ``lib.lexicon.actor_name``
  (pycountry, or ``lib/lexicons/organizations.csv``), the code itself if unknown.
- results / crackdown: ``article_id,kind,value,qualifier,subject,claimed_by,evidence,note``
  + ``mention``, ``candidate``, ``contest`` ('' when absent). ``evidence`` is the
  mention, which is verbatim in the body.
- quotes: ``article_id,quote,speaker,note`` + ``speaker_country``.

**Which table a figure goes to.** Results kinds (vote_share_pct, votes,
tally_coverage_pct, turnout_pct) go to results.csv, crackdown kinds (detained,
killed, political_prisoners, injured, released) to crackdown.csv. ``other``
exists in both: following ``evaluation/gold/GUIDELINES.md`` ("crackdown.csv
holds numbers about the repression and its victims ... minors among detainees,
disappeared, asylum seekers under siege"; results holds every other figure)
and the extractor's crackdown/other cues in ``lib/lexicons/figure_cues.csv``
(minors, asylum seekers and the disappeared, prisons), an ``other`` figure goes
to crackdown.csv when its annotated ``subject`` matches :data:`CRACKDOWN_OTHER`
(asylum, refuge, minors, disappeared, prison, detention, death, release,
arrest), else to results.csv. The pooled ``figures`` score adds the matches of
the two tables, so the table matters: a figure in the other table than the
extractor's would count as missed and spurious.

**Quotes.** The JSON gives only ``starts_with``, a verbatim substring of the
body; the evaluator matches the full quoted text. :func:`quote_span` recovers
it: inside the paragraph, it finds the quotation mark open at ``starts_with``
(so a ``starts_with`` taken from mid-quote walks back to its opening mark) and
walks forward to the matching closing mark (“ or " with ” or ", ‘ with ’,
« with » or ”);
with no closing mark the quote runs to the paragraph end (a quote cut off by
the excerpt). An occurrence inside quotation marks is preferred over one that
is not. A ``starts_with`` with no open mark is accepted only as a block quote:
it begins its paragraph and the paragraph before ends with ':' (e14). Any
other quote raises :class:`UnplacedQuote`. Offsets are into the body as
``lib.articles`` reads it (header removed, leading newlines stripped).
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.articles import read_corpus  # noqa: E402
from lib.lexicon import actor_name  # noqa: E402

SETS = ("dev2a", "dev2b", "invented")
RESULT_KINDS = ("vote_share_pct", "votes", "tally_coverage_pct", "turnout_pct")
CRACKDOWN_KINDS = ("detained", "killed", "political_prisoners", "injured", "released")
CRACKDOWN_OTHER = re.compile(
    r"asylum|refuge|minors?\b|adolescent|disappear|prison|detain|detention|died|death|releas|arrest", re.IGNORECASE
)
COLUMNS = {
    "positions": ["article_id", "actor_code", "actor_name", "stance", "note", "cue"],
    "results": ["article_id", "kind", "value", "qualifier", "subject", "claimed_by", "evidence", "note",
                "mention", "candidate", "contest"],
    "crackdown": ["article_id", "kind", "value", "qualifier", "subject", "claimed_by", "evidence", "note",
                  "mention", "candidate", "contest"],
    "quotes": ["article_id", "quote", "speaker", "note", "speaker_country"],
}
# Opening mark -> the marks that close it. Sources mix them: e15 opens with a
# straight " and closes with ”, f02 opens with « and closes with ”.
CLOSE = {"“": "”\"", "‘": "’", '"': '"”', "«": "»”"}


class UnplacedQuote(ValueError):
    """A quote whose full span cannot be recovered from the body."""


class Span(NamedTuple):
    start: int
    end: int
    how: str  # marked, unclosed (runs to the paragraph end) or block


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _is_close(text: str, i: int, marks: str) -> bool:
    """One of the closing ``marks`` at ``text[i]``; ’ followed by a letter is an apostrophe ("Maduro’s")."""
    if text[i] not in marks:
        return False
    return text[i] != "’" or i + 1 >= len(text) or not text[i + 1].isalpha()


def _open_mark(text: str, para_start: int, at: int) -> int | None:
    """Offset of the quotation mark still open at ``at`` (scanning its paragraph), else None."""
    open_at = None
    for i in range(para_start, at):
        ch = text[i]
        if open_at is None:
            # ‘ between letters is not a quote; a straight " always toggles.
            if ch in CLOSE and not (ch == "‘" and i > 0 and text[i - 1].isalpha()):
                open_at = i
        elif _is_close(text, i, CLOSE[text[open_at]]):
            open_at = None
    return open_at


def _close_mark(text: str, mark: str, frm: int, para_end: int) -> int | None:
    for i in range(frm, para_end):
        if _is_close(text, i, CLOSE[mark]):
            return i
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _place(text: str, at: int, starts_with: str) -> Span | None:
    para_start, para_end = _paragraph(text, at)
    open_at = _open_mark(text, para_start, at)
    if open_at is not None:
        close_at = _close_mark(text, text[open_at], at, para_end)
        end, how = (para_end, "unclosed") if close_at is None else (close_at, "marked")
        start, end = _strip(text, open_at + 1, end)
        return Span(start, end, how)
    before = text[:para_start].rstrip()
    if text[para_start:at].strip() == "" and before.endswith(":"):
        return Span(*_strip(text, at, para_end), "block")
    return None


def quote_span(text: str, starts_with: str, taken: set[int] | frozenset = frozenset()) -> Span:
    """The full quoted span that ``starts_with`` begins (or lies in); spans starting at ``taken`` are skipped."""
    hits = [m.start() for m in re.finditer(re.escape(starts_with), text)]
    if not hits:
        raise UnplacedQuote(f"not in the text: {starts_with!r}")
    placed = [s for s in (_place(text, at, starts_with) for at in hits) if s is not None and s.start not in taken]
    if placed:
        return sorted(placed, key=lambda s: s.how == "block")[0]  # quotes in marks first, in text order
    raise UnplacedQuote(f"no quotation mark open at, and not a block quote: {starts_with!r}")


def _figure_table(kind: str, subject: str) -> str:
    if kind in RESULT_KINDS:
        return "results"
    if kind in CRACKDOWN_KINDS:
        return "crackdown"
    if kind == "other":
        return "crackdown" if CRACKDOWN_OTHER.search(subject or "") else "results"
    raise ValueError(f"unknown figure kind {kind!r}")


def _value(v) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def convert(gold_docs: list[dict], texts: dict[str, str]) -> tuple[dict[str, list[dict]], dict[str, int]]:
    """CSV rows per table from the JSON documents, and a count of quotes by how they were placed."""
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    placed = {"marked": 0, "unclosed": 0, "block": 0}
    for doc in gold_docs:
        aid = doc["id"]
        text = texts[aid]
        for s in doc["stances"]:
            rows["positions"].append({"article_id": aid, "actor_code": s["country"], "actor_name": actor_name(s["country"]),
                                      "stance": s["stance"], "note": "", "cue": s["cue"]})
        for f in doc["figures"]:
            rows[_figure_table(f["kind"], f.get("subject", ""))].append({
                "article_id": aid, "kind": f["kind"], "value": _value(f["value"]), "qualifier": f.get("qualifier") or "",
                "subject": f.get("subject") or "", "claimed_by": f.get("claimed_by") or "", "evidence": f["mention"],
                "note": "", "mention": f["mention"], "candidate": f.get("candidate") or "", "contest": f.get("contest") or "",
            })
        taken: set[int] = set()
        for q in doc["quotes"]:
            try:
                span = quote_span(text, q["starts_with"], taken)
            except UnplacedQuote as exc:
                raise UnplacedQuote(f"{aid}: {exc}") from None
            taken.add(span.start)
            placed[span.how] += 1
            note = {"unclosed": "no closing mark: runs to the paragraph end", "block": "unmarked block quote"}.get(span.how, "")
            rows["quotes"].append({"article_id": aid, "quote": text[span.start:span.end], "speaker": q.get("speaker") or "",
                                   "note": note, "speaker_country": q.get("speaker_country") or ""})
    return rows, placed


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def import_set(name: str) -> dict[str, int]:
    folder = ROOT / "evaluation" / name
    articles, rejected = read_corpus([folder / "texts"])
    if rejected:
        raise SystemExit(f"{name}: unreadable texts {rejected}")
    texts = {a.article_id: a.text for a in articles}
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json"))]
    missing = [d["id"] for d in docs if d["id"] not in texts]
    if missing:
        raise SystemExit(f"{name}: gold without a text: {missing}")
    rows, placed = convert(docs, texts)
    for table, columns in COLUMNS.items():
        write_csv(folder / "gold" / f"{table}.csv", columns, rows[table])
    counts = {table: len(r) for table, r in rows.items()}
    print(f"{name}: " + ", ".join(f"{t} {n}" for t, n in counts.items())
          + f"; quotes placed {sum(placed.values())}/{sum(len(d['quotes']) for d in docs)} "
          + f"(marked {placed['marked']}, unclosed {placed['unclosed']}, block {placed['block']})")
    return counts


def main() -> None:
    for name in SETS:
        import_set(name)


if __name__ == "__main__":
    main()
