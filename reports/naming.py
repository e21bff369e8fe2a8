"""Report file names derived from input paths: safe, unique and stable.

A name never contains a path separator or `..`, so a report always lands inside `--out`
whatever the input path was (absolute, `../../x`, odd characters). The sanitised path keeps
the name readable; a short hash of the exact input path keeps two inputs that sanitise alike
(`a/x.txt` and `a_x.txt`, or `x?.txt` and `x!.txt`) apart. The name depends only on the
path, never on the other inputs, so it is the same on every run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 96  # well under the usual 255-byte file name limit, with hash and extension
FILES_DIR = "files"


def report_stem(path: str) -> str:
    """`examples/seeds/000.txt` -> `examples_seeds_000.txt-1a2b3c4d`."""
    parts = [p for p in re.split(r"[/\\]+", path) if p not in ("", ".", "..")]
    readable = _UNSAFE.sub("_", "_".join(parts)).strip("._-") or "file"
    if len(readable) > _MAX_STEM:
        readable = readable[-_MAX_STEM:].lstrip("._-") or "file"
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable}-{digest}"


def report_stems(paths: Iterable[str]) -> dict[str, str]:
    """Stems for every path; the hash makes collisions astronomically unlikely, but check."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        stem = report_stem(path)
        if stem.casefold() in taken:  # case-insensitive file systems count too
            stem = f"{stem}-{hashlib.sha256(stem.encode()).hexdigest()[:4]}"
        taken.add(stem.casefold())
        stems[path] = stem
    return stems


def inside(out: Path, candidate: Path) -> bool:
    """True when `candidate` resolves to a place under `out` (the last line of defence)."""
    try:
        candidate.resolve().relative_to(out.resolve())
    except ValueError:
        return False
    return True
