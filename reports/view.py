"""What a report shows, as plain data: the JSON reports are these dicts, and the Markdown and
HTML reports render them. Everything here is derived from a `RunResult`; nothing is judged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from seedcheck.document import Document, Field
from seedcheck.model import Family, FileResult, Finding, Severity
from seedcheck.reports.expectations import expectation_rows, rows_for_file
from seedcheck.reports.naming import FILES_DIR
from seedcheck.runner import RunResult
from seedcheck.source import Source

SCHEMA_VERSION = 1
CONTEXT_CHARS = 120  # characters of a long line shown either side of a highlighted span
CONTEXT_LINES = 6  # lines of a multi-line span shown at most
SEVERITIES = tuple(s.value for s in Severity)
FAMILIES = tuple(f.value for f in Family)


def file_view(
    result: RunResult, file: FileResult, stems: dict[str, str], prefix: str = ""
) -> dict[str, Any]:
    """One file's report. `prefix` (the inputs' common folder) is cut from other files' labels."""
    doc = result.documents.get(file.path)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": result.tool(),
        "path": file.path,
        "report": stems[file.path],
        "source": _source(doc.source) if doc else None,
        "extracted": _extracted(doc) if doc else None,
        "counts": _severity_counts(file.findings),
        "families": _family_counts(file.findings),
        "findings": [_finding(f, doc, stems, prefix, file.path) for f in file.findings],
        "quotes": _quotes(doc, file.findings, stems, prefix) if doc else [],
        "expectations": rows_for_file(expectation_rows(result), file),
    }


def index_view(result: RunResult, stems: dict[str, str]) -> dict[str, Any]:
    prefix = common_prefix([f.path for f in result.files])
    rows: list[dict[str, Any]] = []
    for file in result.files:
        doc = result.documents.get(file.path)
        rows.append(
            {
                "path": file.path,
                "report": f"{FILES_DIR}/{stems[file.path]}",
                "title": _title(doc),
                "date": _date_value(doc),
                "counts": _severity_counts(file.findings),
                "families": _family_counts(file.findings),
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": result.tool(),
        "summary": result.summary(),
        "families_seen": [f for f in FAMILIES if any(r["families"].get(f) for r in rows)],
        "common_prefix": prefix,
        "files": rows,
        "rules": _rules_fired(result),
        "files_with_errors": [f.path for f in result.files if f.count(Severity.ERROR)],
        "clusters": _clusters(result, stems, prefix),
        "expectations": expectation_rows(result),
    }


# --- pieces -----------------------------------------------------------------------------


def common_prefix(paths: Sequence[str]) -> str:
    """The folder all paths share (`a/b/` for a/b/x and a/b/c/y), for shorter index labels."""
    if len(paths) < 2:
        return ""
    folders = [p.split("/")[:-1] for p in paths]
    shared: list[str] = []
    for parts in zip(*folders, strict=False):
        if any(part != parts[0] for part in parts):
            break
        shared.append(parts[0])
    return "/".join(shared) + "/" if shared else ""


def _severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {**{s: counts.get(s, 0) for s in SEVERITIES}, "total": len(findings)}


def _family_counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.family.value for f in findings)
    return {f: counts[f] for f in FAMILIES if counts.get(f)}


def _source(source: Source) -> dict[str, Any]:
    return {
        "encoding": source.encoding,
        "bytes": source.size,
        "sha256": source.sha256,
        "problems": [p.message for p in source.problems],
    }


def _title(doc: Document | None) -> str | None:
    return doc.title.value if doc and doc.title else None


def _date_value(doc: Document | None) -> str | None:
    if doc is None or doc.date is None:
        return None
    return doc.date.value.isoformat() if doc.date.value else doc.date.raw


def _field(doc: Document, field: Field[str] | None) -> dict[str, Any] | None:
    if field is None:
        return None
    line, column = doc.source.position(field.span.start)
    return {"value": field.value, "line": line, "column": column}


def _extracted(doc: Document) -> dict[str, Any]:
    source = doc.source
    date = None
    if doc.date is not None:
        line, column = source.position(doc.date.span.start)
        date = {
            "value": doc.date.value.isoformat() if doc.date.value else None,
            "raw": doc.date.raw,
            "origin": doc.date.origin.value,
            "line": line,
            "column": column,
            "error": doc.date.error,
        }
    body = doc.body.slice(source.text)
    return {
        "layout": doc.layout.value,
        "title": _field(doc, doc.title),
        "date": date,
        "other_dates": len(doc.dates) - (1 if doc.date else 0),
        "dateline": _field(doc, doc.dateline),
        "agency": _field(doc, doc.agency),
        "byline": _field(doc, doc.byline),
        "outlet": _field(doc, doc.outlet),
        "outlet_mentions": [_field(doc, f) for f in doc.outlet_mentions],
        "source_urls": [_field(doc, f) for f in doc.source_urls],
        "language": _field(doc, doc.language),
        "counts": {
            "lines": source.line_count if source.text else 0,
            "characters": len(source.text),
            "words": len(body.split()),
            "paragraphs": len(doc.paragraphs),
            "quotes": len(doc.quotes),
            "attributed_quotes": sum(1 for q in doc.quotes if q.speaker),
            "links": len(doc.links),
        },
    }


def _finding(
    finding: Finding, doc: Document | None, stems: dict[str, str], prefix: str, here: str
) -> dict[str, Any]:
    data = finding.to_dict()
    data["related"] = [_related(r.to_dict(), stems, prefix, here) for r in finding.related]
    data["context"] = context_lines(doc.source, finding) if doc else []
    return data


