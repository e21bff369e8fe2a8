"""Baselines: matched by file, rule and evidence (message as fallback), never by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seedcheck.baseline import Baseline, load_baseline, write_baseline
from seedcheck.config import ConfigError
from seedcheck.model import Family, FileResult, Finding, Severity


def finding(line: int | None, evidence: str | None = "the quote", message: str = "m") -> Finding:
    return Finding(
        "SC401",
        "dup-quote",
        Family.QUOTES,
        Severity.ERROR,
        message,
        line=line,
        column=1 if line else None,
        evidence=evidence,
    )


def test_lines_do_not_matter_but_counts_do(tmp_path: Path) -> None:
    path = str(tmp_path / "a.txt")
    baseline = Baseline.from_findings([(path, finding(3))], tmp_path)
    kept, suppressed = baseline.filter([FileResult(path, [finding(40)])])
    assert suppressed == 1 and kept[0].findings == []
    # Two identical findings against one baselined: one is new.
    kept, suppressed = baseline.filter([FileResult(path, [finding(40), finding(41)])])
    assert suppressed == 1 and [f.line for f in kept[0].findings] == [41]


def test_evidence_rule_and_file_must_match(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    baseline = Baseline.from_findings([(a, finding(3))], tmp_path)
    other_evidence = FileResult(a, [finding(3, evidence="another quote")])
    other_file = FileResult(b, [finding(3)])
    kept, suppressed = baseline.filter([other_evidence, other_file])
    assert suppressed == 0 and all(len(r.findings) == 1 for r in kept)


def test_message_is_the_fallback_without_evidence(tmp_path: Path) -> None:
    a = str(tmp_path / "a.txt")
    baseline = Baseline.from_findings([(a, finding(None, None, "No date"))], tmp_path)
    assert baseline.filter([FileResult(a, [finding(None, None, "No date")])])[1] == 1
    assert baseline.filter([FileResult(a, [finding(None, None, "Other")])])[1] == 0


def test_renamed_file_keeps_its_baselined_findings(tmp_path: Path) -> None:
    old, new = str(tmp_path / "old.txt"), str(tmp_path / "new.txt")
    baseline = Baseline.from_findings([(old, finding(3))], tmp_path)
    assert baseline.filter([FileResult(new, [finding(9)])])[1] == 0
    assert baseline.filter([FileResult(new, [finding(9)])], renamed={new: old})[1] == 1


def test_file_is_sorted_deterministic_and_relative(tmp_path: Path) -> None:
    findings = [
        (str(tmp_path / "seeds" / "b.txt"), finding(1, "zeta")),
        (str(tmp_path / "seeds" / "a.txt"), finding(1, "beta")),
        (str(tmp_path / "seeds" / "a.txt"), finding(9, "beta")),
        (str(tmp_path / "seeds" / "a.txt"), finding(2, "alpha")),
    ]
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    write_baseline(first, findings)
    write_baseline(second, list(reversed(findings)))
    assert first.read_bytes() == second.read_bytes()
    entries = json.loads(first.read_text())["findings"]
    assert [(e["path"], e["evidence"], e["count"]) for e in entries] == [
        ("seeds/a.txt", "alpha", 1),
        ("seeds/a.txt", "beta", 2),
        ("seeds/b.txt", "zeta", 1),
    ]
    loaded = load_baseline(first)
    assert loaded.counts == Baseline.from_findings(findings, tmp_path).counts


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("not json", "not a readable baseline"),
        ('{"schema_version": 99, "findings": []}', "unsupported schema_version"),
        ('{"schema_version": 1, "findings": [{"path": "a"}]}', "invalid baseline"),
        (
            '{"schema_version": 1, "findings": [{"path": "a", "rule": "SC1", "message": "m",'
            ' "count": 0}]}',
            "count must be a positive integer",
        ),
        ("[]", "invalid baseline"),
    ],
)
def test_bad_baseline_files_are_usage_errors(tmp_path: Path, content: str, error: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match=error):
        load_baseline(path)


def test_missing_baseline_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="seedcheck baseline write"):
        load_baseline(tmp_path / "absent.json")
