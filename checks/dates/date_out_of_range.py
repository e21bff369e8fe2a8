"""SC103 date-out-of-range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.checks.dates._options import date_option, days_option, today
from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext


class DateOutOfRange(DocumentRule):
    """
    ## What it does
    Reports a publication date (front matter, `Date:` header, date line, `Published:` line,
    leaked date label) that lies in the future or before a floor. "Future" is relative to
    the run's today, with `future-grace-days` (default 1) of slack because an article
    published in Asia is dated "tomorrow" in UTC. The floor is `earliest` (default
    `1990-01-01`, before which there was no web news to scrape).

    ## Why it matters
    A future date is a typo (`2012` for `2021`), a day/month swap, or a scraper that stored
    the crawl schedule; a date before the floor is usually a year typo or a default value
    (`1970-01-01` from a zero timestamp). Either way the seed is placed at the wrong moment.

    ## Example
    ```text
    Date: 2201-04-06
    ```
    Fix the year. Options:
    ```toml
    [tool.seedcheck.rules.date-out-of-range]
    earliest = "2000-01-01"
    future-grace-days = 0
    ```
    """

    code = "SC103"
    name = "date-out-of-range"
    family = Family.DATES
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Any]] = {"earliest": "1990-01-01", "future-grace-days": 1}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        earliest = date_option(ctx, "earliest", self.code)
        now = today(ctx)
        latest = now + dt.timedelta(days=days_option(ctx, "future-grace-days", self.code))
        for mention in doc.dates:
            value = mention.value
            if value is None:
                continue  # invalid-date reports it
            shown = f"'{mention.raw}'"
            if mention.raw.strip() != value.isoformat():
                shown += f" ({value.isoformat()})"
            if value > latest:
                yield Hit(
                    f"Publication date {shown} is in the future "
                    f"(today is {now.isoformat()}); check the year and the day/month order",
                    mention.span,
                )
            elif value < earliest:
                yield Hit(
                    f"Publication date {shown} is before "
                    f"{earliest.isoformat()} (option 'earliest'); check the year, or lower "
                    "the floor if old articles are expected",
                    mention.span,
                )
