"""Dataset-expectation results (Great Expectations suites) as report rows.

`RunResult.expectations` is optional: runs without `--expectations` have no such attribute,
or None. When set it is the summary of `seedcheck.expectations.gx.run_expectations`:
`{"success": bool, "suites": [{"name", "table", "success", "results": [{"type", "kwargs",
"severity", "success", "result", "findings", ...}]}]}`. The rows a failing expectation
points at are findings of rule `GX` in those files (family `schema`), so a file's report
lists its GX findings, and the index lists every expectation of every suite.

Reading is defensive: a missing key never breaks a report, and a plain list of result dicts
(an older or simpler shape) is accepted too.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

from seedcheck.model import FileResult
from seedcheck.runner import RunResult

GX_RULE = "GX"
_DETAIL_LIMIT = 200


def expectation_rows(result: RunResult) -> list[dict[str, Any]]:
    """One row per expectation of every suite, in suite order."""
    data = getattr(result, "expectations", None)
    if not data:
        return []
    if isinstance(data, dict):
        suites = data.get("suites")
        if isinstance(suites, list):
            return [
                _row(_as_dict(item), suite)
                for suite in suites
                if isinstance(suite, dict)
                for item in suite.get("results") or []
            ]
        data = data.get("results") or []
    if not isinstance(data, Iterable):
        return []
    return [_row(_as_dict(item), {}) for item in data]


def rows_for_file(rows: Sequence[dict[str, Any]], file: FileResult) -> list[dict[str, Any]]:
    """What the expectations say about one file: rows naming it, and its GX findings."""
    named = [r for r in rows if file.path in r["paths"]]
    found = [
        {
            "suite": None,
            "table": None,
            "name": f.name,
            "column": None,
            "severity": f.severity.value,
            "success": False,
            "message": f.message,
            "line": f.line,
            "findings": None,
            "paths": [file.path],
        }
        for f in file.findings
        if f.rule == GX_RULE
    ]
    return named + found


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
    return {"type": str(item)}


def _row(data: dict[str, Any], suite: dict[str, Any]) -> dict[str, Any]:
    raw_kwargs = data.get("kwargs")
    kwargs: dict[str, Any] = raw_kwargs if isinstance(raw_kwargs, dict) else {}
    name = data.get("type") or data.get("expectation_type") or data.get("name") or "expectation"
    success = data.get("success")
    paths = data.get("paths")
    return {
        "suite": _text(suite.get("name")),
        "table": _text(suite.get("table")),
        "name": str(name),
        "column": _text(kwargs.get("column") or data.get("column")),
        "severity": _text(data.get("severity")),
        "success": success if isinstance(success, bool) else None,
        "message": _details(data),
        "line": None,
        "findings": data.get("findings") if isinstance(data.get("findings"), int) else None,
        "paths": sorted({str(p) for p in paths}) if isinstance(paths, list) else [],
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _details(data: dict[str, Any]) -> str | None:
    """A short human summary of a GX result: unexpected counts, or the observed value."""
    if isinstance(data.get("message"), str):
        return str(data["message"])[:_DETAIL_LIMIT]
    result = data.get("result")
    if not isinstance(result, dict):
        return None
    count, total = result.get("unexpected_count"), result.get("element_count")
    if isinstance(count, int) and isinstance(total, int):
        return f"{count} of {total} rows unexpected"
    if "observed_value" in result:
        shown = json.dumps(result["observed_value"], ensure_ascii=False, sort_keys=True)
        return f"observed {shown}"[:_DETAIL_LIMIT]
    return None
