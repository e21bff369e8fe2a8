"""SC301 misplaced-quote-mark."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any, ClassVar

from seedcheck.checks.translation._marks import SPACES, body_marks, german_closers
from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext


class MisplacedQuoteMark(DocumentRule):
    """
    ## What it does
    Finds double quote marks on the wrong side of a space: a closing mark that stands after
    a space and/or is glued to the next word (`even further, ”said Peskov`), an opening
    mark glued to the word before it or followed by a space (`said:“ We`), and a straight
    `"` standing alone between two spaces. Curly marks face the way their glyph says (`“`
    also closes a German `„…“` quotation); a straight mark only counts when it touches
    neither the quotation nor the next word.

    ## Why it matters
    Machine translation and careless pasting move quote marks around. A misplaced mark
    makes quote extraction take the wrong text, or attribute it to the wrong speaker, and
    it shows that the text was not proof-read.

    ## Example
    ```text
    “We believe this will worsen the situation even further, ”said Kremlin spokesman Peskov.
    ```
    Write `even further,” said Kremlin spokesman Peskov.` (the suggested fix).
    """

    code = "SC301"
    name = "misplaced-quote-mark"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"max-reported": 50}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        # A pathological file must not flood the report: the first `max-reported` only.
        return islice(self._hits(doc, ctx), max(0, int(ctx.option("max-reported"))))

    def _hits(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        closers = german_closers(doc)
        # A `“` that the parser paired as a closer is a wrong-glyph closer: SC302 reports it.
        paired_closers = {q.close_mark.offset for q in doc.quotes if q.close_mark is not None}
        for offset, mark in body_marks(doc):
            before = text[offset - 1] if offset > 0 else "\n"
            after = text[offset + 1] if offset + 1 < len(text) else "\n"
            if mark == '"':
                if before in SPACES and after in SPACES:
                    yield Hit(
                        'Quote mark " stands alone between spaces; attach it to the quotation '
                        "it opens or closes",
                        Span(offset, offset + 1),
                        evidence=text[max(0, offset - 20) : offset + 20],
                    )
                continue
            closing = mark == "”" or offset in closers
            if not closing and mark == "“" and offset in paired_closers:
                continue
            if closing:
                yield from _closing(text, offset, mark, before, after)
            else:
                yield from _opening(text, offset, mark, before, after)


def _closing(text: str, offset: int, mark: str, before: str, after: str) -> Iterator[Hit]:
    detached = before in SPACES and offset >= 2 and not text[offset - 2].isspace()
    glued = after.isalpha()
    if not (detached or glued):
        return
    start = offset - 1 if detached else offset
    problem = (
        "stands after a space and is glued to the next word"
        if detached and glued
        else "stands after a space"
        if detached
        else "is glued to the next word"
    )
    yield Hit(
        f"Closing quote mark {mark} {problem}; it belongs right after the quoted text"
        + (", followed by a space" if glued else ""),
        Span(start, offset + 1),
        fix=Fix("Move the quote mark", mark + (" " if glued else "")),
    )


def _opening(text: str, offset: int, mark: str, before: str, after: str) -> Iterator[Hit]:
    detached = after in SPACES and offset + 2 < len(text) and text[offset + 2].isalnum()
    glued = before.isalnum()
    if not (detached or glued):
        return
    end = offset + 2 if detached else offset + 1
    problem = (
        "is glued to the word before it and followed by a space"
        if detached and glued
        else "is followed by a space"
        if detached
        else "is glued to the word before it"
    )
    yield Hit(
        f"Opening quote mark {mark} {problem}; it belongs right before the quoted text"
        + (", after a space" if glued else ""),
        Span(offset, end),
        fix=Fix("Move the quote mark", (" " if glued else "") + mark),
    )
