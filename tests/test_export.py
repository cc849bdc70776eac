"""Spreadsheet-safe CSV exports."""
import io
import json
import zipfile

import pandas as pd
import pytest

from lib import export


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_trigger_is_neutralised(prefix):
    df = pd.DataFrame({"quote": [prefix + "HYPERLINK(\"http://evil\")"], "value": [-5.0]})
    text = export.safe_csv(df).decode()
    row = pd.read_csv(io.StringIO(text), keep_default_na=False).iloc[0]
    assert row["quote"] == "'" + prefix + "HYPERLINK(\"http://evil\")"
    assert row["value"] == -5.0  # numbers stay numbers


def test_plain_text_is_untouched():
    df = pd.DataFrame({"speaker": ["Antony Blinken", "", "González"], "start": [1, 2, 3]})
    assert export.safe_frame(df).equals(df)


def test_csv_round_trips_every_column_type():
    df = pd.DataFrame({
        "text": pd.array(["a, \"b\"\nc", "", "-5 dead"], dtype="string"),
        "value": [1.5, float("nan"), -2.0], "start": [0, 1, 2], "flag": [True, False, True],
    })
    back = pd.read_csv(io.BytesIO(export.safe_csv(df)), keep_default_na=False, na_values={"value": [""]})
    assert back["text"].tolist() == ["a, \"b\"\nc", "", "'-5 dead"]
    assert back["value"].isna().tolist() == [False, True, False] and back["start"].tolist() == [0, 1, 2]
    assert back["flag"].astype(str).str.lower().tolist() == ["true", "false", "true"]


def test_zip_bundle_holds_tables_package_and_readme():
    data = export.zip_bundle({"quotes": pd.DataFrame({"quote": ["=1+1"]})}, {"name": "x"}, "read me")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "datapackage.json", "quotes.csv"]
        assert archive.read("quotes.csv").decode() == "\ufeff\"quote\"\n\"'=1+1\"\n"  # a BOM for Excel, the columns of datapackage.json
        assert {entry.external_attr >> 16 & 0o777 for entry in archive.infolist()} == {0o644}  # readable once unpacked, not 0600
        assert json.loads(archive.read("datapackage.json")) == {"name": "x"}


def test_a_download_says_which_cells_were_escaped_and_opens_in_excel():
    df = pd.DataFrame({"speaker": ["-Ana", "Bo"], "quote": ["=1+1", "González"], "value": [1.0, 2.0]})
    data = export.safe_csv(df, bom=True, note=True)
    assert data.startswith(export.BOM)  # Excel reads UTF-8 (and González) only with it
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back[export.ESCAPED].tolist() == ["speaker quote", ""]
    assert back["quote"].tolist() == ["'=1+1", "González"]
    assert export.ESCAPED not in pd.read_csv(io.BytesIO(export.safe_csv(df.iloc[1:], note=True)))  # nothing escaped, no note
