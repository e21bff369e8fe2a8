"""Option types shared by `check`, `gate` and `baseline write` (no imports of the CLI itself,
so that cli.py and cli_gate.py can both use them without an import cycle)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Cache folder [default: $SEEDCHECK_CACHE_DIR or .seedcheck_cache].",
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the findings cache.")
]
FamilyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on-family",
        help="Per-family threshold FAMILY=error|warning|info|off (repeatable).",
    ),
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes; 0 means one per core.", min=0)
]
BaselineOption = Annotated[
    Path | None,
    typer.Option("--baseline", help="Findings listed in this baseline file do not count."),
]


class Engine(StrEnum):
    local = "local"
    spark = "spark"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine", help="local (this machine) or spark (Apache Spark; see docs/spark.md)."
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        help="Spark master URL [default: local[--jobs or *], or spark-submit's].",
    ),
]
SelectOption = Annotated[
    list[str] | None, typer.Option(help="Only these rules (codes, prefixes, names, families).")
]
IgnoreOption = Annotated[list[str] | None, typer.Option(help="Skip these rules.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="seedcheck.toml or pyproject.toml to use.")
]
CorpusOption = Annotated[
    list[str] | None,
    typer.Option(help="Reference corpus for cross-file rules (not itself reported)."),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(help="Exit 1 on findings at or above: error, warning or info [default: error]."),
]
