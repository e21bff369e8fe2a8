"""The Spark engine: the same validation as seedcheck.runner.run, on Apache Spark.

How a run goes:
1. The driver lists local inputs exactly as the local engine does (seedcheck.discovery),
   so both engines agree on which files exist, how they are named and in which order;
   inputs given as URIs (hdfs://, s3a://) are listed by Spark (engines/listing.py).
2. Spark reads the files' bytes (`binaryFile`, `recursiveFileLookup`, `pathGlobFilter`;
   files over `max-file-size` are filtered by their length before any byte is read),
   joins them with the listing (broadcast) and checks them partition by partition with
   `mapInArrow`: `decode_source` + `DocumentStage.process_source`, i.e. the very parser
   and rule classes of the local engine. Per file out: its findings (the Finding JSON
   contract) and, when a cross-file rule or a report needs it, the pickled Document.
   (mapInArrow rather than RDD mapPartitions: the same per-partition call, but it also
   works over Spark Connect, and Arrow moves the bytes without per-row pickling.)
3. Files that Spark's file source does not return (zero-length files, names starting
   with `_` or `.`, files over the size limit) are checked on the driver by the same
   DocumentStage, so they still get their findings (empty-document, too-large...).
4. Cross-file (corpus) rules: the partitions also compute the quote index's features of
   each document (Spark columns); Spark finds and verifies the candidate pairs from them
   (engines/spark_corpus.py) and only the verified pairs come back. The rules' own code
   (`runner._corpus_findings`) then builds the index from those pairs and the light
   documents collected from the partitions, and reports on the driver.
5. The schema and GX stages: the partitions also return each target's table rows, as
   Spark columns; the documents/quotes/links tables are Spark DataFrames made from them
   (`expectations/spark_tables.py`), validated by pandera's PySpark backend
   (`expectations/spark_schema.py`) and by GX's Spark datasource (`expectations/gx.py`).

pyspark is imported lazily, inside functions: importing this module costs nothing.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from seedcheck.checks.quotes.index import IndexedRule, Links, index_options
from seedcheck.config import Config, ConfigError
from seedcheck.discovery import MissingPathError
from seedcheck.document import Document
from seedcheck.engines import PANDAS_ON_SPARK_NOTE, EngineUnavailable
from seedcheck.engines.listing import Item, is_uri, local_items, uri_items
from seedcheck.engines.spark_corpus import (
    CORPUS_DDL,
    corpus_arrow_type,
    corpus_links,
    corpus_record,
    for_driver,
)
from seedcheck.engines.spark_memory import default_driver_memory
from seedcheck.expectations.spark_tables import (
    SparkTables,
    finish,
    spark_tables,
    tables_arrow_type,
    tables_ddl,
    tables_record,
)
from seedcheck.expectations.tables import DocumentRows
from seedcheck.model import Family, FileResult, Finding, Fix, Related, Severity
from seedcheck.rules import CorpusRule, Rule
from seedcheck.runner import (
    DocumentStage,
    Features,
    Processed,
    RunResult,
    _check_rule_options,
    _corpus_findings,
    light_documents,
    select_rules,
)
from seedcheck.source import ReadProblem, ReadProblemKind, Source, too_large_source

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

# The Finding JSON contract of DESIGN.md as a Spark schema (`path` is added in frames).
FINDING_DDL = (
    "rule string, name string, family string, severity string, message string, "
    "line int, `column` int, end_line int, end_column int, evidence string, "
    "related array<struct<path: string, line: int, message: string>>, "
    "fix struct<message: string, replacement: string>"
)
# One row per checked file: where it sits in the run's order, and what the rules found.
FILE_DDL = (
    f"position long, path string, is_target boolean, findings array<struct<{FINDING_DDL}>>, "
    "document binary, rows binary"
)  # + `tables` (spark_tables.tables_ddl): the file's table rows as Spark columns
# Seeds are small files: Spark's defaults (4 MB "cost" per file open, 128 MB partitions)
# pack ~30 files per task, so scheduling dominates. ~400 files per task instead: 10k
# documents on local[2] went from 72 s to 35 s (benchmarks/spark_bench.py, docs/spark.md).
SMALL_FILES = {
    "spark.sql.files.openCostInBytes": str(8 * 1024),
    "spark.sql.files.maxPartitionBytes": str(4 * 1024 * 1024),
}
_LOG4J = Path(__file__).with_name("log4j2.properties").as_uri()
_SIMPLE_GLOB = re.compile(r"[A-Za-z0-9_.*?-]+")  # safe to hand to Hadoop's pathGlobFilter


# --- the runtime: pyspark, pyarrow, Java, a session ---------------------------------------


def check_runtime(master: str | None = None) -> None:
    """Raise EngineUnavailable with a clear message when Spark cannot start here."""
    for module in ("pyspark", "pyarrow"):
        try:
            __import__(module)
        except ImportError:
            raise EngineUnavailable(
                f"--engine spark needs {module}: pip install 'seedcheck[spark]'"
            ) from None
    if _connect_url(master).startswith("sc://"):
        return  # a Spark Connect server elsewhere runs the JVM, not this machine
    java = find_java()
    if java is None:
        where = os.environ.get("JAVA_HOME")
        detail = (
            f"JAVA_HOME={where} has no bin/java" if where else "no `java` on PATH, JAVA_HOME unset"
        )
        raise EngineUnavailable(
            f"--engine spark needs a Java runtime ({min_java()} or newer): {detail}. "
            "Install one (e.g. apt-get install openjdk-17-jre-headless) or use --engine local"
        )
    version, needed = java_major_version(java), min_java()
    if version is not None and version < needed:
        raise EngineUnavailable(
            f"--engine spark needs Java {needed} or newer; {java} is Java {version}"
        )


def _connect_url(master: str | None) -> str:
    """The Spark Connect URL of the run ("" when not Connect): `--spark-master sc://...`,
    else SPARK_REMOTE (`sc://host:15002`, or `local[N]` for a Connect server started here)."""
    if master is not None:
        return master if master.startswith("sc://") else ""
    return os.environ.get("SPARK_REMOTE", "")


def min_java() -> int:
    """Spark 4 runs on Java 17 or 21; Spark 3.5 on Java 8, 11 or 17."""
    import pyspark

    return 17 if int(pyspark.__version__.split(".")[0]) >= 4 else 8


def find_java() -> str | None:
    """The java that Spark's launcher will use: $JAVA_HOME/bin/java if set, else PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None
    return shutil.which("java")


