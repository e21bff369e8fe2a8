"""SC502 not-utf8."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.source import ReadProblemKind


class NotUtf8(DocumentRule):
    """
    ## What it does
    Reports a seed that is not valid UTF-8: once for the file, with the number of invalid
    bytes, at the first one, then at each of the next few invalid bytes (`max-reported`
    in all), so that a stray byte in an otherwise UTF-8 file can be found at its line.
    The file is still decoded (invalid bytes as cp1252) so that the other rules can run.

    ## Why it matters
    Readers that assume UTF-8 either crash on such a file or replace characters silently:
    `£600m` becomes `�600m`. One stray Latin-1 byte in an otherwise UTF-8 file is a classic
    sign of text pasted together from different sources.

    ## Example
    A BBC article saved in ISO-8859-1, where `£` is the single byte 0xA3. Re-save the file
    as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).
    """

    code = "SC502"
    name = "not-utf8"
    family = Family.ENCODING
    severity = Severity.ERROR
    needs_text = False
    options: ClassVar[dict[str, Any]] = {"max-reported": 5}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        limit = max(1, int(ctx.option("max-reported")))
        text = doc.text
        for problem in doc.source.problems:
            if problem.kind is not ReadProblemKind.NOT_UTF8:
                continue
            span = None
            if problem.offset is not None and problem.offset < len(text):
                span = Span(problem.offset, problem.offset + 1)
            yield Hit(problem.message, span)
            for offset in problem.offsets[1:limit]:
                if offset < len(text):
                    char = text[offset]
                    yield Hit(
                        f"Invalid UTF-8 byte 0x{_byte_of(char):02X} (read as {char!r})",
                        Span(offset, offset + 1),
                    )


def _byte_of(char: str) -> int:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return char.encode("latin-1", "replace")[0]
