"""Which files a Spark run checks, under which names, in which order (no pyspark here).

Local paths are listed by seedcheck.discovery, the local engine's own code, so both
engines agree. Inputs given as URIs (`hdfs://`, `s3a://`, `file:///`) cannot be walked by
the driver: Spark lists them, and the same include/exclude and hidden-folder rules and the
same order (a folder's files, sorted, before its sub-folders) are applied to its listing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from seedcheck.config import Config
from seedcheck.discovery import Target, collect, matches

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class Item:
    uri: str  # how Spark's file source names the file
    display: str  # how the output names it
    is_target: bool
    target: Target | None = None  # a local file, which the driver can read itself
    length: int | None = None  # the size Spark listed (URI inputs)


def is_uri(path: str) -> bool:
    return bool(_URI.match(path))


def spark_uri(path: Path) -> str:
    """How Spark's file source names a local file: `file:/abs/path`, not percent-encoded."""
    return "file:" + os.path.abspath(path)


def local_items(
    paths: Sequence[str], corpus: Sequence[str], config: Config, with_reference: bool
) -> list[Item]:
    """Targets, then reference files (only when a cross-file rule will read them)."""
    targets = collect(paths, config.include, config.exclude)
    shown = {t.display for t in targets}
    reference = collect(corpus, config.include, config.exclude) if with_reference else []
    return [Item(spark_uri(t.path), t.display, True, t) for t in targets] + [
        Item(spark_uri(t.path), t.display, False, t) for t in reference if t.display not in shown
    ]


def uri_items(
    listed: Iterable[tuple[str, int]],
    paths: Sequence[str],
    corpus: Sequence[str],
    config: Config,
    with_reference: bool,
) -> list[Item]:
    """The same for URI inputs, from Spark's listing of them: (uri, length) pairs."""
    listed = sorted(set(listed))
    targets = _under_roots(listed, paths, config, True)
    shown = {i.display for i in targets}
    if not with_reference:
        return targets
    reference = _under_roots(listed, corpus, config, False)
    return targets + [i for i in reference if i.display not in shown]


def _under_roots(
    listed: Sequence[tuple[str, int]], roots: Sequence[str], config: Config, is_target: bool
) -> list[Item]:
    seen: set[str] = set()
    items: list[Item] = []
    for root in roots:
        base = root.rstrip("/")
        root_parts = urlsplit(base)
        found: list[tuple[tuple[tuple[int, str], ...], Item]] = []
        for uri, length in listed:
            relative = _relative(urlsplit(uri), root_parts)
            if relative is None or uri in seen:
                continue
            if relative == "":  # the root is this file: named files skip the include globs
                if not matches(Path(uri).name, config.exclude):
                    found.append(((), Item(uri, base, is_target, length=length)))
                continue
            parts = relative.split("/")
            if any(p.startswith(".") for p in parts[:-1]):
                continue  # hidden folders are skipped, as when walking local folders
            if matches(relative, config.include) and not matches(relative, config.exclude):
                key = (*((1, p) for p in parts[:-1]), (0, parts[-1]))  # os.walk's order
                found.append((key, Item(uri, f"{base}/{relative}", is_target, length=length)))
        for _, item in sorted(found, key=lambda pair: pair[0]):
            seen.add(item.uri)
            items.append(item)
    return items


def _relative(uri: tuple[str, ...], root: tuple[str, ...]) -> str | None:
    """`uri`'s path below `root` ('' when it is the root), or None when it is elsewhere.

    A root without authority (`file:///x`, `hdfs:///x`: the default file system) matches
    any; Spark writes `file:/x` and `hdfs://namenode:8020/x` in its listings.
    """
    scheme, netloc, path = uri[0], uri[1], uri[2]
    if scheme != root[0] or (root[1] and netloc != root[1]):
        return None
    top = root[2].rstrip("/")
    if path == top:
        return ""
    if path.startswith(top + "/"):
        return path[len(top) + 1 :]
    return None
