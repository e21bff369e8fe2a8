"""Collecting targets from folders: the same files, paths and display names as the walk
with pathlib that the string-based walk replaced (kept here as the reference)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedcheck.discovery import Target, _display, collect, matches


def _reference_walk(
    root: Path, include: tuple[str, ...], exclude: tuple[str, ...]
) -> Iterator[Target]:
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = Path(folder) / name
            relative = full.relative_to(root).as_posix()
            if matches(relative, include) and not matches(relative, exclude):
                yield Target(full, _display(str(full)))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for relative in [
        "a.txt", "b.md", "sub/c.txt", "sub/deeper/d.txt", "sub/deeper/e.TXT", ".hidden/f.txt",
        "sub/.dot/g.txt", "other/h.txt", "other/skip_me.txt", "z y/i.txt",
    ]:  # fmt: skip
        path = tmp_path / "corpus" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("given", ["corpus", "corpus/", "./corpus", "corpus//sub/..", "ABS"])
@pytest.mark.parametrize(
    ("include", "exclude"),
    [(("*.txt",), ()), (("*",), ("skip_*",)), (("sub/*.txt", "*.md"), ("*/deeper/*",))],
)
def test_the_walk_finds_what_the_pathlib_walk_found(
    tree: Path, given: str, include: tuple[str, ...], exclude: tuple[str, ...]
) -> None:
    raw = str(tree / "corpus") if given == "ABS" else given
    expected = list(_reference_walk(Path(raw), include, exclude))
    found = collect([raw], include, exclude)
    assert found == expected
    assert [str(t.path) for t in found] == [str(t.path) for t in expected]
    assert found  # every case finds something