def java_major_version(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def spark_session(master: str | None = None, cores: int | None = None) -> SparkSession:
    """A session: under spark-submit or SPARK_REMOTE, theirs; else `master` or local[cores|*]."""
    check_runtime(master)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("seedcheck")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit
    remote = _connect_url(master)
    if remote.startswith("local"):
        # SPARK_REMOTE=local[N]: pyspark starts a Connect server in this process's JVM,
        # whose Python workers must run this interpreter (they import seedcheck).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if remote.startswith("sc://") and master is not None:
        builder = builder.remote(master)
    chosen = None if remote or submitted else (master or f"local[{cores or '*'}]")
    if chosen is not None:
        builder = builder.master(chosen)
        for key, value in SMALL_FILES.items():
            builder = builder.config(key, value)
    if chosen is not None and chosen.startswith("local"):
        # One machine: no UI, few shuffle partitions, workers run this very interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(max(2, (cores or 2) * 2)))
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_LOG4J}")
        )
        memory = default_driver_memory()  # the driver JVM is the executors too
        if memory is not None:
            builder = builder.config("spark.driver.memory", memory)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=PANDAS_ON_SPARK_NOTE, category=FutureWarning)
            return builder.getOrCreate()
    except Exception as error:  # the JVM did not start: say why, in one line
        raise EngineUnavailable(f"could not start Spark: {_first_line(error)}") from error


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"


# --- the run ---------------------------------------------------------------------------


