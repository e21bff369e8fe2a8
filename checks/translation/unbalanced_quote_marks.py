"""SC302 unbalanced-quote-marks."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any, ClassVar

from seedcheck.checks.translation._marks import SPACES
from seedcheck.document import Document, Quote
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.parsing.quotes import CLOSERS
from seedcheck.rules import DocumentRule, RuleContext

_CURLY_OPENERS = "“„«»"


class UnbalancedQuoteMarks(DocumentRule):
    """
    ## What it does
    Finds quotation marks that do not pair up: a quotation that is never closed, a closing
    mark `”` that closes nothing, and a quotation closed with the wrong mark (`„…”`,
    `“…“`, `“…"`). A paragraph that ends inside a quotation and is followed by a paragraph
    that re-opens it is correct news style and is not reported. Straight `"` marks are
    only checked when the option `straight-quotes` is on: they do not say whether they
    open or close, so one missing mark shifts every pairing after it, and corpora such as
    the BBC one, whose paragraphs were joined, read as unbalanced everywhere.

    ## Why it matters
    Unbalanced quote marks make a quotation swallow the narration after it (or lose its
    start), so the quote extracted from the seed, and its speaker, are wrong. Machine
    translation from German leaves `„…”` and `“…“` pairs behind.

    ## Example
    ```text
    „We deeply doubt that this will help,” said Peskov.
    ```
    The quotation opens with a German `„` and closes with an English `”`: use `“…”`.
    """

    code = "SC302"
    name = "unbalanced-quote-marks"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"straight-quotes": False, "max-reported": 50}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        # A pathological file must not flood the report: the first `max-reported` only.
        return islice(self._hits(doc, ctx), max(0, int(ctx.option("max-reported"))))

    def _hits(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        straight = bool(ctx.option("straight-quotes"))
        hits: list[Hit] = []
        reopened: list[int] = []  # offsets of marks read as "a new quotation opens here"
        for quote in doc.quotes:
            if quote.nested or (quote.open_mark.char == '"' and not straight):
                continue
            hit = _judge(text, quote)
            if hit is not None:
                hits.append(hit)
                if hit.message.startswith("A new quotation") and quote.close_mark is not None:
                    reopened.append(quote.close_mark.offset)
        for mark in doc.stray_quote_marks:
            # The `”` that ends a quotation re-opened too early is part of that finding.
            if any(_same_paragraph(doc, at, mark.offset) for at in reopened if at < mark.offset):
                continue
            hits.append(
                Hit(
                    f"Closing quote mark {mark.char} closes no quotation; add the opening mark "
                    "or delete it",
                    Span(mark.offset, mark.offset + 1),
                )
            )
        hits.sort(key=lambda h: h.span or Span(0, 0))
        yield from hits


def _same_paragraph(doc: Document, first: int, second: int) -> bool:
    return any(p.span.start <= first and second < p.span.end for p in doc.paragraphs)


def _judge(text: str, quote: Quote) -> Hit | None:
    opened = quote.open_mark
    where = Span(opened.offset, opened.offset + 1)
    closed = quote.close_mark
    if closed is None:
        return Hit(
            f"Quotation opened with {opened.char} is never closed; add the closing mark "
            "where the quoted words end",
            where,
        )
    proper = CLOSERS[opened.char][0]
    if closed.char == proper or (opened.char not in _CURLY_OPENERS and closed.char == '"'):
        return None
    at = Span(closed.offset, closed.offset + 1)
    before = text[closed.offset - 1] if closed.offset else " "
    after = text[closed.offset + 1] if closed.offset + 1 < len(text) else " "
    if closed.char == opened.char and before in SPACES and after.isalnum():
        return Hit(
            f"A new quotation opens with {closed.char} before the one opened with "
            f"{opened.char} was closed; close the first quotation",
            at,
        )
    return Hit(
        f"Quotation opened with {opened.char} is closed with {closed.char}; close it with {proper}",
        at,
    )
