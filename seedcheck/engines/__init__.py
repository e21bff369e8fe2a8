"""Execution engines. `local` is seedcheck.runner.run (threads of one machine); `spark`
(seedcheck.engines.spark) runs the same rule code on Apache Spark. Nothing here imports
pyspark: the engine module is imported only when `--engine spark` is asked for."""

from __future__ import annotations

ENGINES = ("local", "spark")


class EngineUnavailable(Exception):
    """The engine cannot run here (missing extra, no Java runtime...): a usage error, exit 2."""
