"""The `seedcheck` console command: starts the schema helper (seedcheck.preload) before the
command line's own imports, so that the two import side by side."""

from __future__ import annotations

import sys


def main() -> None:
    from seedcheck import preload

    preload.start(sys.argv[1:])
    from seedcheck.cli import run_main

    run_main()
