"""SC601 empty-document."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.source import ReadProblemKind


class EmptyDocument(DocumentRule):
    """
    ## What it does
    Reports a seed file that is empty or holds only whitespace.

    ## Why it matters
    An empty seed usually means a scrape or an export failed. It passes every content check
    by having no content, and quietly shrinks the corpus.

    ## Example
    A zero-byte `042_ab12cd34.txt` committed next to the real seeds.
    """

    code = "SC601"
    name = "empty-document"
    family = Family.HYGIENE
    severity = Severity.ERROR
    needs_text = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for problem in doc.source.problems:
            if problem.kind is ReadProblemKind.EMPTY:
                yield Hit(problem.message)
