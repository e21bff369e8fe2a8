"""Configuration: `[tool.seedcheck]` in pyproject.toml, or a `seedcheck.toml`.

Every key is validated; anything unknown or mistyped is a `ConfigError` (exit 2), because a
silently ignored setting is worse than a loud one in a CI gate.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from seedcheck.model import Family, Severity
from seedcheck.source import DEFAULT_MAX_BYTES


class ConfigError(Exception):
    """Invalid configuration or usage; reported as one line, exit code 2."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_BYTES
    fail_on: Severity = Severity.ERROR
    # Per-family thresholds (None: never fail on that family); see seedcheck/policy.py.
    fail_on_family: Mapping[str, Severity | None] = field(default_factory=dict)
    expectations: tuple[str, ...] = ()  # extra or replacement GX suite files
    today: dt.date | None = None  # pins "today" for reproducible date checks
    origin: str | None = None  # the file the config came from

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def selects(self, rule: Selectable) -> bool:
        """Whether select/ignore (codes, code prefixes, names, families or ALL) keep `rule`."""
        return (not self.select or any(token_matches(t, rule) for t in self.select)) and not any(
            token_matches(t, rule) for t in self.ignore
        )


class Selectable(Protocol):
    """What select/ignore tokens are matched against: a rule class."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def family(self) -> Family: ...


def token_matches(token: str, rule: Selectable) -> bool:
    if token == "ALL":
        return True
    if is_family(token):
        return rule.family.value == token
    return token == rule.name or rule.code.startswith(token.upper())


def default_jobs() -> int:
    """Worker processes for `--jobs 0`: one per core this process may run on."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def split_tokens(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """Repeated, comma-separated option values as tokens; None when there are none."""
    if not values:
        return None
    return tuple(token.strip() for value in values for token in value.split(",") if token.strip())


def command_line_config(
    path: Path | None,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    fail_on: Severity | None = None,
) -> Config:
    """The configuration file's settings (`path`, else the one found from the working
    folder) with the command line's --select (replaces), --ignore (adds) and --fail-on."""
    config = load_config(path, search_from=Path.cwd())
    extra_ignore = split_tokens(ignore)
    return config.with_overrides(
        select=split_tokens(select),
        ignore=(config.ignore + extra_ignore) if extra_ignore else None,
        fail_on=fail_on,
    )


_KEYS = {
    "select",
    "ignore",
    "severity",
    "include",
    "exclude",
    "languages",
    "rules",
    "max-file-size",
    "fail-on",
    "fail-on-family",
    "expectations",
    "today",
}


def find_config(start: Path) -> Path | None:
    """The nearest seedcheck.toml, or pyproject.toml with a [tool.seedcheck] table."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "seedcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "seedcheck" in _load_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None, search_from: Path | None = None) -> Config:
    """Load the given config file, or discover one from `search_from`; defaults otherwise."""
    if path is None and search_from is not None:
        path = find_config(search_from)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    data = _load_toml(path)
    table = data.get("tool", {}).get("seedcheck", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.seedcheck] must be a table")
    return parse_config(table, origin=str(path))


def parse_config(table: Mapping[str, Any], origin: str = "<config>") -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{origin}: unknown key(s): {', '.join(unknown)}")
    cfg = Config(origin=origin)
    changes: dict[str, Any] = {}
    for key in ("select", "ignore", "include", "exclude", "languages", "expectations"):
        if key in table:
            changes[key] = _str_tuple(table[key], f"{origin}: {key}")
    if "severity" in table:
        changes["severity"] = {
            str(rule): _severity(value, f"{origin}: severity.{rule}")
            for rule, value in _table(table["severity"], f"{origin}: severity").items()
        }
    if "rules" in table:
        changes["rule_options"] = {
            str(rule): dict(_table(opts, f"{origin}: rules.{rule}"))
            for rule, opts in _table(table["rules"], f"{origin}: rules").items()
        }
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{origin}: max-file-size must be a positive number of bytes")
        changes["max_file_size"] = size
    if "fail-on" in table:
        changes["fail_on"] = _severity(table["fail-on"], f"{origin}: fail-on")
    if "fail-on-family" in table:
        from seedcheck.policy import parse_family_thresholds

        changes["fail_on_family"] = parse_family_thresholds(
            _table(table["fail-on-family"], f"{origin}: fail-on-family"),
            f"{origin}: fail-on-family",
        )
    if "today" in table:
        changes["today"] = _date(table["today"], f"{origin}: today")
    return replace(cfg, **changes)


def parse_severity(value: str, what: str = "severity") -> Severity:
    return _severity(value, what)


def is_family(token: str) -> bool:
    return token in {f.value for f in Family}


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def _str_tuple(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{what} must be a list of strings")
    return tuple(value)


def _table(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a table")
    return value


def _severity(value: Any, what: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{what}: {value!r} is not a severity ({choices})") from None


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None
