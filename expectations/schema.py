"""The schema stage: validate the run's tables with the pandera models, lazily (every failure
at once), and turn each failure case into a finding on its file and line.

pandas and pandera are imported here, and this module is imported by the runner only when
at least one schema rule is selected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

from seedcheck.config import Config
from seedcheck.expectations import models
from seedcheck.expectations.findings import make_finding
from seedcheck.expectations.tables import DocumentRows, Place, Tables, build_tables, url_domain
from seedcheck.model import Finding, Related
from seedcheck.rules import Rule, RuleContext


@dataclass(frozen=True)
class Failure:
    """One failure case of one row (or of a whole column when `index` is None)."""

    table: str
    code: str
    column: str | None
    check: str
    value: Any
    index: int | None


def run_schema(
    rows: Sequence[DocumentRows],
    rules: Sequence[type[Rule]],
    contexts: Mapping[str, RuleContext],
    config: Config,
) -> list[tuple[str, Finding]]:
    """Findings of the selected schema rules on the run's table rows, as (path, finding)."""
    if not rules or not rows:
        return []
    tables = build_tables(rows)
    cases = []
    for failure in validate(tables, config.languages):
        frame = getattr(tables, failure.table)
        index = failure.index
        row = frame.loc[index].to_dict() if index is not None and index in frame.index else None
        cases.append((failure, row))
    return findings_of(cases, rows, rules, config)


def findings_of(
    cases: Sequence[tuple[Failure, Mapping[str, Any] | None]],
    rows: Sequence[DocumentRows],
    rules: Sequence[type[Rule]],
    config: Config,
) -> list[tuple[str, Finding]]:
    """Findings of the selected rules from failure cases and their rows (None: the whole
    column failed). Shared by the pandas path above and the Spark engine's
    (`spark_schema.py`), so that both word and place every finding alike."""
    by_code = {rule.code: rule for rule in rules}
    by_path = {r.path: r for r in rows}
    same_content = _paths_by_sha256(rows)
    out: list[tuple[str, Finding]] = []
    for failure, row in cases:
        rule = by_code.get(failure.code)
        if rule is None:
            continue
        located = _located(failure, row, by_path, same_content, config)
        for path, message, place, related in located:
            finding = make_finding(
                rule.code, rule.name, rule.severity, message, place, config, related
            )
            out.append((path, finding))
    return _dedupe(out)


def validate(tables: Tables, languages: tuple[str, ...]) -> list[Failure]:
    """Every failure case of the three tables, in a stable order."""
    checks: list[tuple[str, type[pa.DataFrameModel]]] = [
        ("documents", models.configured(tuple(languages))),
        ("quotes", models.QuotesModel),
        ("links", models.LinksModel),
    ]
    failures: list[Failure] = []
    for table, model in checks:
        frame = getattr(tables, table)
        try:
            model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            failures.extend(_failures(table, errors.failure_cases))
    return failures


def _failures(table: str, cases: pd.DataFrame) -> Iterator[Failure]:
    seen: set[tuple[str, str, int | None, str | None]] = set()
    for case in cases.to_dict("records"):
        column = case.get("column")
        column = column if isinstance(column, str) and column != table else None
        check = str(case.get("check"))
        code = models.code_for(column, check) or "SC702"
        raw_index = case.get("index")
        index = None if raw_index is None or pd.isna(raw_index) else int(raw_index)
        # A dataframe-wide check yields one case per column of a failing row: keep one.
        wide = case.get("schema_context") == "DataFrameSchema"
        key = (code, check, index, None if wide else column)
        if key in seen:
            continue
        seen.add(key)
        yield Failure(table, code, None if wide else column, check, case.get("failure_case"), index)


Located = tuple[str, str, Place | None, tuple[Related, ...]]


