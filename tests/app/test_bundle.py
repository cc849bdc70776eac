"""The downloadable bundle's generated README."""
import io
import zipfile

import pandas as pd

from lib import schema
from app import bundle


def test_readme_documents_every_table_column_and_the_scores():
    scores = pd.DataFrame([{"table": "positions", "precision": 0.9, "recall": 0.8, "f1": 0.85}])
    text = bundle.readme_text({"built_at": "2026-01-01", "articles_read": 5, "rows": {"quotes": 3}}, scores)
    for table in schema.TABLES.values():
        assert f"{table.name}.csv" in text
        for column in table.columns:
            assert f"{column.name} ({column.type})" in text
    assert "0.85" in text and "HOW TO CITE" in text and "from 5 article(s)" in text


def test_readme_says_when_accuracy_is_unavailable():
    assert "Not available" in bundle.readme_text(None, None)


def test_zip_holds_every_table():
    tables = {name: table.empty() for name, table in schema.TABLES.items()}
    with zipfile.ZipFile(io.BytesIO(bundle.zip_all(tables, None, None))) as archive:
        assert {f"{n}.csv" for n in schema.TABLES} | {"datapackage.json", "README.txt", "corrections.csv"} == set(archive.namelist())
