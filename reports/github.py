"""GitHub Actions workflow commands: one annotation per finding.

`::error file=PATH,line=L,endLine=E,col=C,endColumn=D,title=T::MESSAGE`, with the escaping
the Actions runner expects (actions/toolkit `command.ts`): in the message `%`, `\\r`, `\\n`
become `%25`, `%0D`, `%0A`; in property values `:` and `,` are escaped too (`%3A`, `%2C`).
Info findings become `notice`s. Whole-file findings carry no line.
"""

from __future__ import annotations

from seedcheck.model import Finding, Severity
from seedcheck.reports.text import printable
from seedcheck.runner import RunResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # Other control characters (ESC...) would reach the log raw: show them as escapes.
    return printable(escaped)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    props = [("file", path)]
    if finding.line is not None:
        props.append(("line", str(finding.line)))
        if finding.end_line is not None:
            props.append(("endLine", str(finding.end_line)))
        # GitHub ignores columns on multi-line annotations; send them only for one line.
        if finding.column is not None and finding.end_line in (None, finding.line):
            props.append(("col", str(finding.column)))
            if finding.end_column is not None:
                props.append(("endColumn", str(finding.end_column)))
    props.append(("title", f"{finding.rule} {finding.name}"))
    message = finding.message
    if finding.related:
        places = ", ".join(r.path + (f":{r.line}" if r.line else "") for r in finding.related)
        message += f"\nAlso in: {places}"
    if finding.fix is not None:
        message += f"\nSuggested fix: {finding.fix.message}"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


def render_github(result: RunResult) -> str:
    lines = [annotation(path, finding) for path, finding in result.findings()]
    return "".join(line + "\n" for line in lines)
