"""Shared paths and fixtures."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "evaluation" / "dev"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def private_upload_folder(monkeypatch, tmp_path):
    """No test reads or writes the developer's own articles/ folder."""
    monkeypatch.setenv("VENEZUELA_UPLOADS", str(tmp_path / "uploads"))
    return tmp_path / "uploads"
