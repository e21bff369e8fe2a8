"""SARIF 2.1.0 (what GitHub code scanning and most CI dashboards read).

One run; `tool.driver.rules` carries every selected rule with its Markdown documentation;
results point at `physicalLocation`s with 1-based lines and code-point columns (our columns
count code points, hence `columnKind: unicodeCodePoints`). Whole-file findings are located
at the artifact without a region. Cross-file findings list the other places as
`relatedLocations`; a suggested fix with a replacement becomes a SARIF `fix`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from seedcheck.model import Finding, Severity
from seedcheck.rules import Rule
from seedcheck.runner import RunResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a display path (absolute paths become file: URIs)."""
    encoded = quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@", errors="replace")
    if path.startswith("/"):
        return "file://" + encoded
    return encoded


def _rule_descriptor(rule: type[Rule], config_severity: Severity | None) -> dict[str, Any]:
    docs = rule.docs()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _section(docs, "What it does") or rule.summary()},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS[config_severity or rule.severity]},
        "properties": {"tags": [rule.family.value], "family": rule.family.value},
    }


def _section(docs: str, title: str) -> str:
    """The body of one `## title` section of a rule docstring, as plain lines."""
    lines = docs.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            inside = line[3:].strip() == title
            continue
        if inside:
            out.append(line)
    return " ".join(" ".join(out).split())


def _adhoc_descriptor(code: str, findings: list[Finding]) -> dict[str, Any]:
    """A rule from outside the rule table (dataset expectations: one code, many names)."""
    names = sorted({f.name for f in findings})
    first = findings[0]
    descriptor: dict[str, Any] = {"id": code}
    if len(names) == 1:
        descriptor["name"] = names[0]
    descriptor["shortDescription"] = {"text": f"{code}: {', '.join(names)}"[:300]}
    descriptor["defaultConfiguration"] = {"level": LEVELS[first.severity]}
    descriptor["properties"] = {"tags": [first.family.value], "family": first.family.value}
    return descriptor


def _region(finding: Finding) -> dict[str, Any] | None:
    if finding.line is None:
        return None
    region: dict[str, Any] = {"startLine": finding.line}
    if finding.column is not None:
        region["startColumn"] = finding.column
    if finding.end_line is not None:
        region["endLine"] = finding.end_line
    if finding.end_column is not None:
        region["endColumn"] = finding.end_column
    if finding.evidence is not None:
        region["snippet"] = {"text": finding.evidence}
    return region


def _location(path: str, region: dict[str, Any] | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(path: str, finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(path, _region(finding))],
    }
    if finding.related:
        related = []
        for number, other in enumerate(finding.related, start=1):
            region = {"startLine": other.line} if other.line else None
            location = {"id": number, **_location(other.path, region)}
            location["message"] = {"text": other.message or f"Also in {other.path}"}
            related.append(location)
        result["relatedLocations"] = related
    fix = finding.fix
    if fix is not None and fix.replacement is not None and finding.line is not None:
        deleted = {k: v for k, v in (_region(finding) or {}).items() if k != "snippet"}
        result["fixes"] = [
            {
                "description": {"text": fix.message},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(path)},
                        "replacements": [
                            {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
                        ],
                    }
                ],
            }
        ]
    elif fix is not None:
        result["properties"] = {"fix": fix.message}
    return result


def sarif_log(result: RunResult) -> dict[str, Any]:
    config = result.config
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in result.rules:
        override = config.severity.get(rule.code) or config.severity.get(rule.name)
        index[rule.code] = len(descriptors)
        descriptors.append(_rule_descriptor(rule, override))
    adhoc: dict[str, list[Finding]] = {}
    for _, finding in result.findings():
        if finding.rule not in index:
            adhoc.setdefault(finding.rule, []).append(finding)
    for code in sorted(adhoc):
        index[code] = len(descriptors)
        descriptors.append(_adhoc_descriptor(code, adhoc[code]))
    tool = result.tool()
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool["name"],
                        "version": tool["version"],
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, f, index[f.rule]) for p, f in result.findings()],
            }
        ],
    }


def render_sarif(result: RunResult) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
