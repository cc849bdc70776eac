"""Shared paths and fixtures."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "fixtures" / "dev"
sys.path.insert(0, str(Path(__file__).resolve().parent))
