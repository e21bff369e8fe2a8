"""Shared test helpers. Tests that need ../shared skip when it is absent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] Spark session for all Spark tests; skips without pyspark or Java."""
    from seedcheck.engines import EngineUnavailable

    try:
        from seedcheck.engines.spark import check_runtime, spark_session

        check_runtime()
    except EngineUnavailable as error:
        pytest.skip(f"Spark tests skipped: {error}")
    session = spark_session("local[2]", cores=2)
    yield session
    session.stop()
