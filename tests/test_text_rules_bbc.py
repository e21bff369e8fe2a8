"""The text rules on the BBC corpus (2,225 clean English articles): the Latin-1 file is
found, and translation, quote-mark and hygiene findings stay rare. Skipped without
../shared. Every finding kind was read by hand when the thresholds were set (see the
branch's report); a jump here means a new false-alarm pattern, not a better corpus."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from seedcheck.config import Config
from seedcheck.runner import run

CODES = (
    "SC301", "SC302", "SC303", "SC304", "SC305", "SC502", "SC503", "SC504", "SC505", "SC506",
    "SC507", "SC602", "SC603", "SC604", "SC605",
)  # fmt: skip


@pytest.mark.shared
def test_bbc_corpus_is_nearly_clean(bbc_corpus: Path) -> None:
    result = run([str(bbc_corpus)], Config(select=CODES, today=dt.date(2025, 1, 1)))
    counts = Counter(f.rule for _, f in result.findings())
    latin1 = [p for p, f in result.findings() if f.rule == "SC502"]
    assert [Path(p).parts[-2:] for p in latin1] == [("sport", "199.txt")]
    # Measured: 21 SC301 (detached straight quotes, all true), 49 SC605 (broken
    # paragraphs of the dataset, all sampled true), nothing else.
    assert counts["SC301"] <= 25
    assert counts["SC605"] <= 55
    for code in ("SC302", "SC303", "SC304", "SC305", "SC503", "SC504", "SC505", "SC506", "SC507"):
        assert counts[code] == 0, code
    assert counts["SC602"] + counts["SC603"] + counts["SC604"] == 0
