"""SC204 tracking-parameters."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.checks.provenance._urls import tracking_parameters
from seedcheck.config import ConfigError
from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext


class TrackingParameters(DocumentRule):
    """
    ## What it does
    Reports tracking parameters in a source URL or a link of the text: `utm_*`, `fbclid`,
    `gclid`, `msclkid`, `mc_cid`/`mc_eid`, `igshid`, `_ga`, BBC's `ns_*`/`at_*` and a few
    more. The suggested fix is the URL without them (other parameters and the fragment are
    kept as written). Add names with the `extra-parameters` option.

    ## Why it matters
    Tracking parameters say how someone reached the page (a newsletter, a Facebook share),
    not what the page is. They make one article look like several sources, break duplicate
    detection between seeds, and can leak who shared the link.

    ## Example
    ```text
    <https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491?utm_source=twitter&utm_medium=social>
    ```
    Use `https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491`.
    """

    code = "SC204"
    name = "tracking-parameters"
    family = Family.PROVENANCE
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"extra-parameters": []}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        extra = _names(ctx.option("extra-parameters"), self.code)
        seen: set[Span] = set()
        places = [(u.value, u.span) for u in doc.source_urls]
        places += [(link.href, link.href_span) for link in doc.links]
        for href, span in sorted(places, key=lambda item: item[1]):
            if span in seen or "?" not in href:
                continue
            seen.add(span)
            found = tracking_parameters(href, extra)
            if found is None:
                continue
            names, cleaned = found
            listed = ", ".join(dict.fromkeys(names))
            yield Hit(
                f"URL carries tracking parameters ({listed}); cite it without them",
                span,
                fix=Fix("Remove the tracking parameters", cleaned),
            )


def _names(value: Any, code: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"rules.{code}.extra-parameters must be a list of strings")
    return frozenset(v.lower() for v in value)
