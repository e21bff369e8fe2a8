"""`seedcheck report`: write one report per file and an index, in the chosen formats.

Layout of `--out`:
    index.html, index.md, index.json
    files/<stem>.html, files/<stem>.md, files/<stem>.json   (stems from `naming`)
Every file is written atomically, and the bytes depend only on the run's result (plus the
timestamp when one is asked for). Per-file reports skip the fsync (thousands of them cost
more in fsyncs than in rendering, and a rerun regenerates them); the index, written last,
is fsynced.

A rerun into the same folder removes the reports of files that are no longer checked (a
seed deleted or renamed), so the folder never shows stale reports. Only files that a
previous run wrote are removed: each run lists what it wrote in `MANIFEST`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from seedcheck.atomic import write_atomic
from seedcheck.reports.html_report import render_file_html, render_index_html
from seedcheck.reports.markdown_report import render_file_markdown, render_index_markdown
from seedcheck.reports.naming import FILES_DIR, inside, report_stems
from seedcheck.reports.view import common_prefix, file_view, index_view
from seedcheck.runner import RunResult

REPORT_FORMATS = ("json", "md", "html")
_ALIASES = {"markdown": "md", "htm": "html"}

View = dict[str, Any]


def _json(view: View, timestamp: str | None) -> str:
    data = {**view, "generated_at": timestamp} if timestamp else view
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_FILE_RENDERERS: dict[str, Callable[[View, str | None], str]] = {
    "json": _json,
    "md": render_file_markdown,
    "html": render_file_html,
}
_INDEX_RENDERERS: dict[str, Callable[[View, str | None], str]] = {
    "json": _json,
    "md": render_index_markdown,
    "html": render_index_html,
}


def parse_formats(values: Sequence[str]) -> tuple[str, ...]:
    """`["json,md", "html"]` -> ("json", "md", "html") in canonical order; ValueError if unknown."""
    chosen = set()
    for value in values:
        for token in value.split(","):
            name = token.strip().lower()
            if not name:
                continue
            name = _ALIASES.get(name, name)
            if name not in REPORT_FORMATS:
                known = ", ".join(REPORT_FORMATS)
                raise ValueError(f"unknown report format {token.strip()!r} (choose from {known})")
            chosen.add(name)
    return tuple(f for f in REPORT_FORMATS if f in chosen) or REPORT_FORMATS


def write_reports(
    result: RunResult,
    out: Path,
    formats: Sequence[str] = REPORT_FORMATS,
    timestamp: str | None = None,
    advance: Callable[[], None] | None = None,
) -> list[Path]:
    """Write the reports; returns the paths written (index files last)."""
    stems = report_stems(f.path for f in result.files)
    prefix = common_prefix([f.path for f in result.files])
    written: list[Path] = []
    folder = out / FILES_DIR
    for file in result.files:
        view = file_view(result, file, stems, prefix)
        for fmt in formats:
            target = folder / f"{stems[file.path]}.{fmt}"
            _write(out, target, _FILE_RENDERERS[fmt](view, timestamp), durable=False)
            written.append(target)
        if advance is not None:
            advance()
    index = index_view(result, stems)
    for fmt in formats:
        target = out / f"index.{fmt}"
        _write(out, target, _INDEX_RENDERERS[fmt](index, timestamp))
        written.append(target)
    _prune(out, written)
    return written


MANIFEST = ".seedcheck-report.json"


def _prune(out: Path, written: Sequence[Path]) -> None:
    """Remove what the previous run wrote and this one did not, then list this run's files."""
    now = sorted(path.relative_to(out).as_posix() for path in written)
    for name in sorted(set(_previously_written(out)) - set(now)):
        stale = out / name
        if inside(out, stale) and stale.is_file() and not stale.is_symlink():
            stale.unlink()
    _write(out, out / MANIFEST, json.dumps({"written": now}, indent=1) + "\n")


def _previously_written(out: Path) -> list[str]:
    # A missing, unreadable or edited manifest removes nothing.
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["written"]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    return [name for name in listed if isinstance(name, str)] if isinstance(listed, list) else []


def _write(out: Path, target: Path, text: str, durable: bool = True) -> None:
    # Names come from `naming` and cannot escape; this guards against a future mistake.
    if not inside(out, target):
        raise RuntimeError(f"refusing to write outside {out}: {target}")
    write_atomic(target, text.encode("utf-8", "replace"), durable=durable)
