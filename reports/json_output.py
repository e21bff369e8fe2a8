"""The JSON contract of DESIGN.md: every input file, in input order, byte-stable.

The document is written piece by piece (`iter_json`): at 100,000 files the findings run to
gigabytes of JSON, which must not exist as one string. The pieces join to exactly what
`json.dumps(run_to_dict(result), indent=2)` gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from seedcheck.model import FileResult
from seedcheck.runner import RunResult

SCHEMA_VERSION = 1
_INDENT = 2


def run_to_dict(result: RunResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": result.tool(),
        "files": [_file_entry(r) for r in result.files],
        "summary": result.summary(),
    }


def render_json(result: RunResult) -> str:
    return "".join(iter_json(result))


def iter_json(result: RunResult) -> Iterator[str]:
    """The JSON document in pieces, one per file."""
    yield "{\n"
    yield f'  "schema_version": {SCHEMA_VERSION},\n'
    yield f'  "tool": {_nested(result.tool(), 1)},\n'
    if not result.files:
        yield '  "files": [],\n'
    else:
        yield '  "files": [\n'
        last = len(result.files) - 1
        for number, file_result in enumerate(result.files):
            comma = "," if number < last else ""
            yield f"    {_nested(_file_entry(file_result), 2)}{comma}\n"
        yield "  ],\n"
    yield f'  "summary": {_nested(result.summary(), 1)}\n'
    yield "}\n"


def _file_entry(result: FileResult) -> dict[str, Any]:
    return {"path": result.path, "findings": [f.to_dict() for f in result.findings]}


def _nested(value: Any, depth: int) -> str:
    # json.dumps escapes newlines inside strings, so every raw newline is layout and can
    # take the indentation of the level the value sits at.
    text = json.dumps(value, indent=_INDENT, ensure_ascii=False)
    return text.replace("\n", "\n" + " " * (_INDENT * depth))
