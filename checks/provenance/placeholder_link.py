"""SC205 placeholder-link."""

from __future__ import annotations

from collections.abc import Iterator

from seedcheck.document import Document, Link, LinkKind
from seedcheck.model import Family, Fix, Hit, Severity
from seedcheck.rules import DocumentRule, RuleContext

_EMPTY_TARGETS = frozenset({"", "#", "#!", "#0", "about:blank"})


class PlaceholderLink(DocumentRule):
    """
    ## What it does
    Reports a Markdown link whose target points nowhere: `#`, `#!`, an empty target,
    `about:blank` or a `javascript:` action, as in `By [AFP](#)` or
    `**Related article:** [Are Russia and Ukraine Sliding Into War?](#)`. The suggested fix
    keeps the anchor text and drops the link.

    ## Why it matters
    Placeholder links are scraping residue: the page built the real target with
    JavaScript, so the copy kept only a stub. They pretend to give a reference (a byline
    profile, a related story) that cannot be followed, and a "Related article" line is
    navigation, not article text.

    ## Example
    ```text
    By [AFP](#)
    ```
    Write `By AFP`, or restore the real URL; remove "Related article" lines entirely.
    """

    code = "SC205"
    name = "placeholder-link"
    family = Family.PROVENANCE
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for link in doc.links:
            if link.kind is LinkKind.MARKDOWN and _is_placeholder(link):
                written = link.span.slice(doc.text)
                yield Hit(
                    f"Placeholder link '{_short(written)}' points nowhere (the scrape lost "
                    "its target); restore the URL or keep only the text",
                    link.span,
                    fix=Fix("Keep the link text only", link.text or ""),
                )


def _is_placeholder(link: Link) -> bool:
    target = link.href.strip().lower()
    return target in _EMPTY_TARGETS or target.startswith("javascript:")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
