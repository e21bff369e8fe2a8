"""SC501 unreadable-file."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.source import ReadProblemKind

_KINDS = (ReadProblemKind.UNREADABLE, ReadProblemKind.BINARY, ReadProblemKind.TOO_LARGE)


class UnreadableFile(DocumentRule):
    """
    ## What it does
    Reports a file that could not be read as text at all: it cannot be opened (permissions,
    a broken link), it looks binary (NUL or control bytes), or it is larger than
    `max-file-size` (default 8 MiB). Its content is not checked.

    ## Why it matters
    A PDF, an image or a truncated download saved with a `.txt` name is not a seed. Reporting
    it keeps it from slipping through every content rule unchecked.

    ## Example
    `scan_0042.txt` that is really a JPEG: "File looks binary (NUL or control bytes)".
    """

    code = "SC501"
    name = "unreadable-file"
    family = Family.ENCODING
    severity = Severity.ERROR
    needs_text = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for problem in doc.source.problems:
            if problem.kind in _KINDS:
                yield Hit(problem.message)
