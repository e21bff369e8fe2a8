"""The JSON contract of DESIGN.md: every input file, in input order, byte-stable."""

from __future__ import annotations

import json
from typing import Any

from seedcheck.runner import RunResult

SCHEMA_VERSION = 1


def run_to_dict(result: RunResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": result.tool(),
        "files": [
            {"path": r.path, "findings": [f.to_dict() for f in r.findings]} for r in result.files
        ],
        "summary": result.summary(),
    }


def render_json(result: RunResult) -> str:
    return json.dumps(run_to_dict(result), indent=2, ensure_ascii=False) + "\n"
