"""Baselines: adopt the gate on an existing corpus and fail only on findings that are new.

A finding is matched by (file, rule, evidence), or (file, rule, message) when it has no
evidence. Never by line number: an edit above a known finding must not resurrect it. Counts
matter: with one identical finding baselined, a second one in the same file is new.

Paths are stored relative to the baseline file's folder, so a baseline written from the
repository root matches runs started from anywhere with the same files.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedcheck.config import ConfigError
from seedcheck.model import FileResult, Finding

BASELINE_VERSION = 1
Key = tuple[str, str, str, str]  # path, rule, "evidence" | "message", text


def finding_key(path: str, finding: Finding, root: Path) -> Key:
    relative = _relative(path, root)
    if finding.evidence is not None:
        return (relative, finding.rule, "evidence", finding.evidence)
    return (relative, finding.rule, "message", finding.message)


@dataclass(frozen=True)
class Baseline:
    counts: Mapping[Key, int]
    root: Path  # the folder paths are relative to

    @classmethod
    def from_findings(cls, findings: Iterable[tuple[str, Finding]], root: Path) -> Baseline:
        return cls(Counter(finding_key(p, f, root) for p, f in findings), root)

    def to_json(self) -> str:
        entries = []
        for (path, rule, kind, text), count in sorted(self.counts.items()):
            entries.append({"path": path, "rule": rule, kind: text, "count": count})
        data = {"schema_version": BASELINE_VERSION, "tool": "seedcheck", "findings": entries}
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    def filter(
        self, files: Iterable[FileResult], renamed: Mapping[str, str] | None = None
    ) -> tuple[list[FileResult], int]:
        """New findings per file and how many were baselined. `renamed` maps a file's new
        path to its old one, so a renamed file keeps its baselined findings."""
        remaining = Counter(self.counts)
        kept: list[FileResult] = []
        suppressed = 0
        for result in files:
            old = (renamed or {}).get(result.path)
            new_findings = []
            for finding in result.findings:
                key = finding_key(result.path, finding, self.root)
                if old is not None and remaining[key] <= 0:
                    key = finding_key(old, finding, self.root)
                if remaining[key] > 0:
                    remaining[key] -= 1
                    suppressed += 1
                else:
                    new_findings.append(finding)
            kept.append(FileResult(result.path, new_findings))
        return kept, suppressed


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"baseline file not found: {path} (create it with `seedcheck baseline write`)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: not a readable baseline: {error}") from None
    counts: Counter[Key] = Counter()
    try:
        if data.get("schema_version") != BASELINE_VERSION:
            raise ValueError(f"unsupported schema_version {data.get('schema_version')!r}")
        for entry in data["findings"]:
            counts[_entry_key(entry)] += _count(entry)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"{path}: invalid baseline: {error}") from None
    return Baseline(counts, path.resolve().parent)


def write_baseline(path: Path, findings: Iterable[tuple[str, Finding]]) -> Baseline:
    from seedcheck.atomic import write_atomic

    baseline = Baseline.from_findings(findings, path.resolve().parent)
    write_atomic(path, baseline.to_json().encode("utf-8"))
    return baseline


def _entry_key(entry: Mapping[str, Any]) -> Key:
    path, rule = entry["path"], entry["rule"]
    kind = "evidence" if "evidence" in entry else "message"
    text = entry[kind]
    if not all(isinstance(v, str) for v in (path, rule, text)):
        raise TypeError("path, rule and evidence/message must be strings")
    return (path, rule, kind, text)


def _count(entry: Mapping[str, Any]) -> int:
    count = entry.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ValueError(f"count must be a positive integer, got {count!r}")
    return count


def _relative(path: str, root: Path) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, root)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
