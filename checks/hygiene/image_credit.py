"""SC604 image-credit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seedcheck.document import Document, LinkKind, ParagraphKind
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# Photo agencies and picture desks that appear in credits.
_AGENCIES = (
    r"Getty Images|AFP|Reuters|AP(?: Photo)?|EPA|Shutterstock|PA(?: Media| Wire)?|Alamy|"
    r"Bloomberg|Sputnik|TASS|Xinhua|Anadolu|dpa|Zuma(?: Press)?|iStock|Wikimedia Commons"
)
# A whole line that is a caption or credit.
_CREDIT_LINE = re.compile(
    r"(?:(?:photo|image|picture|foto|video)(?: credit| caption| copyright)?s?\s?[:|/©]\s?.{1,120}"
    rf"|image (?:copyright|caption) .{{1,160}}"
    rf"|(?:credit|source|photo): (?:{_AGENCIES}).{{0,60}}"
    rf"|\(?(?:photo: )?(?:{_AGENCIES})(?:/[^)\n]{{1,60}}| via [^)\n]{{1,60}})?\)?)",
    re.IGNORECASE,
)
# A credit glued to the end of a paragraph: "... in eastern Ukraine. (Getty Images)".
_TRAILING_CREDIT = re.compile(
    rf"\s\((?:photo: |image: )?(?:{_AGENCIES})(?:/[^)\n]{{1,60}}| via [^)\n]{{1,60}})?\)$"
)
# Link text that is a bare host name (`president.gov.ua`): how image credits are linked.
_HOST = re.compile(r"(?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,12}", re.I)


class ImageCredit(DocumentRule):
    """
    ## What it does
    Finds image captions and credits left in the body: a line such as `Photo: Reuters`,
    `Image copyright Getty Images` or `(AP Photo/Efrem Lukatsky)`, a credit in brackets
    glued to the end of a paragraph (`... in eastern Ukraine. (Getty Images)`), and a
    credit link whose text is a bare host name glued after the last sentence of a
    paragraph (`... in eastern Ukraine. [president.gov.ua](https://www.president.gov.ua)`).

    ## Why it matters
    Captions and credits describe a picture the seed does not have. Glued to a sentence,
    they change it (`... eastern Ukraine. president.gov.ua`), and the credited site can be
    mistaken for the article's source.

    ## Example
    ```text
    Fears have been mounting of a major escalation of the conflict in eastern Ukraine. [president.gov.ua](https://www.president.gov.ua)
    ```
    Delete the credit link (the suggested fix keeps the sentence).
    """

    code = "SC604"
    name = "image-credit"
    family = Family.HYGIENE
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        hits: list[Hit] = []
        for paragraph in doc.paragraphs:
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            span = paragraph.span
            body = span.slice(text)
            if len(body) <= 200 and "\n" not in body and _CREDIT_LINE.fullmatch(body.strip()):
                hits.append(
                    Hit(
                        "Image caption or credit left in the article; delete this line",
                        span,
                        fix=Fix("Delete the line", ""),
                    )
                )
                continue
            # The credit ends the paragraph with `)` (before `$`): most paragraphs end
            # otherwise, and the search would try every space of the tail.
            if not body.endswith((")", ")\n")):
                continue
            trailing = _TRAILING_CREDIT.search(body[-200:])
            if trailing is not None:
                start = span.end - len(body[-200:]) + trailing.start()
                hits.append(_glued(Span(start, span.end), "Image credit"))
        ends = {p.span.end: p.span.start for p in doc.paragraphs}
        for link in doc.links:
            hit = _credit_link(doc, ends, link.span, link.kind, link.text)
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: h.span or Span(0, 0))
        yield from hits


def _credit_link(
    doc: Document, ends: dict[int, int], span: Span, kind: LinkKind, label: str | None
) -> Hit | None:
    """A Markdown link named by a host name, alone after the last sentence of a paragraph."""
    if kind is not LinkKind.MARKDOWN or label is None or not _HOST.fullmatch(label.strip()):
        return None
    start = ends.get(span.end)
    if start is None or start > span.start:
        return None
    lead = doc.text[max(start, span.start - 200) : span.start]
    before = lead.rstrip()
    if before and before[-1] in '.!?”"' and len(lead) > len(before):
        return _glued(Span(span.start - (len(lead) - len(before)), span.end), "Image credit link")
    return None


def _glued(span: Span, what: str) -> Hit:
    return Hit(
        f"{what} glued to the end of the paragraph; delete it",
        span,
        fix=Fix("Delete the credit", ""),
    )
