"""Output formats by name. Each renderer is a pure function of a run's result.

`check --format` and `gate` look renderers up here. Renderers are imported lazily so that
`check --format text` pays for nothing else.
"""

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


def _sarif(result: RunResult) -> str:
    from seedcheck.reports.sarif import render_sarif

    return render_sarif(result)


def _junit(result: RunResult) -> str:
    from seedcheck.reports.junit import render_junit

    return render_junit(result)


def _github(result: RunResult) -> str:
    from seedcheck.reports.github import render_github

    return render_github(result)


def _markdown(result: RunResult) -> str:
    from seedcheck.reports.markdown_summary import render_markdown_summary

    return render_markdown_summary(result)


FORMATS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
    "markdown": _markdown,
}


def render(result: RunResult, name: str) -> str:
    return FORMATS[name](result)
