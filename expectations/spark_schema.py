"""The schema stage on Spark: the pandera models validate the Spark tables with pandera's
PySpark backend (`pandera.pyspark`), and each failure becomes the same finding as on pandas.

pandera's PySpark backend says, per check, only *whether* it failed (each built-in check is
`frame.filter(~condition).limit(1).count() == 0`; unionai-oss/pandera#1330, #1540). The rows
a finding needs are found from the declaration itself, never from a second implementation:
- a built-in check (ge, isin, str_matches...) is called once with a recorder in place of the
  frame, which keeps the condition it filters on; the failing rows are `filter(condition)`;
- `nullable=False` fails on the rows where the column is null;
- `unique` (a column's, which pandera.pyspark does not support, or the model's `unique`
  columns) fails on the rows whose value (or combination) occurs more than once;
- a model's dataframe check is pandas code: it runs unchanged on each partition
  (`mapInPandas`), so it must judge each row on its own columns (both checks of models.py do);
- type and column failures are about the whole table, as on pandas.
The failure cases then go through `schema.findings_of`, the pandas path's own code.

pandera.pyspark imports pyspark.pandas, which does not import with pandas >= 3 (pyspark
4.3), hence the `spark` extra's pandas < 3; where pandas 3 is installed anyway the stage
runs the pandas path on the driver instead, with the same findings (and
tests/test_spark_expectations.py fails, wherever pyspark is installed).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from seedcheck.config import Config
from seedcheck.expectations import models
from seedcheck.expectations.schema import Failure, findings_of, run_schema
from seedcheck.expectations.spark_tables import TABLES, SparkTables, column_types
from seedcheck.expectations.tables import DocumentRows
from seedcheck.model import Finding
from seedcheck.rules import Rule

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

Case = tuple[Failure, dict[str, Any] | None]


def pyspark_backend() -> bool:
    """Whether pandera's PySpark backend imports here (not with pandas >= 3, see above)."""
    try:
        import pandera.pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def run_schema_on_spark(
    tables: SparkTables, rows: Sequence[DocumentRows], rules: Sequence[type[Rule]], config: Config
) -> list[tuple[str, Finding]]:
    """Findings of the selected schema rules on the Spark tables, as `run_schema` gives them."""
    if not rules or not rows:
        return []
    if not pyspark_backend():
        return run_schema(rows, rules, {}, config)
    languages = tuple(config.languages)
    cases: list[Case] = []
    for table in TABLES:
        cases.extend(table_cases(table, getattr(tables, table), languages))
    return findings_of(cases, rows, rules, config)


def _model(table: str, languages: tuple[str, ...]) -> Any:
    if table == "documents":
        return models.configured(languages)
    return models.QuotesModel if table == "quotes" else models.LinksModel


def table_cases(table: str, frame: DataFrame, languages: tuple[str, ...]) -> Iterator[Case]:
    """Every failure case of one table: pandera.pyspark's verdicts, with their rows."""
    declared = _model(table, languages).to_schema()
    schema = pyspark_schema(table, declared, languages)
    errors = schema.validate(frame, lazy=True).pandera.errors
    for by_reason in errors.values():
        for reason, items in by_reason.items():
            for item in items:
                yield from _cases(table, frame, declared, reason, item, languages)
    for name, column in declared.columns.items():  # pandera.pyspark has no column `unique`
        if column.unique:
            yield from _rows_cases(table, name, "field_uniqueness", _repeated(frame, [name]))


def pyspark_schema(table: str, declared: Any, languages: tuple[str, ...]) -> Any:
    """The pandas model's schema for pandera.pyspark: the same Check objects (pandera runs
    its PySpark implementation of each built-in), Spark types, dataframe checks wrapped."""
    import pandera.pyspark as ps
    from pyspark.sql import types as T

    spark_type = {"string": T.StringType(), "bigint": T.LongType(), "date": T.DateType()}
    types = dict(column_types()[table])
    columns = {
        name: ps.Column(
            cast(Any, spark_type[types[name]]),  # pandera accepts Spark types
            checks=list(col.checks),
            nullable=col.nullable,
            name=name,
        )
        for name, col in declared.columns.items()
    }
    checks = [
        ps.Check(partial(_passes, table, check.name, languages), name=check.name)
        for check in declared.checks
    ]
    return ps.DataFrameSchema(
        columns, checks=checks, strict=declared.strict, unique=declared.unique, name=table
    )


