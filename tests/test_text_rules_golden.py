"""Golden test of the translation, encoding and hygiene rules on the three real seeds.

tests/golden/seeds_text_rules.txt was checked line by line by hand against the seeds:
each line is `file:line:col: CODE message | evidence | suggested replacement`.
Regenerate with SEEDCHECK_REGOLD=1 after a deliberate change, and check the diff by hand.
"""

from __future__ import annotations

import datetime as dt
import os

from seedcheck.config import Config
from seedcheck.runner import run
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "seeds_text_rules.txt"
CODES = (
    "SC301", "SC302", "SC303", "SC304", "SC305",
    "SC502", "SC503", "SC504", "SC505", "SC506", "SC507",
    "SC602", "SC603", "SC604", "SC605",
)  # fmt: skip


def render() -> str:
    config = Config(select=CODES, today=dt.date(2025, 1, 1))
    result = run([str(p) for p in sorted(SEEDS.glob("*.txt"))], config)
    lines = []
    for path, f in result.findings():
        fix = f.fix.replacement if f.fix is not None else None
        lines.append(
            f"{os.path.basename(path)}:{f.line}:{f.column}: {f.rule} {f.message} "
            f"| {f.evidence!r} | {fix!r}"
        )
    return "\n".join(lines) + "\n"


def test_text_rules_on_seeds_match_golden() -> None:
    found = render()
    if os.environ.get("SEEDCHECK_REGOLD"):
        GOLDEN.write_text(found, "utf-8")
    assert found == GOLDEN.read_text("utf-8")