def _related(
    related: dict[str, Any], stems: dict[str, str], prefix: str, here: str | None = None
) -> dict[str, Any]:
    path = related["path"]
    if path == here:  # another place in the same file: say so, no link to the page itself
        return {**related, "label": "this file", "report": None}
    # Reference-corpus files have no report of their own: no link for them.
    return {**related, "label": _label(path, prefix), "report": stems.get(path)}


def _label(path: str, prefix: str) -> str:
    return path[len(prefix) :] if prefix and path.startswith(prefix) else path


def context_lines(source: Source, finding: Finding) -> list[dict[str, Any]]:
    """The source lines a finding spans, split around the highlighted part, long lines clipped."""
    if finding.line is None or not source.text:
        return []
    first = finding.line
    last = finding.end_line or first
    if last > first and finding.end_column == 1:
        last -= 1  # the span ends at the very start of a line: that line is not part of it
    last = min(last, first + CONTEXT_LINES - 1, source.line_count)
    out = []
    for number in range(first, last + 1):
        text = source.line_text(number)
        start = (finding.column or 1) - 1 if number == first else 0
        if number == (finding.end_line or first) and finding.end_column is not None:
            end = finding.end_column - 1
        else:
            end = len(text)
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        end = max(end, start)
        left = max(0, start - CONTEXT_CHARS)
        right = min(len(text), end + CONTEXT_CHARS)
        match = text[start:end]
        clipped_match = len(match) > 2 * CONTEXT_CHARS
        if clipped_match:
            match = match[:CONTEXT_CHARS] + "…" + match[-CONTEXT_CHARS:]
        out.append(
            {
                "line": number,
                "before": ("…" if left else "") + text[left:start],
                "match": match,
                "after": text[end:right] + ("…" if right < len(text) else ""),
            }
        )
    return out


def _quotes(
    doc: Document, findings: Sequence[Finding], stems: dict[str, str], prefix: str
) -> list[Any]:
    source = doc.source
    cross = [f for f in findings if f.related and f.line is not None]
    out = []
    for quote in doc.quotes:
        start = source.position(quote.span.start)
        end = source.position(quote.span.end)
        related: list[dict[str, Any]] = []
        rules: list[str] = []
        for f in cross:
            f_start = (f.line or 0, f.column or 0)
            f_end = (f.end_line or f.line or 0, f.end_column or f.column or 0)
            if f_start <= end and start <= f_end:  # the finding overlaps the quote
                rules.append(f.rule)
                related.extend(_related(r.to_dict(), stems, prefix, doc.path) for r in f.related)
        speaker = quote.speaker
        out.append(
            {
                "line": start[0],
                "column": start[1],
                "text": quote.text,
                "closed": quote.close_mark is not None,
                "nested": quote.nested,
                "speaker": speaker.name if speaker else None,
                "attribution": speaker.how.value if speaker else None,
                "rules": sorted(set(rules)),
                "related": _unique(related),
            }
        )
    return out


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in items:
        seen.setdefault((item["path"], item.get("line") or 0), item)
    return [seen[k] for k in sorted(seen)]


def _rules_fired(result: RunResult) -> list[dict[str, Any]]:
    """Findings and files per rule; codes outside the rule table (GX) are split by name."""
    summaries = {rule.code: rule.summary() for rule in result.rules}
    findings: Counter[tuple[str, str]] = Counter()
    files: dict[tuple[str, str], set[str]] = {}
    meta: dict[tuple[str, str], Finding] = {}
    for path, f in result.findings():
        key = (f.rule, "" if f.rule in summaries else f.name)
        findings[key] += 1
        files.setdefault(key, set()).add(path)
        meta.setdefault(key, f)
    rows = [
        {
            "rule": key[0],
            "name": meta[key].name,
            "family": meta[key].family.value,
            "severity": meta[key].severity.value,
            "summary": summaries.get(key[0]),
            "findings": count,
            "files": len(files[key]),
        }
        for key, count in findings.items()
    ]
    return sorted(rows, key=lambda r: (-r["findings"], r["rule"], r["name"]))


def _clusters(result: RunResult, stems: dict[str, str], prefix: str) -> list[dict[str, Any]]:
    """Groups of places that cross-file findings tie together (duplicate quotes, documents).

    Places are (rule, path, line); a finding links its own place to each of its `related`
    ones, and connected places form one cluster (union-find, so A-B and B-C give A-B-C).
    """
    parent: dict[tuple[str, str, int], tuple[str, str, int]] = {}

    def find(node: tuple[str, str, int]) -> tuple[str, str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    evidence: dict[tuple[str, str, int], Finding] = {}
    for path, f in result.findings():
        if not f.related:
            continue
        here = (f.rule, path, f.line or 0)
        evidence.setdefault(here, f)
        for r in f.related:
            a, b = find(here), find((f.rule, r.path, r.line or 0))
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, str, int], list[tuple[str, str, int]]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    clusters = []
    for members in groups.values():
        if len({path for _, path, _ in members}) < 2:
            continue  # `related` within one file (e.g. a byline and its source URL line)
        members.sort()
        first = next(evidence[m] for m in members if m in evidence)
        clusters.append(
            {
                "rule": first.rule,
                "name": first.name,
                "message": first.message,
                "evidence": first.evidence,
                "files": len({p for _, p, _ in members}),
                "places": [
                    {
                        "path": p,
                        "label": _label(p, prefix),
                        "line": line or None,
                        "report": stems.get(p),
                    }
                    for _, p, line in members
                ],
            }
        )
    return sorted(clusters, key=lambda c: (-len(c["places"]), c["rule"], c["places"][0]["path"]))
