"""SC105 date-label-leak."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import DateOrigin, Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

_PREVIEW = 70
_START = 40


class DateLabelLeak(DocumentRule):
    """
    ## What it does
    Reports a metadata date label glued into the article text, like the first line
    ` date 2021-04-07 Brussels / Kiev / Moscow (dpa) – In view of ...`. The label is a
    `date`, `datum` or `published` word and an ISO date in front of the dateline. The date
    is still used as the publication date; the finding points at the label and its fix
    describes the cleaned line.

    ## Why it matters
    The label is scraping residue: a metadata field flattened into the text. Left in place,
    it becomes part of the first sentence that summarisers, translators and quote matchers
    read ("date 2021-04-07 Brussels ..."), and the date has no reliable metadata position,
    so other tools will not find it.

    ## Example
    ```text
     date 2021-04-07 Brussels / Kiev / Moscow (dpa) – In view of new attacks ...
    ```
    Move the date into metadata and start the text at the dateline:
    ```text
    ---
    date: 2021-04-07
    ---
    Brussels / Kiev / Moscow (dpa) – In view of new attacks ...
    ```
    """

    code = "SC105"
    name = "date-label-leak"
    family = Family.DATES
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        for mention in doc.dates:
            if mention.origin is not DateOrigin.LABEL or mention.label_span is None:
                continue
            span = Span(mention.label_span.start, mention.span.end)
            line_end = text.find("\n", mention.span.end)
            rest = text[mention.span.end : len(text) if line_end == -1 else line_end].strip()
            preview = rest if len(rest) <= _PREVIEW else rest[: _PREVIEW - 1] + "…"
            start = rest if len(rest) <= _START else rest[: _START - 1] + "…"
            used = "still used" if mention is doc.date else "recorded"
            yield Hit(
                f"Date label '{span.slice(text)}' is glued into the text (leaked metadata); "
                f"the date is {used} as the publication date, but move it to metadata "
                f"(front matter 'date: {mention.raw}') and start the line at '{start}'",
                span,
                fix=Fix(
                    f"Remove '{span.slice(text)}' from the line (cleaned line: "
                    f"'{preview}') and record 'date: {mention.raw}' in front matter"
                ),
            )
