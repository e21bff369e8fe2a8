"""SC401 repeated-quote."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.document import Document, Quote
from seedcheck.model import Family, Hit, Related, Severity
from seedcheck.rules import DocumentRule, RuleContext

from .text import words


class RepeatedQuote(DocumentRule):
    """
    ## What it does
    Reports a quotation that appears twice in one document, compared after normalising quote
    marks, case, punctuation and spacing. The finding is on the second occurrence and points
    at the first. Quotes shorter than `min_words` words are ignored (scare quotes).

    ## Why it matters
    A quote repeated inside one article is a scraping or editing accident: a paragraph
    pasted twice, an updated story concatenated with its earlier version. It inflates the
    quote's weight and duplicates text that downstream tools count.

    ## Example
    ```text
    "We remain committed to our close partnership," he said.
    ...
    “We remain committed to our close partnership,” Stoltenberg added.
    ```
    """

    code = "SC401"
    name = "repeated-quote"
    family = Family.QUOTES
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"min_words": 6}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        first: dict[tuple[str, ...], Quote] = {}
        for quote in doc.quotes:
            if quote.nested:
                continue
            key = tuple(words(quote.text))
            if len(key) < ctx.option("min_words"):
                continue
            earlier = first.setdefault(key, quote)
            if earlier is quote:
                continue
            line = doc.source.position(earlier.span.start)[0]
            yield Hit(
                f"Quote repeats the quote at line {line}",
                quote.span,
                related=(Related(doc.path, line, "first occurrence"),),
            )
