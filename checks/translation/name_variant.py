"""SC310 name-variant."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

from .names import name_tokens, variant_groups


class NameVariant(DocumentRule):
    """
    ## What it does
    Reports a name spelled in more than one way inside one document, where the spellings
    differ the way transliterations do: the ending -i / -y / -iy / -yi (Zelensky, Zelenskyi)
    or g / h between vowels (Lugansk, Luhansk). The message names each spelling with its
    lines; the finding is on the first use of the second spelling.

    ## Why it matters
    Mixed spellings inside one article are the trace of machine translation or of text
    merged from several sources. Search, entity linking and counting see two people where
    there is one.

    ## Example
    ```text
    “I called President Volodymyr Zelenskyi ...,” said Stoltenberg. Zelensky himself ...
    ```
    Pick one spelling (the outlet's style guide decides) and use it throughout.
    """

    code = "SC310"
    name = "name-variant"
    family = Family.TRANSLATION
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        offsets: dict[str, list[int]] = {}
        for token, offset in name_tokens(doc.text, doc.body.start, doc.body.end):
            offsets.setdefault(token, []).append(offset)
        for group in variant_groups(list(offsets)):
            lines = {
                s: sorted({doc.source.position(o)[0] for o in offsets[s]}) for s in group.spellings
            }
            described = ", ".join(
                f"{s} (line{'s' if len(lines[s]) > 1 else ''} {', '.join(map(str, lines[s]))})"
                for s in group.spellings
            )
            second = group.spellings[1]
            start = offsets[second][0]
            related = tuple(
                Related(doc.path, lines[s][0], s) for s in group.spellings if s != second
            )
            yield Hit(
                f"Name spelled {len(group.spellings)} ways: {described}",
                Span(start, start + len(second)),
                related=related,
            )