def run_spark(
    paths: Sequence[str],
    config: Config,
    all_rules: Sequence[type[Rule]] | None = None,
    corpus: Sequence[str] = (),
    spark: SparkSession | None = None,
    master: str | None = None,
    cores: int | None = None,
    keep_documents: bool = False,
    on_file: Callable[[str], None] | None = None,
    tables: bool = False,
) -> RunResult:
    """Check `paths` on Spark; the result is the one `runner.run` gives for the same input.

    With `keep_documents`, the parsed target documents come back too (reports need them);
    with `tables` (or a schema rule selected), the documents/quotes/links table rows.
    """
    if all_rules is None:
        from seedcheck.checks.registry import RULES

        all_rules = RULES
    rules = select_rules(all_rules, config)
    _check_rule_options(config, all_rules)
    corpus_rules = [r() for r in rules if issubclass(r, CorpusRule)]
    schema_rules = [r for r in rules if r.kind() == "schema"]
    keep = keep_documents or bool(corpus_rules)
    slim = light_documents(corpus_rules, keep_documents)
    tabulate = bool(schema_rules) or tables
    roots = list(dict.fromkeys((*paths, *corpus)))
    remote = [r for r in roots if is_uri(r)]
    if remote and len(remote) != len(roots):
        raise ConfigError("--engine spark: give local paths or URIs (hdfs://...), not both")
    if remote:
        session = spark or spark_session(master, cores)
        work = uri_items(list_files(session, roots, config), paths, corpus, config, keep)
    else:
        work = local_items(paths, corpus, config, keep)  # before Spark: a typo fails fast
        session = spark or spark_session(master, cores)
    stage = DocumentStage(config, rules, keep, tabulate, slim)
    stage.features = stage.features_due(len(work)) if corpus_rules else frozenset()
    keys = index_keys(stage)

    checked: dict[int, Processed] = {}
    on_driver: dict[int, Processed] = {}  # files Spark's file source does not return
    tables_of_run: list[SparkTables] = []
    links: dict[Hashable, Links] = {}

    def materialised(cached: DataFrame) -> None:
        if tabulate:
            tables_of_run.append(spark_tables(cached))
        if keys:  # the cross-file pairs, on Spark, before the documents come back
            links.update(_pairs_on_spark(session, cached, work, stage, keys, on_driver))

    if work:
        frame = file_frame(
            session, work, roots, config, rules, keep, tabulate, slim, stage.features
        )
        for row in _rows(frame, keep or tabulate, materialised):
            found = [finding_from_row(f.asDict(recursive=True)) for f in row["findings"]]
            checked[row["position"]] = (
                _unpickle(row, "document"),
                found,
                _unpickle(row, "rows"),
                _unpickle(row, "features"),
            )

    results: dict[str, FileResult] = {}
    target_docs: list[Document] = []
    reference_docs: list[Document] = []
    features: dict[str, Features] = {}
    table_rows: list[DocumentRows] = []
    driver_rows: list[tuple[int, DocumentRows]] = []  # rows of files checked here
    for position, item in enumerate(work):
        if position in checked:
            doc, findings, rows, feats = checked.pop(position)
        else:  # not returned by Spark's file source (empty, `_name`, too large): check here
            done = on_driver.pop(position, None) or _check_on_driver(stage, item, config)
            doc, findings, rows, feats = done
            feats = for_driver(feats, keys)
            if rows is not None and item.is_target:
                driver_rows.append((position, rows))
        if feats is not None:
            features[item.display] = feats
        if item.is_target:
            results[item.display] = FileResult(item.display, findings)
            if rows is not None:
                table_rows.append(rows)
            if on_file is not None:
                on_file(item.display)
        if doc is not None:
            (target_docs if item.is_target else reference_docs).append(doc)
    if corpus_rules:  # the rules' code, on the driver, from the pairs Spark found
        cross = _corpus_findings(
            corpus_rules, target_docs, reference_docs, stage, config, features, links
        )
        features.clear()
        for path, extra in cross.items():
            results[path].findings.extend(extra)
    made_tables = finish(tables_of_run[0], driver_rows, session) if tables_of_run else None
    if schema_rules and table_rows and made_tables is not None:
        from seedcheck.expectations.spark_schema import run_schema_on_spark

        for path, finding in run_schema_on_spark(made_tables, table_rows, schema_rules, config):
            results[path].findings.append(finding)
    for result in results.values():
        result.findings.sort(key=Finding.sort_key)
    shown = [i.display for i in work if i.is_target]
    return SparkRunResult(
        files=[results[d] for d in shown],
        rules=list(rules),
        documents={d.path: d for d in target_docs} if keep_documents else {},
        config=config,
        table_rows=table_rows if tabulate else None,
        spark_tables=made_tables,
    )


@dataclass
class SparkRunResult(RunResult):
    """A run's result, plus its tables as Spark DataFrames for the GX stage (`gx.py` uses
    GX's Spark datasource when they are there)."""

    spark_tables: SparkTables | None = None


def _unpickle(row: Any, column: str) -> Any:
    data = row[column] if column in row.__fields__ else None  # Row: `in` tests values
    return pickle.loads(data) if data else None


