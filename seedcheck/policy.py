"""When a run fails: `fail-on` (a severity) and per-family thresholds that override it.

    [tool.seedcheck]
    fail-on = "error"
    fail-on-family = { quotes = "warning", translation = "off" }

`--fail-on-family quotes=warning` on the command line overrides the config per family.
"off" (or "never") means findings of that family are reported but never fail the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from seedcheck.config import Config, ConfigError, is_family, parse_severity
from seedcheck.model import Finding, Severity

_OFF = {"off", "never", "none"}


def parse_family_thresholds(table: Mapping[str, Any], what: str) -> dict[str, Severity | None]:
    thresholds: dict[str, Severity | None] = {}
    for family, value in table.items():
        if not is_family(str(family)):
            raise ConfigError(f"{what}: unknown family {family!r}")
        if str(value).lower() in _OFF:
            thresholds[str(family)] = None
        else:
            thresholds[str(family)] = parse_severity(str(value), f"{what}.{family}")
    return thresholds


def parse_family_options(values: Iterable[str]) -> dict[str, Severity | None]:
    """`quotes=warning,dates=off` (repeatable) into a threshold table."""
    table: dict[str, str] = {}
    for value in values:
        for token in value.split(","):
            if not token.strip():
                continue
            family, sep, severity = token.partition("=")
            if not sep:
                raise ConfigError(f"--fail-on-family expects FAMILY=SEVERITY, got {token!r}")
            table[family.strip()] = severity.strip()
    return parse_family_thresholds(table, "--fail-on-family")


def threshold(finding: Finding, config: Config) -> Severity | None:
    family = finding.family.value
    if family in config.fail_on_family:
        return config.fail_on_family[family]
    return config.fail_on


def fails(finding: Finding, config: Config) -> bool:
    limit = threshold(finding, config)
    return limit is not None and finding.severity.at_least(limit)


def failing(findings: Iterable[tuple[str, Finding]], config: Config) -> list[tuple[str, Finding]]:
    return [(path, f) for path, f in findings if fails(f, config)]
