"""Output formats by name. Each renderer is a pure function of a run's result."""

from __future__ import annotations

from collections.abc import Callable

from seedcheck.runner import RunResult

Renderer = Callable[[RunResult], str]


def _text(result: RunResult) -> str:
    from seedcheck.reports.text import render_text

    return render_text(result)


def _json(result: RunResult) -> str:
    from seedcheck.reports.json_output import render_json

    return render_json(result)


# Renderers are imported lazily so that `check --format text` pays for nothing else.
FORMATS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
}


def render(result: RunResult, name: str) -> str:
    return FORMATS[name](result)
