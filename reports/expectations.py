"""Dataset-expectation results (Great Expectations / pandera) as report rows.

`RunResult.expectations` is optional: runs without `--expectations` have no such attribute
(or None). Its items may be dicts, objects with `to_dict()`, or dataclasses; this module reads
the fields reports show and tolerates any that are missing, so the reporters do not depend on
the exact shape the expectations layer settles on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from seedcheck.runner import RunResult

_NAME_KEYS = ("expectation", "expectation_type", "type", "name", "id", "rule")
_PATH_KEYS = ("paths", "files", "failing_paths", "unexpected_paths")


def expectation_rows(result: RunResult) -> list[dict[str, Any]]:
    items = getattr(result, "expectations", None)
    if not items:
        return []
    if isinstance(items, dict):
        items = items.get("results", [])
    rows = [_row(_as_dict(item)) for item in items]
    return sorted(rows, key=lambda r: (r["success"] is not False, r["name"]))


def rows_for_path(rows: Sequence[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    """The rows that name this file (corpus-wide ones stay in the index)."""
    return [r for r in rows if path in r["paths"]]


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, dict):
            return data
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return {"name": str(item)}


def _row(data: dict[str, Any]) -> dict[str, Any]:
    name = next((str(data[k]) for k in _NAME_KEYS if data.get(k)), "expectation")
    success = data.get("success")
    paths: list[str] = []
    for key in _PATH_KEYS:
        value = data.get(key)
        if isinstance(value, Iterable) and not isinstance(value, str):
            paths.extend(str(p) for p in value)
    if isinstance(data.get("path"), str):
        paths.append(data["path"])
    details = data.get("message") or data.get("details") or data.get("observed")
    return {
        "name": name,
        "success": success if isinstance(success, bool) else None,
        "column": data.get("column"),
        "suite": data.get("suite"),
        "message": None if details is None else str(details),
        "paths": sorted(set(paths)),
    }
