"""Reference data a user can extend without touching code: the glossary and the kinds of outlets.

``app/assets/glossary.csv`` (term, meaning) explains the acronyms and Spanish
words the articles use (CNE, TSJ, actas...); ``app/assets/outlets.csv``
(outlet, type, note) says what kind of outlet an article comes from (state
media, wire, aggregator...). Add a row to either file and the dashboard shows
it after a restart. No Streamlit here.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pandas as pd

ASSETS = Path(__file__).resolve().parent / "assets"
GLOSSARY = ASSETS / "glossary.csv"
OUTLETS = ASSETS / "outlets.csv"


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """term -> meaning, in the file's order."""
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return {row["term"].strip(): row["meaning"].strip() for row in csv.DictReader(f) if row.get("term", "").strip()}


def explain(*terms: str) -> str:
    """``help=`` text for a widget or metric: each term with its meaning (terms missing from the glossary are left out)."""
    return "\n\n".join(f"**{t}**: {glossary()[t]}" for t in terms if t in glossary())


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    with OUTLETS.open(encoding="utf-8", newline="") as f:
        return {row["outlet"].strip().casefold(): row["type"].strip() for row in csv.DictReader(f) if row.get("outlet", "").strip()}


def outlet_type(outlet) -> str:
    """'state media', 'wire', 'aggregator'... or '' when the outlet is not in outlets.csv."""
    return _outlets().get(str(outlet or "").strip().casefold(), "")


def outlet_types(outlets: pd.Series) -> pd.Series:
    """:func:`outlet_type` of a whole column (looked up once per distinct outlet)."""
    return outlets.fillna("").astype(str).str.strip().str.casefold().map(_outlets()).fillna("")
