"""Human text output: `path:line:col: RULE [severity] message`, then a one-line summary."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.model import Finding, Severity
from seedcheck.runner import RunResult

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def render_text(result: RunResult, colour: bool = False) -> str:
    return "".join(iter_text(result, colour))


def iter_text(result: RunResult, colour: bool = False) -> Iterator[str]:
    """The report a line at a time (a large corpus's findings never form one string)."""
    for path, finding in result.findings():
        yield format_finding(path, finding, colour) + "\n"
    yield summary_line(result) + "\n"


def format_finding(path: str, finding: Finding, colour: bool = False) -> str:
    path = printable(path)
    where = path if finding.line is None else f"{path}:{finding.line}:{finding.column}"
    severity = finding.severity.value
    rule = finding.rule
    if colour:
        severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        rule = f"{_BOLD}{rule}{_RESET}"
    return f"{where}: {rule} [{severity}] {printable(finding.message)}"


def printable(text: str) -> str:
    """Control characters escaped, so a hostile file name cannot forge or split lines."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def summary_line(result: RunResult) -> str:
    s = result.summary()
    files = s["files"]
    noun = "file" if files == 1 else "files"
    if not s["findings"]:
        return f"All clear: {files} {noun} checked, no findings."
    return (
        f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} "
        f"({s['error']} error{'s' if s['error'] != 1 else ''}, "
        f"{s['warning']} warning{'s' if s['warning'] != 1 else ''}, {s['info']} info) "
        f"in {s['files_with_findings']} of {files} {noun}."
    )
