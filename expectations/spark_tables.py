"""The documents/quotes/links tables as Spark DataFrames (the Spark engine's schema and GX
stages), built in the partitions from the very rows `tables.rows_of` makes there.

The column types are read from the pandera models (`models.py`), the one declaration of the
tables; this module only maps pandera's dtypes to Spark's and Arrow's. pyspark, pyarrow,
pandas and pandera are imported inside functions: only the Spark engine calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from seedcheck.expectations.tables import (
    DOCUMENT_COLUMNS,
    LINK_COLUMNS,
    QUOTE_COLUMNS,
    DocumentRows,
)

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

TABLES = ("documents", "quotes", "links")
COLUMNS = {"documents": DOCUMENT_COLUMNS, "quotes": QUOTE_COLUMNS, "links": LINK_COLUMNS}
# pandera dtype (its name, without a storage suffix such as "[pyarrow]") -> Spark DDL type.
# A model column of another dtype fails here, loudly, rather than being guessed.
SPARK_TYPES = {"string": "string", "str": "string", "int64": "bigint", "date": "date"}


@dataclass(frozen=True)
class SparkTables:
    """The three tables of a Spark run (targets only, in the local engine's row order)."""

    documents: DataFrame
    quotes: DataFrame
    links: DataFrame


@lru_cache(maxsize=1)
def column_types() -> dict[str, tuple[tuple[str, str], ...]]:
    """table -> ((column, Spark DDL type), ...) from the pandera models' dtypes."""
    from seedcheck.expectations import models

    out = {}
    for table, model in zip(
        TABLES, (models.DocumentsModel, models.QuotesModel, models.LinksModel), strict=True
    ):
        declared = model.to_schema().columns
        out[table] = tuple(
            (name, SPARK_TYPES[str(declared[name].dtype).split("[", 1)[0]])
            for name in COLUMNS[table]
        )
    return out


def tables_ddl() -> str:
    """The Spark type of a file's rows: its documents row and its quotes and links rows."""
    types = column_types()

    def struct(table: str) -> str:
        return "struct<" + ", ".join(f"`{n}`: {t}" for n, t in types[table]) + ">"

    return (
        f"struct<documents: {struct('documents')}, quotes: array<{struct('quotes')}>, "
        f"links: array<{struct('links')}>>"
    )


def tables_arrow_type() -> pa.DataType:
    """`tables_ddl` as an Arrow type (mapInArrow's output)."""
    import pyarrow as pa

    arrow = {"string": pa.string(), "bigint": pa.int64(), "date": pa.date32()}
    types = column_types()

    def struct(table: str) -> pa.DataType:
        return pa.struct([(n, arrow[t]) for n, t in types[table]])

    return pa.struct(
        [
            ("documents", struct("documents")),
            ("quotes", pa.list_(struct("quotes"))),
            ("links", pa.list_(struct("links"))),
        ]
    )


def tables_record(rows: DocumentRows | None) -> dict[str, Any] | None:
    """One file's value of the `tables` column (None: nothing to tabulate)."""
    if rows is None:
        return None
    return {"documents": rows.document, "quotes": rows.quotes, "links": rows.links}


def spark_tables(files: DataFrame) -> SparkTables:
    """The targets' tables from a file frame (its `position` and `tables` columns), with
    each row's place in the run (`_position`, `_item`), materialised on the executors
    (`localCheckpoint`): the file frame behind them is released after collection."""
    from pyspark.sql import functions as F

    targets = files.where(F.col("is_target") & F.col("tables").isNotNull())
    position = F.col("position").alias("_position")
    frames = [targets.select(position, F.lit(0).alias("_item"), "tables.documents.*")]
    for table in ("quotes", "links"):
        items = targets.select(position, F.posexplode(f"tables.{table}").alias("_item", "row"))
        frames.append(items.select("_position", "_item", "row.*"))
    return SparkTables(*(frame.localCheckpoint(eager=True) for frame in frames))


def finish(
    tables: SparkTables | None, extra: Sequence[tuple[int, DocumentRows]], spark: SparkSession
) -> SparkTables:
    """`tables` plus the rows of files checked on the driver (`extra`: position, rows), in
    the local engine's order (files in run order, items in document order), without the
    order columns, materialised: the schema and GX stages read each table many times."""
    finished = []
    for table in TABLES:
        ddl = "_position bigint, _item int, " + ", ".join(
            f"`{n}` {t}" for n, t in column_types()[table]
        )
        data = [
            (position, item, *(row[n] for n, _ in column_types()[table]))
            for position, rows in extra
            for item, row in enumerate(rows.table(table))
        ]
        added = spark.createDataFrame(data, ddl)
        frame = added if tables is None else getattr(tables, table).unionByName(added)
        ordered = frame.orderBy("_position", "_item").drop("_position", "_item")
        finished.append(ordered.localCheckpoint(eager=True))
    return SparkTables(*finished)


def tables_from_rows(rows: Sequence[DocumentRows], spark: SparkSession) -> SparkTables:
    """Spark tables made on the driver from table rows (tests; the engine builds them in
    the partitions)."""
    return finish(None, list(enumerate(rows)), spark)
