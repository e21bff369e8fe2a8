"""Shared test helpers. Tests that need ../shared skip when it is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "examples" / "seeds"
BBC = SHARED / "corpora" / "bbc"
# Fixture runs pin "today" so date rules give the same answer every day.
FIXED_TODAY = dt.date(2025, 1, 1)


def needs_shared(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")


@pytest.fixture
def bbc_corpus() -> Path:
    needs_shared(BBC)
    return BBC
