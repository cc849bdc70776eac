"""The schema module: declarations, validation, coercion and the datapackage descriptor."""
import pandas as pd
import pytest

from lib import schema
from lib.extract import extract_article


def test_every_fact_table_carries_provenance():
    for name in schema.FACT_TABLES:
        columns = schema.TABLES[name].column_names
        assert columns[0] == "article_id"
        assert {"start", "end"} <= set(columns)
    for name in ("positions", "results", "crackdown"):
        # provenance closes the extracted columns, before a trailing confidence column and the review columns
        columns = tuple(c for c in schema.TABLES[name].column_names if c not in ("confidence", *schema.REVIEW_COLUMNS))
        assert columns[-3:] == ("evidence", "start", "end")
    for name in schema.FACT_TABLES:
        assert schema.TABLES[name].column_names[-2:] == schema.REVIEW_COLUMNS


def test_results_and_crackdown_share_columns():
    assert schema.RESULTS.column_names == schema.CRACKDOWN.column_names


def test_extractors_fill_each_row_field_with_what_its_name_says():
    # The extractors build rows positionally: a column added or moved in the schema
    # without the extractor following would put offsets under "evidence" or a cue under "stance".
    text = (
        "The United States recognised Edmundo González as the winner. “We won the election,” González said. "
        "The CNE said Maduro won 51.2% of the vote. Foro Penal said 1,200 people had been detained. Voting took place on 28 July."
    )
    found = extract_article("a", text)
    assert all(found[name] for name in ("positions", "results", "crackdown", "quotes"))
    for name, rows in found.items():
        for row in rows:
            assert row.article_id == "a"
            assert text[row.start:row.end] == (row.quote if name == "quotes" else row.evidence)
    assert {r.stance for r in found["positions"]} <= set(schema.STANCES)
    assert {r.kind for r in found["results"]} <= set(schema.RESULT_KINDS)
    assert {r.kind for r in found["crackdown"]} <= set(schema.CRACKDOWN_KINDS)


def test_empty_tables_are_typed():
    df = schema.POSITIONS.empty()
    assert list(df.columns) == list(schema.POSITIONS.column_names)
    assert str(df["start"].dtype) == "int64"
    assert str(df["stance"].dtype) == "string"


def _position(**changes):
    row = dict(article_id="a", actor_code="USA", actor_name="United States", actor_type="country",
               stance="rejects_result", cue="refused to recognize", reversal=0, evidence="The US refused.", start=0, end=15, confidence=0.95,
               row_id="positions-0123456789abcdef", review_status="unreviewed")
    row.update(changes)
    return row


def test_validate_accepts_a_good_row_and_checks_provenance():
    df = pd.DataFrame([_position()])
    assert len(schema.validate(schema.POSITIONS, df, {"a": "The US refused. More."})) == 1
    with pytest.raises(schema.SchemaError, match="provenance"):
        schema.validate(schema.POSITIONS, df, {"a": "Something else entirely."})


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"stance": "likes_maduro"}, "stance: values outside"),
        ({"actor_type": "city"}, "actor_type: values outside"),
        ({"actor_code": ""}, "actor_code: empty values"),
        ({"start": "x"}, "positions"),
    ],
)
def test_validate_rejects_bad_values(changes, message):
    with pytest.raises(schema.SchemaError, match=message):
        schema.validate(schema.POSITIONS, pd.DataFrame([_position(**changes)]))


def test_validate_rejects_missing_and_extra_columns():
    df = pd.DataFrame([_position()]).drop(columns=["cue"]).assign(extra=1)
    with pytest.raises(schema.SchemaError, match=r"missing columns \['cue'\].*unexpected columns \['extra'\]"):
        schema.validate(schema.POSITIONS, df)


def test_validate_rejects_duplicate_primary_keys():
    df = pd.DataFrame([_position(), _position(stance="demands_transparency")])
    with pytest.raises(schema.SchemaError, match="duplicate primary key"):
        schema.validate(schema.POSITIONS, df)


def test_datapackage_describes_every_column():
    package = schema.datapackage()
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(schema.TABLES)
    for name, table in schema.TABLES.items():
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == list(table.column_names)
        assert all(f["description"] for f in fields)
    stance = next(f for f in resources["positions"]["schema"]["fields"] if f["name"] == "stance")
    assert stance["constraints"]["enum"] == list(schema.STANCES)
