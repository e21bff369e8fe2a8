"""SC202 malformed-source-url."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.checks.provenance._urls import url_problem
from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext

# Metadata keys that can only hold a URL ("source" is usually the outlet's name).
_URL_KEYS = ("url", "source-url", "original-url", "link", "canonical")


class MalformedSourceUrl(DocumentRule):
    """
    ## What it does
    Reports a source URL that is not a usable web address. Source URLs come from `url:`/
    `source:` metadata fields or the `Original url:` footer; the problems are a scheme
    other than http/https, no host, a host that is not a domain name (`https://https://...`,
    `https://themoscowtimes/...`), spaces, backslashes or other characters URLs cannot
    contain, or a bad port. A `url:` field
    without a scheme (`url: www.example.com/...`) is reported too: seedcheck cannot use it.

    ## Why it matters
    The source URL is how anyone verifies a seed against its original. A malformed one
    looks like provenance but leads nowhere, and the rules that compare the URL with the
    outlet or the date cannot use it.

    ## Example
    ```text
    Original url:

    <https://www.themoscowtimes.com/2021/04/06/ukraine urges nato-a73491>
    ```
    Copy the address again from the original page (here the spaces should be hyphens).
    """

    code = "SC202"
    name = "malformed-source-url"
    family = Family.PROVENANCE
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for key in _URL_KEYS:
            item = doc.metadata.get(key)
            if item is not None and "://" not in item.value:
                # The parser only takes values with a scheme as source URLs; without one the
                # seed silently has no source URL, so say why.
                value = item.value
                looks_like_host = "." in value.split("/", 1)[0] and " " not in value
                example = f"'https://{_short(value)}'" if looks_like_host else "'https://...'"
                yield Hit(
                    f"Source URL field '{key}' has no scheme, so it is not used as a URL; "
                    f"write the full address, e.g. {example}",
                    item.span,
                )
        for url in doc.source_urls:
            problem = url_problem(url.value)
            if problem is not None:
                yield Hit(
                    f"Source URL is malformed: {problem}; copy the address again from the "
                    "original article",
                    url.span,
                )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
