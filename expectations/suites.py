"""Suite files: Great Expectations suites stored as JSON, read and checked before any run.

A suite file is GX's own suite JSON, plus the table it applies to:
```json
{"name": "documents", "meta": {"seedcheck": {"table": "documents"}},
 "expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": "sha256"},
                   "severity": "critical", "meta": {"seedcheck": {"owned_by": ["SC706"]}}}]}
```
The default suites live in `suites/`; `expectations = [...]` in the config adds files, and a
file whose suite has the name of a default suite replaces it. Anything wrong with a file (bad
JSON, unknown table, expectation type or column, bad arguments) is a `SuiteError`: one line
naming the file, exit code 2.

Nothing here imports Great Expectations; `gx.py` checks types and arguments against it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seedcheck.config import Config, ConfigError
from seedcheck.expectations.tables import DOCUMENT_COLUMNS, LINK_COLUMNS, QUOTE_COLUMNS

DEFAULT_SUITES = Path(__file__).resolve().parent / "suites"
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "links": LINK_COLUMNS,
}
# Keyword arguments of GX expectations that name columns of the table.
COLUMN_KWARGS = ("column", "column_A", "column_B")
COLUMN_LIST_KWARGS = ("column_list", "column_set")


class SuiteError(ConfigError):
    """A suite file that cannot be used; reported as one line with the file name (exit 2)."""


@dataclass(frozen=True)
class Expectation:
    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    severity: str = "critical"  # GX 1.x severities: critical, warning, info

    @property
    def owned_by(self) -> tuple[str, ...]:
        """Rules that own this problem: rows they already reported are not reported again."""
        owners = self.meta.get("seedcheck", {}).get("owned_by", ())
        return tuple(str(o) for o in owners)


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    file: str
    expectations: tuple[Expectation, ...]


def suite_files(config: Config) -> list[Path]:
    """The default suites, then the configured ones (relative to the config file)."""
    base = Path(config.origin).parent if config.origin and Path(config.origin).is_file() else None
    extra = [
        Path(p) if Path(p).is_absolute() or base is None else base / p for p in config.expectations
    ]
    return [*sorted(DEFAULT_SUITES.glob("*.json")), *extra]


def load_suites(config: Config) -> list[Suite]:
    """Every suite of the run; a configured suite replaces a default one of the same name."""
    by_name: dict[str, Suite] = {}
    for path in suite_files(config):
        suite = load_suite(path)
        by_name[suite.name] = suite
    return list(by_name.values())


def load_suite(path: Path) -> Suite:
    shown = display_name(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise SuiteError(f"{shown}: cannot read suite file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SuiteError(f"{shown}: suite file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise SuiteError(
            f"{shown}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, dict):
        raise SuiteError(f"{shown}: a suite file must hold a JSON object")
    name = data.get("name") or path.stem
    meta = data.get("meta") or {}
    table = (meta.get("seedcheck") or {}).get("table") if isinstance(meta, dict) else None
    table = table or (path.stem if path.stem in TABLE_COLUMNS else None)
    if table not in TABLE_COLUMNS:
        raise SuiteError(
            f"{shown}: unknown table {table!r}; set meta.seedcheck.table to one of "
            f"{', '.join(TABLE_COLUMNS)}"
        )
    items = data.get("expectations")
    if not isinstance(items, list):
        raise SuiteError(f"{shown}: 'expectations' must be a list")
    expectations = tuple(
        _expectation(shown, i, item, TABLE_COLUMNS[table]) for i, item in enumerate(items)
    )
    return Suite(str(name), table, shown, expectations)


def display_name(path: Path) -> str:
    """How a suite file is named in messages and results: built-in ones machine-independently."""
    try:
        return "seedcheck:suites/" + path.resolve().relative_to(DEFAULT_SUITES).as_posix()
    except ValueError:
        return str(path)


def _expectation(path: str, index: int, item: Any, columns: tuple[str, ...]) -> Expectation:
    where = f"{path}: expectations[{index}]"
    if not isinstance(item, dict):
        raise SuiteError(f"{where}: must be a JSON object")
    kind = item.get("type") or item.get("expectation_type")
    if not isinstance(kind, str) or not kind:
        raise SuiteError(f"{where}: missing expectation 'type'")
    kwargs = item.get("kwargs", {})
    meta = item.get("meta") or {}
    if not isinstance(kwargs, dict) or not isinstance(meta, dict):
        raise SuiteError(f"{where} ({kind}): 'kwargs' and 'meta' must be JSON objects")
    for name in _columns_named(kwargs):
        if name not in columns:
            raise SuiteError(
                f"{where} ({kind}): unknown column {name!r}; columns: {', '.join(columns)}"
            )
    severity = str(item.get("severity", "critical"))
    if severity not in ("critical", "warning", "info"):
        raise SuiteError(f"{where} ({kind}): severity must be critical, warning or info")
    owners = (meta.get("seedcheck") or {}).get("owned_by", [])
    if not isinstance(owners, list) or not all(isinstance(o, str) for o in owners):
        raise SuiteError(f"{where} ({kind}): meta.seedcheck.owned_by must be a list of rules")
    return Expectation(kind, dict(kwargs), dict(meta), severity)


def _columns_named(kwargs: dict[str, Any]) -> list[str]:
    names = [kwargs[k] for k in COLUMN_KWARGS if isinstance(kwargs.get(k), str)]
    for key in COLUMN_LIST_KWARGS:
        value = kwargs.get(key)
        if isinstance(value, list):
            names.extend(v for v in value if isinstance(v, str))
    return names
