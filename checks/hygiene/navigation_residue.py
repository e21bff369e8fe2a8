"""SC602 navigation-residue."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.checks.hygiene.residue_patterns import residue_label
from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext


class NavigationResidue(DocumentRule):
    """
    ## What it does
    Finds lines of the web page that the scraper kept in the article: calls to action
    (`CLICK HERE TO READ MORE FROM ...`), related-content links (`Related Content`,
    `**Related article:** [...](#)`), newsletter and sharing prompts, `Advertisement`,
    cookie notices and other page furniture. A line is reported only when it is short and
    matches one of the curated patterns (`checks/hygiene/residue_patterns.py`) as a whole.

    ## Why it matters
    Residue is not part of the article, yet it reads as if it were: it pollutes
    summaries, language models trained on the seeds, and deduplication (the same
    `Related Content` line makes unrelated articles look alike).

    ## Example
    ```text
    CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER
    ```
    Delete the line.
    """

    code = "SC602"
    name = "navigation-residue"
    family = Family.HYGIENE
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        for start, end in residue_lines(doc):
            label = residue_label(text[start:end])
            yield Hit(
                f"Web page residue ({label}) left in the article; delete this line",
                Span(start, end),
                fix=Fix("Delete the line", ""),
            )


def residue_lines(doc: Document) -> Iterator[tuple[int, int]]:
    """(start, end) of each body line that is residue as a whole."""
    text = doc.text
    for paragraph in doc.paragraphs:
        start = paragraph.span.start
        while start < paragraph.span.end:
            end = text.find("\n", start, paragraph.span.end)
            end = paragraph.span.end if end == -1 else end
            line = text[start:end].rstrip()
            # Stripped on the right, the line is blank exactly when it is empty; the lead is
            # measured only for the few residue lines.
            if line and residue_label(line) is not None:
                yield start + len(line) - len(line.lstrip()), start + len(line)
            start = end + 1
