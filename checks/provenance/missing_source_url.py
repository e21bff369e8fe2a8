"""SC201 missing-source-url."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext


class MissingSourceUrl(DocumentRule):
    """
    ## What it does
    Reports a seed that does not say where it came from: no `url:`/`source:` URL in its
    metadata and no `Original url:` (or `Source:`/`URL:`) line at its end.

    ## Why it matters
    Without the source URL nobody can verify the text against the original, find a newer
    version, or tell syndicated copies of one story from independent reports.

    ## Example
    A dpa story that ends with its last paragraph and no link. Add a footer:
    ```text
    Original url:

    <https://www.example.com/2021/04/07/nato-assures-kiev-of-solidarity>
    ```
    """

    code = "SC201"
    name = "missing-source-url"
    family = Family.PROVENANCE
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if not doc.source_urls:
            yield Hit("No source URL found (expected an 'Original url:' footer or a url: field)")
