"""Execution engines. `local` is seedcheck.runner.run (threads of one machine); `spark`
(seedcheck.engines.spark) runs the same rule code on Apache Spark. Nothing here imports
pyspark: the engine module is imported only when `--engine spark` is asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seedcheck.config import Config
    from seedcheck.rules import Rule
    from seedcheck.runner import RunResult

ENGINES = ("local", "spark")
# pyspark.pandas warns about any pandas >= 3 when imported (pandera imports it whenever
# pyspark is installed, local runs too); seedcheck uses no pandas-on-Spark.
PANDAS_ON_SPARK_NOTE = "PySpark does not yet fully support pandas"


def quiet_pandas_on_spark() -> None:
    """Silence that note in this process (new processes start with default filters)."""
    import warnings

    warnings.filterwarnings("ignore", message=PANDAS_ON_SPARK_NOTE, category=FutureWarning)


class EngineUnavailable(Exception):
    """The engine cannot run here (missing extra, no Java runtime...): a usage error, exit 2."""


def engine_runner(engine: str, master: str | None = None) -> Callable[..., RunResult]:
    """A function called like `runner.run` that runs on `engine` ("local" or "spark").

    On Spark, `jobs` becomes local[jobs] when no master is given, and the findings cache
    is not used (results are the same, only nothing is skipped)."""
    from seedcheck.runner import run

    if engine == "local":
        return run
    if engine != "spark":
        raise EngineUnavailable(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")

    def run_on_spark(
        paths: Sequence[str],
        config: Config,
        all_rules: Sequence[type[Rule]] | None = None,
        corpus: Sequence[str] = (),
        jobs: int = 0,
        keep_documents: bool = True,
        on_file: Callable[[str], None] | None = None,
        cache: object = None,
        tables: bool = False,
    ) -> RunResult:
        from seedcheck.engines.spark import run_spark

        return run_spark(
            paths,
            config,
            all_rules,
            corpus,
            master=master,
            cores=jobs or None,
            keep_documents=keep_documents,
            on_file=on_file,
            tables=tables,
        )

    return run_on_spark
