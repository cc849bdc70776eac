"""CSV downloads that are safe to open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can
be run as a formula by Excel or LibreOffice (CSV injection). Following OWASP's
guidance, such text cells are prefixed with a single quote so spreadsheets
show them as text; numeric columns are left alone so numbers stay numbers.
The Parquet files keep the raw text.
"""
from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading quote if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text columns cannot trigger formulas."""
    out = df.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def safe_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes of ``df`` for download, formula-neutralised."""
    return safe_frame(df).to_csv(index=False).encode("utf-8")


def zip_bundle(tables: dict[str, pd.DataFrame], datapackage: dict, readme: str) -> bytes:
    """All tables as safe CSVs in one zip, with ``datapackage.json`` and ``README.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in tables.items():
            archive.writestr(f"{name}.csv", safe_csv(df))
        archive.writestr("datapackage.json", json.dumps(datapackage, indent=2))
        archive.writestr("README.txt", readme)
    return buffer.getvalue()