def _rows(
    frame: DataFrame,
    keep_documents: bool,  # or table rows
    on_cached: Callable[[DataFrame], None] | None = None,
) -> Iterator[Any]:
    """The checked files' rows, computed in parallel. Findings alone are small: collect.
    Documents are not: materialise the partitions on disk, then stream them to the driver
    one partition at a time (toLocalIterator alone would compute them serially).
    `on_cached(frame)` runs on the materialised frame before it is released (tables).

    On disk, not in memory: the rows carry each document several times over (its light
    copy, its table rows, its cross-file features), about 10 KB per seed, and on
    `local[N]` the executors share the driver's JVM heap (1 GB by default). 100,000 seeds
    cached MEMORY_AND_DISK ran that heap out of memory; read back from local disk, each
    of the stage's few passes over them costs little (docs/spark.md)."""
    if not keep_documents:
        yield from frame.select("position", "findings").collect()
        return
    from pyspark import StorageLevel

    cached = frame.persist(StorageLevel.DISK_ONLY)
    try:
        cached.count()
        if on_cached is not None:
            on_cached(cached)
        columns = ("position", "findings", "document", "rows", "features")
        yield from cached.select(*columns).toLocalIterator()
    finally:
        cached.unpersist()


def _pairs_on_spark(
    session: SparkSession,
    cached: DataFrame,
    work: Sequence[Item],
    stage: DocumentStage,
    keys: Sequence[Hashable],
    on_driver: dict[int, Processed],
) -> dict[Hashable, Links]:
    """The verified pairs of the corpus index (spark_corpus.corpus_links) over the files of
    `cached` and the files it lacks, which are checked here first (into `on_driver`)."""
    returned = {row[0] for row in cached.select("position").collect()}
    for position, item in enumerate(work):
        if position not in returned:
            on_driver[position] = _check_on_driver(stage, item, stage.config)
    extra = [
        (position, work[position].is_target, corpus_record(done[3], keys))
        for position, done in on_driver.items()
        if done[3] is not None
    ]
    options = {key: index_options(stage.extractors[key][1]) for key in keys}
    names = [item.display for item in work]
    return corpus_links(session, cached, extra, keys, options, names)


def index_keys(stage: DocumentStage) -> list[Hashable]:
    """The feature keys of the corpus index whose candidate pairs Spark finds (every key,
    when the stage computes features: only the quote index's rules have features)."""
    if not stage.features:
        return []
    return [
        k
        for k, (rule, _) in stage.extractors.items()
        if k in stage.features and isinstance(rule, IndexedRule)
    ]


def _check_on_driver(stage: DocumentStage, item: Item, config: Config) -> Processed:
    if item.target is not None:
        return stage.process((item.target, item.is_target))
    if item.length is not None and item.length > config.max_file_size:
        return stage.process_source(
            too_large_source(item.display, item.length, config.max_file_size), item.is_target
        )
    problem = ReadProblem(ReadProblemKind.UNREADABLE, "Spark listed this file but did not read it")
    return stage.process_source(Source(item.display, b"", "", None, 0, [problem]), item.is_target)


def _reader(spark: SparkSession, config: Config) -> Any:
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    glob = _glob_filter(config.include)
    return reader.option("pathGlobFilter", glob) if glob is not None else reader


def _load(spark: SparkSession, roots: Sequence[str], config: Config) -> DataFrame:
    paths = [r if is_uri(r) else str(Path(r).absolute()) for r in roots]
    try:
        return cast("DataFrame", _reader(spark, config).load(paths))
    except Exception as error:
        if "PATH_NOT_FOUND" in str(error) or "Path does not exist" in str(error):
            raise MissingPathError(f"no such file or directory: {_first_line(error)}") from None
        raise


def list_files(spark: SparkSession, roots: Sequence[str], config: Config) -> list[tuple[str, int]]:
    """(uri, length) of every file Spark finds under `roots` (URI inputs)."""
    listed = _load(spark, roots, config).select("path", "length").collect()
    return [(row["path"], row["length"]) for row in listed]


