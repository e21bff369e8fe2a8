"""SC102 invalid-date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seedcheck.document import DateMention, DateOrigin, Document
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.parsing.dates import find_dates
from seedcheck.rules import DocumentRule, RuleContext

_DAY_ZERO = re.compile(r"(?<![\d-])0{1,2}(?!\d)")
_WHERE = {
    DateOrigin.FRONT_MATTER: "front-matter date",
    DateOrigin.HEADER: "header date",
    DateOrigin.DATE_LINE: "date line",
    DateOrigin.PUBLISHED_LINE: "'Published' line",
    DateOrigin.LABEL: "leaked date label",
}


class InvalidDate(DocumentRule):
    """
    ## What it does
    Reports a date that cannot exist (`February 30, 2021`, `2021-13-01`) or a date field that
    cannot be read as a full date (`Date: April 2021`, `date: soon`). Publication-date
    positions (front matter, `Date:` header, date line under the title, `Published:` line,
    leaked `date 2021-04-07` label) are errors; an impossible date in the article text is a
    warning, since it does not date the seed but is still a factual or transcription error.

    ## Why it matters
    An impossible publication date is worse than a missing one: the seed looks dated, so
    `missing-date` stays silent, yet nothing downstream can place it in time. In the text,
    "February 30" usually means a typo, an OCR slip or a translation that swapped day and
    month.

    ## Example
    ```text
    # Ukraine Urges NATO to Speed Up Membership

    February 30, 2021
    ```
    Correct the date to the day the article was published (here probably `March 2, 2021`
    or `February 3, 2021`; check the original).
    """

    code = "SC102"
    name = "invalid-date"
    family = Family.DATES
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        reported: list[tuple[int, int]] = []
        for mention in doc.dates:
            if mention.value is None:
                reported.append((mention.span.start, mention.span.end))
                yield Hit(_metadata_message(mention), mention.span)
        text = doc.text
        for found in find_dates(text, doc.body.start, doc.body.end):
            if found.value is not None or any(
                found.start < end and start < found.end for start, end in reported
            ):
                continue
            raw = text[found.start : found.end]
            if _DAY_ZERO.search(raw):
                continue  # "won 3-0 March 2005": a score before a month, not a date
            yield Hit(
                f"Impossible date '{raw}' in the text ({found.error}); "
                "check the original and correct it",
                Span(found.start, found.end),
                severity=Severity.WARNING,
            )


def _metadata_message(mention: DateMention) -> str:
    where = _WHERE.get(mention.origin, "date")
    reason = mention.error or "not a date"
    if "out of range" in reason or "must be in" in reason:
        return (
            f"Impossible {where} '{mention.raw}' ({reason}); "
            "correct it to the date the article was published"
        )
    if reason.startswith("incomplete"):
        return (
            f"Incomplete {where} '{_short(mention.raw)}': a publication date needs day, month "
            "and year; write the full date, e.g. 2021-04-06"
        )
    return (
        f"Unreadable {where} '{_short(mention.raw)}' ({_short(reason)}); "
        "write a full date such as 2021-04-06"
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
