"""SC506 stray-bom."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

_BOM = "\ufeff"


class StrayBom(DocumentRule):
    """
    ## What it does
    Reports a byte order mark (U+FEFF) inside the text. A BOM at the very start of a
    UTF-8 file is accepted (and removed when the file is read); any other one is reported.

    ## Why it matters
    A BOM in the middle of a file is the seam where two files were concatenated. It is
    invisible, yet it makes a word differ from itself (`\\ufeffNATO` != `NATO`), so search,
    deduplication and quote matching miss it.

    ## Example
    Two scraped pages joined with `cat a.txt b.txt > seed.txt`, each with its own BOM: the
    second one ends up at the start of a line in the middle of the seed. Delete it.
    """

    code = "SC506"
    name = "stray-bom"
    family = Family.ENCODING
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"max-reported": 10}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        limit = int(ctx.option("max-reported"))
        at = text.find(_BOM)
        reported = 0
        while at != -1 and reported < limit:
            reported += 1
            yield Hit(
                "Byte order mark (U+FEFF) inside the text, usually where two files were "
                "joined; delete it",
                Span(at, at + 1),
                fix=Fix("Delete the byte order mark", ""),
                evidence="U+FEFF",
            )
            at = text.find(_BOM, at + 1)
