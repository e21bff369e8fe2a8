"""Option types shared by `check`, `gate` and `baseline write` (no imports of the CLI itself,
so that cli.py and cli_gate.py can both use them without an import cycle)."""

from __future__ import annotations

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
