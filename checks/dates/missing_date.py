"""SC101 missing-date."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext


class MissingDate(DocumentRule):
    """
    ## What it does
    Reports a seed in which no publication date can be found: no `date:` in front matter or
    a header block, no date line under the title, no dated dateline.

    ## Why it matters
    A seed is ground truth about a moment. Without a date, "the president said on Tuesday"
    cannot be placed in time, newer and older versions of a story cannot be told apart, and
    downstream systems silently treat stale news as current.

    ## Example
    ```text
    Ukraine pleads for rapid NATO entry with Russia on its doorstep

    Defense Secretary Lloyd Austin may have more to discuss ...
    ```
    Add the date the article was published, e.g. a `Date: 2021-04-06` header line.
    """

    code = "SC101"
    name = "missing-date"
    family = Family.DATES
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if not doc.dates:
            yield Hit("No publication date found")
