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

    out: str = render_text(result)
    return out


def _json(result: RunResult) -> str:
    from seedcheck.reports.json_output import render_json

    out: str = render_json(result)
    return out


def _sarif(result: RunResult) -> str:
    from seedcheck.reports.sarif import render_sarif

    out: str = render_sarif(result)
    return out


def _junit(result: RunResult) -> str:
    from seedcheck.reports.junit import render_junit

    out: str = render_junit(result)
    return out


def _github(result: RunResult) -> str:
    from seedcheck.reports.github import render_github

    out: str = render_github(result)
    return out


def _markdown(result: RunResult) -> str:
    from seedcheck.reports.markdown_summary import render_markdown_summary

    out: str = render_markdown_summary(result)
    return out


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
