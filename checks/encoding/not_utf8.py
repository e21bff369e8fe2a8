"""SC502 not-utf8."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.source import ReadProblemKind


class NotUtf8(DocumentRule):
    """
    ## What it does
    Reports a seed that is not valid UTF-8, at the first offending byte. The file is still
    decoded (as cp1252 or Latin-1) so that the other rules can run on it.

    ## Why it matters
    Readers that assume UTF-8 either crash on such a file or replace characters silently:
    `£600m` becomes `�600m`. One stray Latin-1 byte in an otherwise UTF-8 file is a classic
    sign of text pasted together from different sources.

    ## Example
    A BBC article saved in ISO-8859-1, where `£` is the single byte 0xA3.
    """

    code = "SC502"
    name = "not-utf8"
    family = Family.ENCODING
    severity = Severity.ERROR
    needs_text = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for problem in doc.source.problems:
            if problem.kind is ReadProblemKind.NOT_UTF8:
                span = None
                if problem.offset is not None and problem.offset < len(doc.text):
                    span = Span(problem.offset, problem.offset + 1)
                yield Hit(problem.message, span)
