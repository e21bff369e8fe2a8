"""SC603 injected-headline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.checks.hygiene.residue_patterns import residue_label
from seedcheck.document import Document, ParagraphKind
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

_WORD = re.compile(r"[^\W\d_]{2,}(?:['’][^\W\d_]{1,3})?")


class InjectedHeadline(DocumentRule):
    """
    ## What it does
    Finds a headline of another story injected into the body: a single-line paragraph
    written in capitals (`MILITARIZATION OF CRIMEA HEIGHTENS THREAT TO NATO’S
    SOUTHEASTERN FLANK`), with at least `min-words` words, between the article's
    paragraphs. Markdown headings (`## ...`) are the article's own and are not reported,
    nor are lines in capitals when the document has several (section headings, e.g. the
    titles of the games in a review); call-to-action lines are SC602's.

    ## Why it matters
    News sites interleave teasers for other stories in the article body. Kept in a seed,
    such a headline is read as part of the story, and it names events the story never
    covered.

    ## Example
    ```text
    ...to notify when military exercises are underway.

    MILITARIZATION OF CRIMEA HEIGHTENS THREAT TO NATO’S SOUTHEASTERN FLANK

    Kirby clarified to the Washington Examiner that...
    ```
    Delete the headline line.
    """

    code = "SC603"
    name = "injected-headline"
    family = Family.HYGIENE
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"min-words": 4}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        min_words = int(ctx.option("min-words"))
        text = doc.text
        capitals = []
        for paragraph in doc.paragraphs:
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            line = paragraph.span.slice(text)
            if "\n" in line or len(line) > 200 or not _all_caps(line, 2):
                continue
            if residue_label(line) is None:
                capitals.append(paragraph)
        if len(capitals) != 1:
            return  # several lines in capitals are the article's own section headings
        for paragraph in capitals:
            if not _all_caps(paragraph.span.slice(text), min_words):
                continue
            yield Hit(
                "Headline of another story (a line in capitals) inside the article; delete it",
                Span(paragraph.span.start, paragraph.span.end),
                fix=Fix("Delete the line", ""),
            )


def _all_caps(line: str, min_words: int) -> bool:
    found = _WORD.findall(line)
    if len(found) < min_words or line.rstrip().endswith((".", ",", ";")):
        return False
    letters = [c for c in line if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return bool(letters) and upper / len(letters) >= 0.9
