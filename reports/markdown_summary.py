"""`check --format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a PR comment.

A headline, a table of the files that have findings (counts by severity), the rules that
fired most and the first findings. Lists are capped so that a large corpus stays well under
GitHub's 1 MiB step-summary limit. All text is escaped (`md_text`): no Markdown, no HTML.
"""

from __future__ import annotations

from collections import Counter

from seedcheck.model import Severity
from seedcheck.policy import failing
from seedcheck.reports.markup import md_text
from seedcheck.runner import RunResult

FILE_ROWS = 50
FINDING_ROWS = 50
_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


def render_markdown_summary(result: RunResult) -> str:
    s = result.summary()
    # The same verdict as the exit code: per-family thresholds included (seedcheck.policy).
    failed = bool(failing(result.findings(), result.config))
    verdict = "❌ failed" if failed else "✅ passed"
    out = [
        f"## seedcheck {verdict}",
        "",
        f"{s['files']} files checked: **{s['error']} errors**, {s['warning']} warnings, "
        f"{s['info']} info in {s['files_with_findings']} files "
        f"(fail on: {result.config.fail_on.value}).",
    ]
    noisy = [f for f in result.files if f.findings]
    if not noisy:
        return "\n".join([*out, "", "No findings.", ""])
    noisy.sort(key=lambda f: (-f.count(Severity.ERROR), -len(f.findings), f.path))
    out += [
        "",
        "### Files",
        "",
        "| File | Errors | Warnings | Info |",
        "| --- | ---: | ---: | ---: |",
    ]
    for file in noisy[:FILE_ROWS]:
        counts = [file.count(sev) for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        out.append(f"| {md_text(file.path)} | " + " | ".join(map(str, counts)) + " |")
    if len(noisy) > FILE_ROWS:
        out.append(f"\n…and {len(noisy) - FILE_ROWS} more files with findings.")
    rules = Counter((f.rule, f.name, f.severity) for _, f in result.findings())
    out += [
        "",
        "### Rules that fired most",
        "",
        "| Rule | Severity | Findings |",
        "| --- | --- | ---: |",
    ]
    for (code, name, severity), count in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0][0])):
        out.append(f"| {md_text(code)} {md_text(name)} | {severity.value} | {count} |")
    ordered = sorted(result.findings(), key=lambda pf: (-pf[1].severity.rank, pf[0]))
    out += ["", "### Top findings", ""]
    for path, f in ordered[:FINDING_ROWS]:
        where = md_text(path) + (f":{f.line}" if f.line is not None else "")
        out.append(f"- {_ICONS[f.severity]} **{md_text(f.rule)}** {where}: {md_text(f.message)}")
    if len(ordered) > FINDING_ROWS:
        out.append(f"- …and {len(ordered) - FINDING_ROWS} more.")
    return "\n".join(out) + "\n"
