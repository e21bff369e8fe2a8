"""Reading a seed file: bytes in, decoded text with a line index out.

Nothing here raises on bad input. Problems met while reading (unreadable, binary, not
UTF-8, too large, empty) are recorded as `ReadProblem`s that the encoding and hygiene
rules turn into findings.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from seedcheck.pickling import PickleByFields

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
_BINARY_SNIFF_BYTES = 8192
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
MAX_BAD_OFFSETS = 100  # invalid UTF-8 bytes located per file; the rest are only counted
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# C0 control bytes that do not occur in text files (tab, newlines, form feed, ESC allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class ReadProblemKind(StrEnum):
    UNREADABLE = "unreadable"
    TOO_LARGE = "too-large"
    BINARY = "binary"
    NOT_UTF8 = "not-utf8"
    EMPTY = "empty"


# Problems that leave no text worth parsing.
_BLOCKING = frozenset(
    [ReadProblemKind.UNREADABLE, ReadProblemKind.TOO_LARGE, ReadProblemKind.BINARY]
)


@dataclass(frozen=True, slots=True)
class ReadProblem(PickleByFields):
    kind: ReadProblemKind
    message: str
    offset: int | None = None  # character offset in the decoded text, when it has a place
    # NOT_UTF8 only: offsets (in the decoded text) of the first invalid bytes, and how many
    # invalid bytes the file holds in all.
    offsets: tuple[int, ...] = ()
    count: int = 0


@dataclass(slots=True)
class Source(PickleByFields):
    path: str
    data: bytes
    text: str
    encoding: str | None
    size: int
    problems: list[ReadProblem] = field(default_factory=list)
    # Offsets of line starts; a packed array (8 bytes a line, not 36 as a list of ints): the
    # cross-file rules keep every document's source of a large corpus in memory.
    _line_starts: array[int] = field(default_factory=lambda: array("q"), repr=False)
    # blake2b of `data`, kept when `data` is dropped (`without_bytes`).
    _digest: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if len(self._line_starts):
            return  # copied from another Source of the same text
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = array("q", starts)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def digest(self) -> str:
        """A short hash of the file's bytes (blake2b, 128 bits), valid after `without_bytes`."""
        if self._digest is None:
            return hashlib.blake2b(self.data, digest_size=16).hexdigest()
        return self._digest

    def without_bytes(self) -> Source:
        """The same source without its raw bytes (text, lines and digest kept), for holding
        many sources at once: the bytes are needed only until the document is checked."""
        return Source(
            self.path,
            b"",
            self.text,
            self.encoding,
            self.size,
            self.problems,
            self._line_starts,
            self.digest(),
        )

    @property
    def readable(self) -> bool:
        """True when the text is worth parsing (decoded, not binary, not oversized)."""
        return not any(p.kind in _BLOCKING for p in self.problems)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]


