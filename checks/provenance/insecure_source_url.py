"""SC203 insecure-source-url."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.checks.provenance._urls import split_web_url
from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext


class InsecureSourceUrl(DocumentRule):
    """
    ## What it does
    Reports a source URL that starts with `http://`. News sites have served their articles
    over `https://` for years, so a plain-http source URL is an old or downgraded copy of
    the address. The suggested fix is the same URL with `https://`.

    ## Why it matters
    Two seeds citing `http://` and `https://` forms of one address look like different
    sources to deduplication and provenance checks, and an http link can be rewritten in
    transit. It also hints that the seed was scraped from an old mirror or a redirect.

    ## Example
    ```text
    Original url:

    <http://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>
    ```
    Use `https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491`.
    """

    code = "SC203"
    name = "insecure-source-url"
    family = Family.PROVENANCE
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for url in doc.source_urls:
            parts = split_web_url(url.value)
            if parts is None or parts.scheme != "http":
                continue  # malformed-source-url reports unusable URLs
            secure = "https" + url.value[len("http") :]
            yield Hit(
                "Source URL uses http://; cite the https:// address of the article",
                url.span,
                fix=Fix("Use https://", secure),
            )
