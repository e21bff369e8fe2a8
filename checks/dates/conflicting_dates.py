"""SC104 conflicting-dates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.checks.dates._options import days_option
from seedcheck.document import DateMention, DateOrigin, Document
from seedcheck.model import Family, Hit, Related, Severity
from seedcheck.rules import DocumentRule, RuleContext

# "Updated: ..." / "Last updated ..." lines give a revision date, not a second publication.
_UPDATE = re.compile(r"\b(?:updated|modified|revised|edited)\b", re.IGNORECASE)


class ConflictingDates(DocumentRule):
    """
    ## What it does
    Reports publication dates that disagree within one document's metadata positions
    (front matter, `Date:` header, date line, `Published:` line, leaked date label). An
    example is a `date: 2021-04-06` field with an `April 9, 2021` line under the title.
    The finding sits on
    each date that differs from the one seedcheck uses, and names both with their lines.
    `Updated:`/`Last updated` lines are revisions, not publication dates, and are ignored.
    Dates closer than `tolerance-days` (default 0) are accepted.

    ## Why it matters
    Two publication dates mean that metadata from two versions (or two articles) were
    merged. seedcheck uses the first by rank (front matter, header, date line, published
    line, label), which may be the wrong one; downstream systems reading the other position
    will date the seed differently.

    ## Example
    ```text
    ---
    date: 2021-04-06
    ---
    # Ukraine Urges NATO to Speed Up Membership

    April 9, 2021
    ```
    Keep the date of the original publication and remove the other.
    """

    code = "SC104"
    name = "conflicting-dates"
    family = Family.DATES
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"tolerance-days": 0}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        tolerance = days_option(ctx, "tolerance-days", self.code)
        candidates = [d for d in doc.dates if d.value is not None and not _is_update(doc, d)]
        if len(candidates) < 2:
            return
        chosen = doc.date if doc.date in candidates else candidates[0]
        assert chosen is not None and chosen.value is not None
        line = doc.source.position(chosen.span.start)[0]
        seen = {chosen.value}
        for other in candidates:
            value = other.value
            if other is chosen or value is None or value in seen:
                continue
            seen.add(value)
            if abs((value - chosen.value).days) <= tolerance:
                continue
            here = doc.source.position(other.span.start)[0]
            yield Hit(
                f"Publication dates disagree: '{other.raw}' ({value.isoformat()}, "
                f"{other.origin.value}, line {here}) vs '{chosen.raw}' "
                f"({chosen.value.isoformat()}, {chosen.origin.value}, line {line}, "
                "used as the publication date); keep the original date and remove the other",
                other.span,
                related=(Related(doc.path, line, f"publication date '{chosen.raw}'"),),
            )


def _is_update(doc: Document, mention: DateMention) -> bool:
    if mention.origin is not DateOrigin.PUBLISHED_LINE:
        return False
    text = doc.text
    line_start = text.rfind("\n", 0, mention.span.start) + 1
    return _UPDATE.search(text, line_start, mention.span.start) is not None
