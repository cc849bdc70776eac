"""The final world map against a dated reference list: a round-up of 11 January 2025 (tests/fixtures/positions_2025-01.csv).

The map is built as a reader sees it by default: seeds + evaluation/dev + the
dev2a and dev2b texts, the latest as-of date, undated articles included. It is
compared on the countries it shows, in three coarse classes (recognises
González / rejects the result or asks for transparency / recognises Maduro).
The extraction rules were not tuned to this list: the aggregation over time
and general cue families only. Countries the map gets wrong stay visible as a
strict xfail each, with the reason; the agreement prints with the test output.
"""
import pandas as pd
import pytest

from app import selection
from lib import build, store, summaries
from lib.paths import DEV_ARTICLES, EVALUATION, ROOT, SEEDS

REFERENCE = ROOT / "tests" / "fixtures" / "positions_2025-01.csv"
CORPUS = [SEEDS, DEV_ARTICLES, EVALUATION / "dev2a" / "texts", EVALUATION / "dev2b" / "texts"]
COARSE = {"recognizes_gonzalez": "gonzalez", "rejects_result": "reject_or_transparency",
          "demands_transparency": "reject_or_transparency", "recognizes_maduro": "maduro"}
AGREEMENT_FLOOR = 0.90  # measured 27 of 30 shown countries (0.900)
# Known disagreements: what the articles give, and why it differs from the round-up.
KNOWN = {
    "PER": "no article of the corpus reports Peru recognising González; they report it rejecting the TSJ's validation",
    "MEX": "an article reports Mexico sending a representative to Maduro's inauguration, which the inauguration cue reads as recognition",
    "ATG": "a held-out article gives Antigua and Barbuda a transparency demand besides its recognition of Maduro (disputed); held-out errors are not tuned away",
}


@pytest.fixture(scope="module")
def final_map(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference") / "data"
    build.build(CORPUS, out)
    tables = store.load_tables(store.current_build(out))
    as_of = selection.positions_as_of(summaries.with_article_meta(tables["positions"], tables["articles"]))
    return as_of[as_of["actor_type"] == "country"].set_index("actor_code")


@pytest.fixture(scope="module")
def reference():
    return pd.read_csv(REFERENCE, comment="#").set_index("actor_code")["class"]


def test_reference_list_is_the_dated_roundup(reference):
    assert REFERENCE.read_text(encoding="utf-8").startswith("# Source: a dated round-up of 11 January 2025")
    assert reference.value_counts().to_dict() == {"gonzalez": 10, "reject_or_transparency": 19, "maduro": 19}


def test_map_agrees_with_the_reference_list(final_map, reference):
    shown = [code for code in reference.index if code in final_map.index]
    coarse = final_map.loc[shown, "stance"].map(COARSE).fillna(final_map.loc[shown, "stance"])  # disputed stays disputed
    disagree = {code: f"{reference[code]} in the list, {final_map.loc[code, 'stance']} on the map" for code in shown if coarse[code] != reference[code]}
    agreement = 1 - len(disagree) / len(shown)
    print(f"\nagreement {len(shown) - len(disagree)}/{len(shown)} = {agreement:.3f} on the countries the map shows "
          f"({len(reference) - len(shown)} of the list's {len(reference)} are not on it); disagreements: {disagree}")
    assert agreement >= AGREEMENT_FLOOR, disagree
    assert set(disagree) <= set(KNOWN), f"new disagreements: {set(disagree) - set(KNOWN)}"


@pytest.mark.parametrize("code", [pytest.param(code, marks=pytest.mark.xfail(strict=True, reason=why)) for code, why in sorted(KNOWN.items())])
def test_known_disagreement(code, final_map, reference):
    assert COARSE.get(final_map.loc[code, "stance"]) == reference[code]
