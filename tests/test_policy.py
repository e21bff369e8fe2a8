"""Fail policy: `fail-on` and per-family thresholds (config and command line)."""

from __future__ import annotations

import pytest

from seedcheck.config import ConfigError, parse_config
from seedcheck.model import Family, Finding, Severity
from seedcheck.policy import fails, parse_family_options


def finding(family: Family, severity: Severity) -> Finding:
    return Finding("SC999", "x", family, severity, "m")


def test_family_threshold_overrides_fail_on() -> None:
    config = parse_config({"fail-on": "error", "fail-on-family": {"quotes": "warning"}})
    assert fails(finding(Family.QUOTES, Severity.WARNING), config)
    assert not fails(finding(Family.DATES, Severity.WARNING), config)
    assert fails(finding(Family.DATES, Severity.ERROR), config)


def test_off_never_fails() -> None:
    config = parse_config({"fail-on-family": {"translation": "off"}})
    assert not fails(finding(Family.TRANSLATION, Severity.ERROR), config)


def test_command_line_form() -> None:
    assert parse_family_options(["quotes=warning,dates=off", "schema=info"]) == {
        "quotes": Severity.WARNING,
        "dates": None,
        "schema": Severity.INFO,
    }


@pytest.mark.parametrize(
    ("values", "error"),
    [
        (["quotes"], "FAMILY=SEVERITY"),
        (["poetry=error"], "unknown family"),
        (["quotes=loud"], "not a severity"),
    ],
)
def test_bad_thresholds(values: list[str], error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        parse_family_options(values)


def test_bad_config_table() -> None:
    with pytest.raises(ConfigError, match="fail-on-family must be a table"):
        parse_config({"fail-on-family": "quotes=warning"})
