"""The driver JVM's heap for the Spark sessions seedcheck starts on a `local[...]` master.

On a local master the driver JVM runs the executors too: the partitions' rows, the
shuffles of the cross-file stage, the tables' checkpoints and the results streamed to
Python all share its heap. Spark's default heap (1 GiB) ran out at 100,000 seeds even with
the file rows cached on disk and the pairs packed (docs/spark.md). So, unless the user
chose a size (PYSPARK_SUBMIT_ARGS, SPARK_DRIVER_MEMORY or spark-defaults.conf), seedcheck
asks for a quarter of the machine's memory, between 1 and 4 GiB. The JVM reads the size
when it starts: it applies to the first session of a process only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

MIN_MIB, MAX_MIB = 1024, 4096  # Spark's own default, and enough for 100,000 seeds
_SETS_DRIVER_MEMORY = re.compile(r"^\s*spark\.driver\.memory\s*[=:\s]", re.MULTILINE)


def default_driver_memory(environ: Mapping[str, str] = os.environ) -> str | None:
    """`spark.driver.memory` for a local session seedcheck starts ("4096m"), or None to
    leave Spark's (the user chose one, or the machine's memory is unknown)."""
    if user_chose_driver_memory(environ):
        return None
    total = physical_memory()
    if total is None:
        return None
    return f"{max(MIN_MIB, min(MAX_MIB, total // 4 // 2**20))}m"


def user_chose_driver_memory(environ: Mapping[str, str] = os.environ) -> bool:
    """True when Spark's launcher gets a driver memory from the user's settings."""
    submit = environ.get("PYSPARK_SUBMIT_ARGS", "")
    if "--driver-memory" in submit or "spark.driver.memory" in submit:
        return True
    if environ.get("SPARK_DRIVER_MEMORY"):
        return True
    return any(_sets_driver_memory(path) for path in _defaults_files(environ))


def physical_memory() -> int | None:
    """The machine's memory in bytes (None where the OS does not say, e.g. Windows)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return None


def _defaults_files(environ: Mapping[str, str]) -> list[Path]:
    """Where Spark's launcher reads spark-defaults.conf: SPARK_CONF_DIR, else the conf
    folder of SPARK_HOME (pip's pyspark: the package's own folder)."""
    if environ.get("SPARK_CONF_DIR"):
        return [Path(environ["SPARK_CONF_DIR"]) / "spark-defaults.conf"]
    home = environ.get("SPARK_HOME") or _pyspark_home()
    return [Path(home) / "conf" / "spark-defaults.conf"] if home else []


def _pyspark_home() -> str | None:
    try:
        from pyspark.find_spark_home import _find_spark_home

        return str(_find_spark_home())
    except (SystemExit, Exception):  # pyspark exits when it finds no Spark home
        return None


def _sets_driver_memory(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _SETS_DRIVER_MEMORY.search(text) is not None
