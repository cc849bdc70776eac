"""The downloadable data bundle: every table as CSV, ``datapackage.json`` and a README.txt.

The README is generated: table and column documentation from
:mod:`lib.schema`, counts from the build report, accuracy from
:mod:`lib.evaluate`'s scores, so it cannot drift from the data it ships with.
"""
from __future__ import annotations

import json
import textwrap

import pandas as pd

from lib import export, review, schema

TITLE = "Venezuela 2024: who claims what. Claims about the disputed 2024 Venezuelan presidential election, extracted from news articles"

METHOD = """\
Each article is a UTF-8 text file. A rule-based extractor (word lists and
regular expressions, no statistical model) reads every sentence and records:
international positions (a country or organisation and the stance its words
support; one stance per actor per article, the strongest), reported results
and crackdown figures (number, hedge, kind and who claims it), and quotations
with their speaker. Every row keeps the sentence it came from and character
offsets into the article text: articles.text[start:end] == evidence."""

CAVEATS = """\
- Rows are what the articles say, not verified facts: a figure is a claim by
  'claimed_by', a stance is what the article reports a government said.
- The extractor makes mistakes: see the measured accuracy above (the
  held-out rows are the ones to expect on new articles; the scores on the
  articles the rules were developed on are an upper bound), and check the
  evidence sentence of any row you rely on.
- "As of" positions keep each actor's strongest stance of its side reported
  so far; only an article reporting a change of position (reversal = 1)
  resets it. Articles without a publication date cannot be placed in time:
  when included they count at every date.
- Where articles support opposite sides about an actor, the dashboard marks
  it 'disputed' instead of choosing.
- Seed metadata (titles, dates) marked metadata_source=manifest was inferred
  from the article text, not read from the publisher.
- CSV text cells starting with = + - @ are prefixed with ' so spreadsheets do
  not run them as formulas; the Parquet files in data/ keep the raw text."""


REVIEWED = """\
The tables are the REVIEWED ones: reviewers' corrections (lib/review.py) are
applied to the extractor's rows. A row a reviewer rejected is left out; a
corrected row carries the reviewer's values; a fact a reviewer added has
review_status 'added' (and confidence 1); every other row is as extracted,
with review_status 'unreviewed' or 'confirmed'. row_id is stable across builds
while the article's file is unchanged. corrections.csv is the audit log: one
line per decision (row_id, version, action, status, changes as JSON
{field: [old, new]}, reviewer, made_at, reason, and the article_sha256 it was
made against). Corrections made against another version of their article are
not applied ("orphaned")."""


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width=78, initial_indent=indent, subsequent_indent=indent)


def readme_text(report: dict | None, scores: pd.DataFrame | None) -> str:
    """README.txt for the bundle."""
    lines = [TITLE, "=" * 40, ""]
    if report:
        lines += [
            f"Built {report.get('built_at', '?')} from {report.get('articles_read', 0)} article(s)"
            f" in {', '.join(report.get('articles_folders', []))}; {len(report.get('rejected', []))} file(s) rejected.",
            "Rows: " + ", ".join(f"{k} {v}" for k, v in report.get("rows", {}).items()),
            "",
        ]
    lines += ["FILES", "-----", ""]
    for table in schema.TABLES.values():
        lines.append(f"{table.name}.csv")
        lines.append(_wrap(table.description, "  "))
        if table.primary_key:
            lines.append(f"  Primary key: {', '.join(table.primary_key)}")
        for col in table.columns:
            extra = f" One of: {', '.join(v or '(empty)' for v in col.enum)}." if col.enum else ""
            optional = "" if col.required else " Optional."
            lines.append(_wrap(f"{col.name} ({col.type}): {col.description}{optional}{extra}", "    "))
        lines.append("")
    lines += ["datapackage.json", "  Frictionless Data Package descriptor of the tables above.", ""]
    lines += ["corrections.csv", "  The reviewers' audit log (see REVIEWED DATA below).", ""]
    lines += ["REVIEWED DATA", "-------------", REVIEWED, ""]
    if report and report.get("corrections", {}).get("orphaned"):
        lines += [f"{len(report['corrections']['orphaned'])} row(s) have orphaned corrections, listed in the build report.", ""]
    lines += ["EXTRACTION METHOD", "-----------------", METHOD, ""]
    lines += ["MEASURED ACCURACY", "-----------------"]
    if scores is not None and len(scores):
        lines.append("Against hand-annotated gold, scored by lib/evaluate.py (untouched held-out halves first; the rest is an upper bound):")
        lines.append(scores.to_string(index=False))
    else:
        lines.append("Not available for this build (the gold annotations could not be scored).")
    lines += ["", "CAVEATS", "-------", CAVEATS, ""]
    lines += [
        "HOW TO CITE", "-----------",
        _wrap(f'"{TITLE}". Dataset built with the venezuela-election-dashboard extractor'
              + (f", build of {report.get('built_at', '')}" if report else "")
              + ". Cite the original articles (title, outlet, url in articles.csv) for any claim you use."),
        "", "Code licence: MIT.", "",
    ]
    return "\n".join(lines)


def zip_all(tables: dict[str, pd.DataFrame], report: dict | None, scores: pd.DataFrame | None, corrections: pd.DataFrame | None = None) -> bytes:
    """The zip: every table, the corrections' audit log, datapackage.json and README.txt."""
    corrections = pd.DataFrame(columns=review.COLUMNS) if corrections is None else corrections
    log = corrections.assign(changes=corrections["changes"].map(lambda c: json.dumps(c, ensure_ascii=False)))
    return export.zip_bundle({**tables, "corrections": log}, schema.datapackage(), readme_text(report, scores))
