"""Where double quote marks stand in the body, and which way each one faces.

Shared by the quote-mark rules. Curly marks face the way their glyph says (`„` and `“`
open, `”` closes; `“` also closes a German `„…“` quotation); straight marks face no way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seedcheck.document import Document, ParagraphKind

SPACES = " \t\u00a0"
CURLY = "“”„"
# The regex engine finds the few marks in a paragraph far faster than a loop over its
# characters in Python.
_DOUBLE_MARK = re.compile(f'[{CURLY}"]')


def body_marks(doc: Document) -> Iterator[tuple[int, str]]:
    """(offset, mark) of every double quote mark in the text paragraphs, in order."""
    text = doc.text
    for paragraph in doc.paragraphs:
        if paragraph.kind is not ParagraphKind.TEXT:
            continue
        for match in _DOUBLE_MARK.finditer(text, paragraph.span.start, paragraph.span.end):
            yield match.start(), match.group()


def german_closers(doc: Document) -> frozenset[int]:
    """Offsets of `“` marks that close a quotation opened with `„`."""
    return frozenset(
        q.close_mark.offset
        for q in doc.quotes
        if q.close_mark is not None and q.open_mark.char == "„" and q.close_mark.char == "“"
    )
