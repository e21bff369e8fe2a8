"""The GX stage: run the expectation suites on the run's tables and turn unexpected rows into
findings.

Great Expectations is imported here only, and only when `run_expectations` is called (`report`,
`gate`, and `check --expectations`). It runs with an ephemeral context (no project folder),
analytics off (GX_ANALYTICS_ENABLED=false, set before the import) and no progress bars.

A failed expectation becomes one finding per unexpected row, on the row's file (and line, for
quotes and links; for documents, the line of the column's field when it has one), with rule
`GX`, name = the expectation type, family `schema`, and severity from the expectation's GX
severity (critical -> error, warning -> warning, info -> info). Rows that a rule listed in
the expectation's `meta.seedcheck.owned_by` already reported (same file, and same line for
quotes and links) are not reported again. An expectation about the whole table (no rows to
blame, e.g. a row count) is kept in the validation result only. The validation result is kept,
without GX's random ids, in `RunResult.expectations` for the reports.

With the Spark engine (a result with `spark_tables`), the suites validate the Spark tables
through GX's Spark datasource; everything else (findings, owners, the kept result) is the same
code. The Spark tables are in the local engine's row order, so GX lists unexpected rows in
the pandas datasource's order (checked by tests/test_spark_expectations.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from seedcheck.config import Config
from seedcheck.expectations.findings import make_finding
from seedcheck.expectations.suites import Expectation, Suite, SuiteError, load_suites
from seedcheck.expectations.tables import DocumentRows, build_tables, rows_of
from seedcheck.model import Finding, Severity

if TYPE_CHECKING:
    import pandas as pd

    from seedcheck.runner import RunResult

GX_RULE = "GX"
_SEVERITY = {"critical": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
_INDEX_COLUMNS = {"documents": ["path"], "quotes": ["path", "line", "column"]}
_DROPPED_RESULT_KEYS = ("unexpected_list", "unexpected_index_list", "unexpected_index_query")


def run_expectations(result: RunResult, config: Config) -> dict[str, Any]:
    """Validate the suites on `result`'s tables; add findings to `result`, keep the validation
    result in `result.expectations` and return it. Raises SuiteError (exit 2).

    The tables come from `result.table_rows` (the schema stage's) or, when the schema stage
    did not run, from `result.documents` (run with keep_documents=True)."""
    suites = load_suites(config)  # a broken file fails before GX is even imported
    rows = result.table_rows
    if rows is None:
        rows = [r for r in map(rows_of, result.documents.values()) if r is not None]
    by_path = {r.path: r for r in rows}
    tables = getattr(result, "spark_tables", None) or build_tables(rows)
    context = _context()
    parameters = {
        "today": (config.today or dt.date.today()).isoformat(),
        "languages": list(config.languages),
    }
    reports = []
    placed: list[tuple[str, Finding]] = []
    for suite in suites:
        frame = getattr(tables, suite.table)
        outcomes = _validate(context, suite, frame, parameters)
        report_rows = []
        for expectation, outcome in zip(suite.expectations, outcomes, strict=True):
            found: list[tuple[str, Finding]] = []
            owned = 0
            if not outcome["success"]:
                found, owned = _findings(suite, expectation, outcome, result, by_path)
            placed.extend(found)
            report_rows.append(_report_row(expectation, outcome, len(found), owned))
        reports.append(_suite_report(suite, report_rows))
    files = {r.path: r for r in result.files}
    for path, finding in placed:
        files[path].findings.append(finding)
    for file_result in result.files:
        file_result.findings.sort(key=Finding.sort_key)
    summary = {"success": all(r["success"] for r in reports), "suites": reports}
    result.expectations = summary
    return summary


def _context() -> Any:
    os.environ["GX_ANALYTICS_ENABLED"] = "false"  # GX's documented switch, read at import
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    # In memory only: no project folder and no temporary data-docs site.
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _validate(
    context: Any, suite: Suite, frame: pd.DataFrame, parameters: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """One outcome per expectation of the suite, in suite order."""
    from great_expectations.core.expectation_suite import ExpectationSuite

    gx_suite = context.suites.add(
        ExpectationSuite(name=suite.name, expectations=_gx_expectations(suite))
    )
    if not suite.expectations:
        return []
    # GX names assets and batch definitions; one per suite keeps them apart.
    source_name = f"seedcheck-{len(context.data_sources.all())}"
    spark = not _is_pandas(frame)
    source = (context.data_sources.add_spark if spark else context.data_sources.add_pandas)(
        source_name
    )
    asset = source.add_dataframe_asset(suite.table)
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame}
    )
    index_columns = _INDEX_COLUMNS.get(suite.table, ["path", "line", "column"])
    validation = batch.validate(
        gx_suite,
        expectation_parameters=dict(parameters),
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": index_columns},
    )
    order = {exp.id: i for i, exp in enumerate(gx_suite.expectations)}
    outcomes: list[dict[str, Any]] = [{} for _ in suite.expectations]
    for item in validation.results:
        position = order[item.expectation_config.id]
        error = _exception_message(item.exception_info)
        if error is not None:
            kind = suite.expectations[position].type
            raise SuiteError(f"{suite.file}: expectations[{position}] ({kind}): {error}")
        outcome = _jsonable(item.result)
        if spark and outcome.get("element_count") == 0 and outcome.get("unexpected_count") is None:
            # GX's Spark backend sums an empty table's unexpected rows to null, pandas to 0
            outcome["unexpected_count"] = 0
        outcomes[position] = {"success": bool(item.success), "result": outcome}
    return outcomes


def _is_pandas(frame: Any) -> bool:
    return type(frame).__module__.startswith("pandas")


def _gx_expectations(suite: Suite) -> list[Any]:
    """GX Expectation objects; unknown types and bad arguments are SuiteErrors."""
    from great_expectations.expectations.metadata_types import FailureSeverity
    from great_expectations.expectations.registry import get_expectation_impl

    built = []
    for i, expectation in enumerate(suite.expectations):
        where = f"{suite.file}: expectations[{i}] ({expectation.type})"
        try:
            impl = get_expectation_impl(expectation.type)
        except Exception:
            raise SuiteError(f"{where}: unknown expectation type") from None
        try:
            built.append(
                impl(
                    **expectation.kwargs,
                    meta=expectation.meta,
                    severity=FailureSeverity(expectation.severity),
                )
            )
        except Exception as error:  # pydantic's ValidationError, TypeError...
            detail = " ".join(str(error).split())
            raise SuiteError(f"{where}: invalid arguments: {detail}") from None
    return built


def _exception_message(info: Any) -> str | None:
    """GX reports errors either flat or per metric; None when nothing was raised."""
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _findings(
    suite: Suite,
    expectation: Expectation,
    outcome: Mapping[str, Any],
    result: RunResult,
    by_path: Mapping[str, DocumentRows],
) -> tuple[list[tuple[str, Finding]], int]:
    """Findings on the unexpected rows, and how many rows their owning rules reported."""
    rows = outcome["result"].get("unexpected_index_list") or []
    column = expectation.kwargs.get("column")
    column = column if isinstance(column, str) else None
    summary = _summary(expectation, outcome["result"])
    existing = {r.path: r.findings for r in result.files}
    out: list[tuple[str, Finding]] = []
    owned = 0
    for row in rows:
        if not isinstance(row, dict):
            continue
        path = row.get("path")
        rows = by_path.get(path) if isinstance(path, str) else None
        if rows is None:
            continue
        if _owned(expectation, existing.get(rows.path, []), row):
            owned += 1
            continue
        place = rows.place(suite.table, column, row)
        value = row.get(column) if column else None
        shown = f": {column} = {value!r}" if column else ""
        message = f"Expectation {expectation.type} of suite {suite.name!r} failed{shown}{summary}"
        severity = _SEVERITY[expectation.severity]
        finding = make_finding(GX_RULE, expectation.type, severity, message, place, result.config)
        out.append((rows.path, finding))
    return out, owned


def _summary(expectation: Expectation, result: Mapping[str, Any]) -> str:
    mostly = expectation.kwargs.get("mostly")
    count, total = result.get("unexpected_count"), result.get("element_count")
    if not isinstance(mostly, int | float) or not isinstance(count, int) or not total:
        return ""
    return (
        f" ({count} of {total} rows unexpected, {100 * count / total:.0f}%; "
        f"at most {100 * (1 - mostly):.0f}% allowed)"
    )


def _owned(expectation: Expectation, findings: Sequence[Finding], row: Mapping[str, Any]) -> bool:
    owners = expectation.owned_by
    if not owners:
        return False
    line = row.get("line")
    return any(
        _matches(token, f) and (line is None or f.line == line)
        for f in findings
        for token in owners
    )


def _matches(token: str, finding: Finding) -> bool:
    return token in (finding.name, finding.family.value) or finding.rule.startswith(token.upper())


def _report_row(
    expectation: Expectation, outcome: Mapping[str, Any], findings: int, owned: int
) -> dict[str, Any]:
    result = {k: v for k, v in outcome["result"].items() if k not in _DROPPED_RESULT_KEYS}
    return {
        "type": expectation.type,
        "kwargs": expectation.kwargs,
        "severity": expectation.severity,
        "meta": expectation.meta,
        "success": outcome["success"],
        "result": result,
        "findings": findings,  # rows reported as GX findings
        "owned": owned,  # rows already reported by the rules in meta.seedcheck.owned_by
    }


def _suite_report(suite: Suite, rows: list[dict[str, Any]]) -> dict[str, Any]:
    failed = sum(1 for r in rows if not r["success"])
    return {
        "name": suite.name,
        "table": suite.table,
        "file": suite.file,
        "success": failed == 0,
        "statistics": {"evaluated": len(rows), "successful": len(rows) - failed, "failed": failed},
        "results": rows,
    }


def _jsonable(value: Any) -> Any:
    """Plain JSON types (GX results hold numpy scalars, dates, pandas NA and NaN)."""
    return _no_nan(json.loads(json.dumps(value, default=_default, sort_keys=True)))


def _no_nan(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, list):
        return [_no_nan(v) for v in value]
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    return value


def _default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if str(value) in ("NaT", "<NA>", "nan") else str(value)
