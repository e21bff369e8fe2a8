"""SC206 url-date-mismatch."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.checks.provenance._urls import UrlDate, url_path_date
from seedcheck.config import ConfigError
from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext


class UrlDateMismatch(DocumentRule):
    """
    ## What it does
    Compares the date written in the source URL's path (`/2021/04/06/`, `/2021/apr/06/`,
    `/2021-04-06/`, `20210406`, or a month only, `/2021/04/`) with the document's
    publication date. It reports them when they are more than `tolerance-days` apart
    (default 1: print and web editions, and time zones, often differ by a day; for a
    month-only URL the date must fall in that month, with the same slack). A URL date that
    cannot exist (`/2021/02/30/`) is reported whether or not the document has a date.

    ## Why it matters
    The URL date is set by the publisher's system when the article goes online, so it is
    the best independent witness of the publication date. A contradiction means the seed's
    date, or its URL, belongs to another article or version: one of them is wrong.

    ## Example
    ```text
    April 09, 2021
    ...
    Original url:

    <https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>
    ```
    Check the original page and correct the date or the URL.
    """

    code = "SC206"
    name = "url-date-mismatch"
    family = Family.PROVENANCE
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Any]] = {"tolerance-days": 1}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        tolerance = _days(ctx.option("tolerance-days"), self.code)
        for url in doc.source_urls:
            found = url_path_date(url.value)
            if found is None:
                continue
            span = Span(url.span.start + found.start, url.span.start + found.end)
            raw = span.slice(doc.text)
            if found.value is None:
                yield Hit(
                    f"Source URL date '{raw}' cannot exist ({found.error}); the URL is "
                    "corrupted: copy it again from the original",
                    span,
                )
                continue
            date = doc.date
            if date is None or date.value is None:
                continue
            gap = _gap(found, date.value)
            if gap <= tolerance:
                continue
            line = doc.source.position(date.span.start)[0]
            days = f"{gap} day{'s' if gap != 1 else ''}"
            what = "month" if found.day is None else "date"
            yield Hit(
                f"Source URL {what} '{raw}' is {days} away from the publication date "
                f"'{date.raw}' (line {line}); one of them belongs to another article or "
                "version: check the original and correct it",
                span,
                related=(Related(doc.path, line, f"publication date '{date.raw}'"),),
            )


def _gap(found: UrlDate, value: dt.date) -> int:
    """Days between the document date and the URL date (or the URL month's nearest day)."""
    assert found.value is not None
    first: dt.date = found.value
    if found.day is not None:
        return abs((value - first).days)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if value < first:
        return (first - value).days
    return max(0, (value - last).days)


def _days(value: Any, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"rules.{code}.tolerance-days: {value!r} must be a whole number >= 0")
    return value