def _cases(
    table: str,
    frame: DataFrame,
    declared: Any,
    reason: str,
    item: dict[str, Any],
    languages: tuple[str, ...],
) -> Iterator[Case]:
    column = item.get("column")
    column = column if isinstance(column, str) and column in declared.columns else None
    check = str(item.get("check"))
    name = check.split("(", 1)[0]
    rows: DataFrame | None = None
    if name == "not_nullable" and column is not None:
        from pyspark.sql import functions as F

        rows = frame.filter(F.col(column).isNull())
    elif reason == "DUPLICATES" or name == "unique":
        rows, name = _repeated(frame, _unique_columns(declared)), "multiple_fields_uniqueness"
    elif column is not None:
        found = [c for c in declared.columns[column].checks if c.name == name]
        rows = _violating(frame, column, found[0]) if found else None
    elif any(c.name == name for c in declared.checks):
        rows = _violations(frame, table, name, languages)
    if rows is None:  # about the whole table (types, columns): no row to blame
        code = models.code_for(column, name) or "SC702"
        yield Failure(table, code, column, check, None, None), None
        return
    yield from _rows_cases(table, column, name, rows)


def _rows_cases(table: str, column: str | None, check: str, rows: DataFrame) -> Iterator[Case]:
    code = models.code_for(column, check) or "SC702"
    for row in rows.collect():
        values = row.asDict()
        value = values.get(column) if column else None
        yield Failure(table, code, column, check, value, None), values


def _unique_columns(declared: Any) -> list[str]:
    unique = declared.unique
    return [unique] if isinstance(unique, str) else list(unique or ())


def _repeated(frame: DataFrame, columns: list[str]) -> DataFrame:
    """Rows whose values in `columns` occur more than once (pandera's `unique`, all copies)."""
    from pyspark.sql import functions as F

    counts = frame.groupBy(*columns).agg(F.count(F.lit(1)).alias("_copies"))
    return frame.join(counts.where("_copies > 1"), columns).drop("_copies")


class _Recorder:
    """Stands for the frame in a pandera.pyspark built-in check, which ends with
    `frame.filter(failing).limit(1).count() == 0`: it keeps `failing`."""

    def __init__(self) -> None:
        self.condition: Any = None

    def filter(self, condition: Any) -> _Recorder:
        self.condition = condition
        return self

    def limit(self, _n: int) -> _Recorder:
        return self

    def count(self) -> int:
        return 0


def _violating(frame: DataFrame, column: str, check: Any) -> DataFrame | None:
    """The rows failing a built-in check, by its own PySpark condition (None: not a filter)."""
    from pandera.api.pyspark.types import PysparkDataframeColumnObject

    implementation = check._check_fn._function_registry.get(PysparkDataframeColumnObject)
    if implementation is None:
        return None
    recorder = _Recorder()
    # unwrap: skip pandera's input-type guard, which reads the real frame's schema
    inspect.unwrap(implementation)(
        PysparkDataframeColumnObject(cast(Any, recorder), column),
        **check._check_kwargs,
    )
    return None if recorder.condition is None else frame.filter(recorder.condition)


def _passes(table: str, name: str, languages: tuple[str, ...], frame: DataFrame) -> bool:
    """A dataframe check as pandera.pyspark runs it: True when no row fails."""
    return bool(_violations(frame, table, name, languages).limit(1).count() == 0)


def _violations(frame: DataFrame, table: str, name: str, languages: tuple[str, ...]) -> DataFrame:
    """The rows failing a model's (pandas) dataframe check, judged partition by partition."""
    judge = partial(_failing_pandas_rows, table, name, languages)
    return frame.mapInPandas(judge, frame.schema)


def _failing_pandas_rows(
    table: str, name: str, languages: tuple[str, ...], batches: Iterator[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    check = next(c for c in _model(table, languages).to_schema().checks if c.name == name)
    for batch in batches:
        if len(batch):
            passed = check(batch).check_output.astype(bool)
            yield batch[~passed]