def _located(
    failure: Failure,
    row: Mapping[str, Any] | None,
    by_path: Mapping[str, DocumentRows],
    same_content: Mapping[str, list[str]],
    config: Config,
) -> Iterator[Located]:
    if row is None:
        # The whole column is wrong (e.g. its type): say so on every file of the table.
        what = f"{failure.table}.{failure.column or '*'}"
        for path in sorted(p for p, r in by_path.items() if r.table(failure.table)):
            yield path, f"Table {what} breaks its schema: {failure.check}", None, ()
        return
    found = row.get("path")
    if not isinstance(found, str) or found not in by_path:
        return
    path = found
    place = by_path[path].place(failure.table, failure.column, row)
    message, place, related = _describe(failure, row, place, by_path, same_content, config)
    yield path, message, place, related


def _describe(
    failure: Failure,
    row: Mapping[str, Any],
    place: Place | None,
    by_path: Mapping[str, DocumentRows],
    same_content: Mapping[str, list[str]],
    config: Config,
) -> tuple[str, Place | None, tuple[Related, ...]]:
    rows = by_path[str(row["path"])]
    column, value = failure.column, failure.value
    code = failure.code
    if code == "SC701":
        return f"{failure.table} row has no {column}", place, ()
    if code == "SC702":
        return (
            f"{failure.table}.{column} has the wrong type ({failure.check}): {value!r}",
            place,
            (),
        )
    if code == "SC703":
        return (
            f"{column} {value!r} is not a lower-case hex digest of the expected length",
            place,
            (),
        )
    if code == "SC704":
        return f"{column} is negative ({value})", place, ()
    if code == "SC705":
        allowed = ", ".join(config.languages)
        language = row.get("language")
        return (
            f"Declared language {language!r} is not in the configured set ({allowed})",
            rows.fields.get("language"),
            (),
        )
    if code == "SC706":
        return _duplicate(row, same_content)
    if code == "SC707":
        expected = url_domain(row.get("source_url"))
        return (
            f"url_domain {row.get('url_domain')!r} is not the host of the source URL "
            f"({expected!r})",
            rows.fields.get("source_url"),
            (),
        )
    if code == "SC709":
        return f"{failure.table}.{column} is {value}, below 1", None, ()
    if code == "SC710":
        where = f"{row.get('path')}" + (f":{row.get('line')}" if "line" in row else "")
        return f"Duplicate {failure.table} row for {where}", place, ()
    if code == "SC711":
        return f"{failure.table}.{column} {value!r} is not a known value", place, ()
    return f"{failure.table}.{column}: {failure.check} failed for {value!r}", place, ()


def _paths_by_sha256(rows: Sequence[DocumentRows]) -> dict[str, list[str]]:
    """The documents' paths by content hash, built once: SC706 asks it for every copy (a
    scan of every document per copy was quadratic in the number of copies)."""
    found: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        sha = r.document["sha256"]
        if isinstance(sha, str):  # a missing hash equals nothing
            found[sha].append(r.path)
    return found


def _duplicate(
    row: Mapping[str, Any], same_content: Mapping[str, list[str]]
) -> tuple[str, Place | None, tuple[Related, ...]]:
    sha = row.get("sha256")
    copies = same_content.get(sha, []) if isinstance(sha, str) else []
    others = sorted(p for p in copies if p != row["path"])
    related = tuple(Related(p, None, "same content") for p in others)
    noun = "file" if len(others) == 1 else "files"
    return f"Same content as {len(others)} other {noun} (sha256 {str(sha)[:12]})", None, related


def _dedupe(items: list[tuple[str, Finding]]) -> list[tuple[str, Finding]]:
    seen: dict[tuple[str, str, int | None, int | None, str], Finding] = {}
    for path, finding in items:
        seen.setdefault(
            (path, finding.rule, finding.line, finding.column, finding.message), finding
        )
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for (path, *_), finding in seen.items():
        grouped[path].append(finding)
    return [(path, f) for path in sorted(grouped) for f in grouped[path]]
