"""Reading bytes: encodings, BOMs, line endings, binary, empty, unreadable and oversized files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seedcheck.source import ReadProblemKind, decode_source, read_source


def kinds(data: bytes) -> list[ReadProblemKind]:
    return [p.kind for p in decode_source("x", data).problems]


def test_utf8_with_bom_and_crlf() -> None:
    source = decode_source("x", b"\xef\xbb\xbfTitle\r\n\r\nBody \xc2\xa3.\r\n")
    assert source.encoding == "utf-8-sig"
    assert source.text.startswith("Title")
    assert source.problems == []
    assert source.line_text(1) == "Title"
    assert source.position(source.text.index("Body")) == (3, 1)


def test_latin1_is_decoded_and_located() -> None:
    source = decode_source("x", b"Line one\nPrice \xa3600m\n")
    assert source.encoding == "cp1252"
    assert source.text == "Line one\nPrice £600m\n"
    [problem] = source.problems
    assert problem.kind is ReadProblemKind.NOT_UTF8
    assert problem.offset is not None
    assert source.position(problem.offset) == (2, 7)


def test_binary_and_empty() -> None:
    assert kinds(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == [ReadProblemKind.BINARY]
    assert kinds(b"") == [ReadProblemKind.EMPTY]
    assert kinds(b" \n\t\n") == [ReadProblemKind.EMPTY]


def test_utf16_with_bom_is_read_but_reported() -> None:
    source = decode_source("x", "Hello world".encode("utf-16"))
    assert source.text == "Hello world"
    assert [p.kind for p in source.problems] == [ReadProblemKind.NOT_UTF8]


def test_too_large_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)
    source = read_source(big, max_bytes=1000)
    assert [p.kind for p in source.problems] == [ReadProblemKind.TOO_LARGE]
    assert source.size == 5000 and source.text == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    assert [p.kind for p in read_source(locked).problems] == [ReadProblemKind.UNREADABLE]


def test_dangling_symlink_is_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    source = read_source(link)
    assert [p.kind for p in source.problems] == [ReadProblemKind.UNREADABLE]
    assert "No such file" in source.problems[0].message


def test_position_clamps_and_counts_code_points() -> None:
    source = decode_source("x", "aé😀b\nc".encode())
    assert source.position(3) == (1, 4)
    assert source.position(10_000) == (2, 2)


def test_fifo_is_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    source = read_source(fifo)  # would block forever if opened
    assert [p.message for p in source.problems] == ["Not a regular file"]


def test_reading_many_files_keeps_no_mapping_per_file(tmp_path: Path) -> None:
    """A read buffer sized by max_bytes is mmapped; kept per file, 65k files exhaust
    vm.max_map_count and every later mmap (a library import) fails."""
    maps = Path(f"/proc/{os.getpid()}/maps")
    if not maps.exists():
        pytest.skip("needs /proc")
    for i in range(300):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\n\nBody text.\n", encoding="utf-8")
    before = len(maps.read_text().splitlines())
    sources = [read_source(tmp_path / f"{i}.txt") for i in range(300)]
    after = len(maps.read_text().splitlines())
    assert all(s.text.startswith("Title") for s in sources)
    assert after - before < 50