def read_source(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Source:
    """Read and decode one file; never raises for problems of the file itself."""
    name = display if display is not None else str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO or a device would block or stream forever.
            problem = ReadProblem(ReadProblemKind.UNREADABLE, "Not a regular file")
            return Source(name, b"", "", None, 0, [problem])
        # Plain os calls rather than a buffered file object: io.open adds an fstat, an
        # isatty ioctl and an lseek, and its layers, to every file of a run.
        fd = os.open(path, os.O_RDONLY)
        try:
            # Ask for no more than the file holds: a read(max_bytes + 1) buffer is mmapped by
            # malloc and, shrunk to the data, stays one mapping per file, so a run over 65k+
            # files hits the kernel's map limit (vm.max_map_count) and later mmaps fail. The
            # size is only the first read's length: the bytes read are the file's first
            # max_bytes + 1 whatever it says, so a file that changed since is read right.
            expected = info.st_size
            data = _read_upto(fd, min(expected, max_bytes) + 1)
            if len(data) == expected + 1 and expected < max_bytes:
                data += _read_upto(fd, max_bytes - expected)  # the file grew while we read
            size = len(data)
            if size > max_bytes:
                size = os.lseek(fd, 0, os.SEEK_END)
        finally:
            os.close(fd)
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        problem = ReadProblem(ReadProblemKind.UNREADABLE, f"Cannot read file: {reason}")
        return Source(name, b"", "", None, 0, [problem])
    if size > max_bytes:
        return too_large_source(name, size, max_bytes)
    return decode_source(name, data)


def _read_upto(fd: int, count: int) -> bytes:
    """The next `count` bytes of a file, fewer only at its end (as a buffered read gives)."""
    parts: list[bytes] = []
    while count > 0:
        chunk = os.read(fd, count)
        if not chunk:
            break
        parts.append(chunk)
        count -= len(chunk)
    return b"".join(parts)  # a single part is returned as it is, not copied


def too_large_source(name: str, size: int, max_bytes: int) -> Source:
    """A file over the size limit: recorded, never read (engines that list sizes use it too)."""
    problem = ReadProblem(
        ReadProblemKind.TOO_LARGE,
        f"File is {_human(size)}, over the {_human(max_bytes)} limit (max-file-size); "
        "it was not checked",
    )
    return Source(name, b"", "", None, size, [problem])


def decode_source(name: str, data: bytes) -> Source:
    """Decode bytes the way a seed reader should: UTF-8 (BOM allowed), else say so."""
    if _looks_binary(data):
        problem = ReadProblem(
            ReadProblemKind.BINARY, "File looks binary (NUL or control bytes), not a text seed"
        )
        return Source(name, data, "", None, len(data), [problem])
    problems: list[ReadProblem] = []
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return _decode_fallback(name, data, problems)
    elif data.startswith(_UTF16_BOMS):
        text, encoding = _decode_utf16(data)
        problems.append(
            ReadProblem(ReadProblemKind.NOT_UTF8, f"File is {encoding}, not UTF-8", None)
        )
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return _decode_fallback(name, data, problems)
    if is_blank(text):
        problems.append(ReadProblem(ReadProblemKind.EMPTY, _empty_message(data)))
    return Source(name, data, text, encoding, len(data), problems)


def is_blank(text: str) -> bool:
    """`not text.strip()` without copying the text: empty or only whitespace."""
    return not text or text.isspace()


def _decode_fallback(name: str, data: bytes, problems: list[ReadProblem]) -> Source:
    """Not UTF-8: locate the invalid bytes, then decode what can be decoded.

    A file that is mostly UTF-8 keeps its valid characters and only the invalid bytes are
    read as cp1252 (so `é` stays `é` next to a stray `£`); any other file is read as
    cp1252 (or Latin-1). Either way each invalid byte becomes exactly one character, so the
    offsets found in the surrogate-escaped decoding are offsets into the final text.
    """
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    escaped = data[start:].decode("utf-8", "surrogateescape")
    bad = list(_ESCAPED_BYTE.finditer(escaped))
    offsets = tuple(m.start() for m in bad[:MAX_BAD_OFFSETS])
    offset = offsets[0] if offsets else None
    first = ""
    if offset is not None:
        value = f"0x{ord(escaped[offset]) - 0xDC00:02X}"
        first = f", the first {value} here" if len(bad) > 1 else f" ({value}) here"
    if _utf8_valid_share(data[start:]) > 0.0:
        encoding = "utf-8+cp1252"
        text = _ESCAPED_BYTE.sub(_single_byte_char, escaped)
        message = (
            f"File is UTF-8 except for {_plural(len(bad), 'invalid byte')}{first}; "
            "those were read as cp1252. Re-save it as UTF-8"
        )
    else:
        encoding = "cp1252"
        try:
            text = data[start:].decode(encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            text = data[start:].decode(encoding)
        message = (
            f"File is not valid UTF-8: {_plural(len(bad), 'non-UTF-8 byte')}{first}; "
            f"read as {encoding}. Re-save it as UTF-8"
        )
    problems.append(ReadProblem(ReadProblemKind.NOT_UTF8, message, offset, offsets, len(bad)))
    if is_blank(text):
        problems.append(ReadProblem(ReadProblemKind.EMPTY, _empty_message(data)))
    return Source(name, data, text, encoding, len(data), problems)


def _single_byte_char(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _utf8_valid_share(data: bytes) -> float:
    """Share of non-ASCII sequences that are valid UTF-8 multi-byte characters."""
    decoded = data.decode("utf-8", "replace")
    non_ascii = sum(1 for ch in decoded if ord(ch) > 127)
    if not non_ascii:
        return 0.0
    return 1.0 - decoded.count("\ufffd") / non_ascii


def _decode_utf16(data: bytes) -> tuple[str, str]:
    encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    return data[2:].decode(encoding, "replace"), encoding


def _looks_binary(data: bytes) -> bool:
    head = data[:_BINARY_SNIFF_BYTES]
    if not head or head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.1


def _empty_message(data: bytes) -> str:
    if not data:
        return "File is empty"
    return "File has no text, only whitespace"


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"