def file_frame(
    spark: SparkSession,
    work: Sequence[Item],
    roots: Sequence[str],
    config: Config,
    rules: Sequence[type[Rule]],
    keep_documents: bool,
    tabulate: bool = False,
    slim: bool = False,
    features: frozenset[Hashable] = frozenset(),
) -> DataFrame:
    """One row per file Spark read (FILE_DDL): position in `work`, path, findings, document
    (with `slim`, its `Document.for_corpus` copy); with `features`, the corpus rules'
    features of the document (`corpus`: as Spark columns for the corpus index's keys,
    spark_corpus.CORPUS_DDL; `features`: what the driver keeps, pickled)."""
    from pyspark.sql import functions as F

    listing = spark.createDataFrame(
        [(item.uri, i, item.display, item.is_target) for i, item in enumerate(work)],
        "uri string, position long, path string, is_target boolean",
    )
    files = (
        _load(spark, roots, config)
        .where(F.col("length") <= config.max_file_size)  # pushed down: big files stay unread
        .select(F.col("path").alias("uri"), "content")
    )
    joined = files.join(F.broadcast(listing), "uri").select(
        "position", "path", "is_target", "content"
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=PANDAS_ON_SPARK_NOTE, category=FutureWarning)
        checker = _partition_checker(config, rules, keep_documents, tabulate, slim, features)
        ddl = f"{FILE_DDL}, tables {tables_ddl()}, features binary, corpus {CORPUS_DDL}"
        return joined.mapInArrow(checker, ddl)


def findings_frame(files: DataFrame) -> DataFrame:
    """The findings as a table: `path` plus the columns of the Finding JSON contract."""
    from pyspark.sql import functions as F

    exploded = files.select("position", "path", F.explode("findings").alias("f"))
    return exploded.select("position", "path", "f.*")


def _partition_checker(
    config: Config,
    rules: Sequence[type[Rule]],
    keep_documents: bool,
    tabulate: bool,
    slim: bool,
    features: frozenset[Hashable],
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    rule_list = list(rules)

    def check_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from seedcheck.source import decode_source

        stage = DocumentStage(config, rule_list, keep_documents, tabulate, slim, features)
        keys = index_keys(stage)
        schema: pa.Schema | None = None
        for batch in batches:
            rows = []
            for item in batch.to_pylist():
                source = decode_source(item["path"], item["content"])
                doc, findings, table, feats = stage.process_source(source, item["is_target"])
                kept = for_driver(feats, keys)
                rows.append(
                    {
                        "position": item["position"],
                        "path": item["path"],
                        "is_target": item["is_target"],
                        "findings": [f.to_dict() for f in findings],
                        "document": pickle.dumps(doc, pickle.HIGHEST_PROTOCOL) if doc else None,
                        "rows": pickle.dumps(table, pickle.HIGHEST_PROTOCOL) if table else None,
                        "tables": tables_record(table),
                        "features": pickle.dumps(kept, pickle.HIGHEST_PROTOCOL) if kept else None,
                        "corpus": corpus_record(feats, keys),
                    }
                )
            schema = schema or _arrow_schema()
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return check_partition


def _arrow_schema() -> pa.Schema:
    import pyarrow as pa

    finding = pa.struct(
        [
            ("rule", pa.string()),
            ("name", pa.string()),
            ("family", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("end_line", pa.int32()),
            ("end_column", pa.int32()),
            ("evidence", pa.string()),
            (
                "related",
                pa.list_(
                    pa.struct(
                        [("path", pa.string()), ("line", pa.int32()), ("message", pa.string())]
                    )
                ),
            ),
            ("fix", pa.struct([("message", pa.string()), ("replacement", pa.string())])),
        ]
    )
    return pa.schema(
        [
            ("position", pa.int64()),
            ("path", pa.string()),
            ("is_target", pa.bool_()),
            ("findings", pa.list_(finding)),
            ("document", pa.binary()),
            ("rows", pa.binary()),
            ("tables", tables_arrow_type()),
            ("features", pa.binary()),
            ("corpus", corpus_arrow_type()),
        ]
    )


def finding_from_row(row: dict[str, Any]) -> Finding:
    """The inverse of Finding.to_dict (a row of FINDING_DDL)."""
    fix = row.get("fix")
    return Finding(
        rule=row["rule"],
        name=row["name"],
        family=Family(row["family"]),
        severity=Severity(row["severity"]),
        message=row["message"],
        line=row["line"],
        column=row["column"],
        end_line=row["end_line"],
        end_column=row["end_column"],
        evidence=row["evidence"],
        related=tuple(
            Related(r["path"], r["line"], r.get("message")) for r in row.get("related") or ()
        ),
        fix=Fix(fix["message"], fix["replacement"]) if fix else None,
    )


def _glob_filter(include: Sequence[str]) -> str | None:
    """Push a single simple name glob (`*.txt`) down to Spark's listing; the listing join
    applies the exact include/exclude rules in every case."""
    if len(include) == 1 and _SIMPLE_GLOB.fullmatch(include[0]):
        return include[0]
    return None
