"""SC207 outlet-domain-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from seedcheck.checks.provenance._urls import original_host
from seedcheck.checks.provenance.outlets import (
    Outlet,
    OutletRegistry,
    registry_from_options,
)
from seedcheck.config import ConfigError
from seedcheck.document import Document, Field
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# Scraped titles often end with the site's name: "Ukraine crisis - BBC News", "... | Reuters".
_TITLE_SUFFIX = re.compile(r"\s[|\-–—]\s(?P<name>[^|\-–—]{2,60})$")
# Bylines name several contributors: "Jane Doe and AFP", "Reuters / dpa", "AFP, AP".
_BYLINE_PARTS = re.compile(r"\s*(?:,|;|/|\||&|\band\b|\bwith\b|\bfor\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Claim:
    name: str  # as written
    span: Span
    outlet: Outlet | None
    how: str  # "metadata" | "residue" | "title" | "byline" | "dateline"


class OutletDomainMismatch(DocumentRule):
    """
    ## What it does
    Checks that the source URL's domain belongs to the outlet the seed names. Outlets are
    named in metadata (`source:`/`publisher:`/`outlet:`), by scraping residue ("CLICK HERE
    TO READ MORE FROM THE WASHINGTON EXAMINER"), by a site-name suffix of the title
    ("Ukraine crisis - BBC News"), and, for news agencies, by the byline
    (`By [AFP](#)`) or the dateline (`(dpa)`). A registry of outlets, agencies and
    aggregators with their domains decides; sub-domains belong to their parent
    (`mobile.nytimes.com` is nytimes.com) and web-archive/AMP-cache URLs are looked through.

    - An outlet named in metadata whose domain is not the URL's: **error**.
    - An outlet named only by residue or a title suffix: **warning**, because residue can
      also be a promo for another outlet that the scraper kept.
    - Agency copy on a publisher's site, or any story on an aggregator (Yahoo News, MSN):
      **info**: that is syndication, normal, but worth knowing when deduplicating.
    - An aggregator named as the source with another outlet's URL is the normal way of
      citing the original: no finding.
    - An outlet outside the registry proves nothing (the registry may just lack it): the
      rule stays silent. Add it to the registry to have it checked.

    Extend the registry in config; an entry whose name or alias matches a built-in one
    replaces it (`kind` is `publisher`, `agency` or `aggregator`):
    ```toml
    [[tool.seedcheck.rules.outlet-domain-mismatch.outlets]]
    name = "Novaya Gazeta"
    domains = ["novayagazeta.ru", "novayagazeta.eu"]
    aliases = ["Novaya"]
    ```
    `builtin-outlets = false` drops the built-in table; `syndication = false` silences the
    info findings.

    ## Why it matters
    A seed whose URL points at another outlet's site carries somebody else's provenance:
    the text, the date or the URL was mixed up during collection. Syndicated copies are
    legitimate but are the same story as the agency original, which matters for
    duplicate detection and for weighing how many independent sources report something.

    ## Example
    ```text
    ---
    source: The Moscow Times
    url: https://www.washingtonexaminer.com/news/ukraine-pleads-for-nato-entry
    ---
    ```
    Correct the outlet or the URL so that they agree.
    """

    code = "SC207"
    name = "outlet-domain-mismatch"
    family = Family.PROVENANCE
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Any]] = {
        "outlets": [],
        "builtin-outlets": True,
        "syndication": True,
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if not doc.source_urls:
            return
        registry = registry_from_options(ctx.options, self.code)
        if not isinstance(ctx.option("syndication"), bool):
            raise ConfigError(f"rules.{self.code}.syndication must be true or false")
        claims = _claims(doc, registry)
        if not claims:
            return
        seen: set[tuple[str, str]] = set()
        for url in doc.source_urls:
            located = original_host(url.value)
            if located is None:
                continue  # malformed-source-url reports it
            host, at = located
            if host.startswith("www."):
                host, at = host[4:], at + 4
            host_span = Span(url.span.start + at, url.span.start + at + len(host))
            if host_span.slice(doc.text).lower() != host:
                host_span = url.span
            site = registry.for_host(host)
            url_line = doc.source.position(url.span.start)[0]
            for claim in claims:
                key = (claim.outlet.name if claim.outlet else claim.name.casefold(), host)
                if key in seen:
                    continue
                seen.add(key)
                hit = _judge(doc, claim, host, host_span, site, url_line, ctx)
                if hit is not None:
                    yield hit


def _judge(
    doc: Document,
    claim: _Claim,
    host: str,
    host_span: Span,
    site: Outlet | None,
    url_line: int,
    ctx: RuleContext,
) -> Hit | None:
    outlet = claim.outlet
    if outlet is None:
        # Outside the registry a mismatch proves nothing: the registry may lack the outlet.
        return None
    if OutletRegistry.owns(outlet, host) or outlet.kind == "aggregator":
        return None  # an aggregator named as source often comes with the original's URL
    where = f"{site.name} ({host})" if site is not None else host
    if outlet.is_agency or (site is not None and site.kind == "aggregator"):
        if not ctx.option("syndication"):
            return None
        source = "news agency " if outlet.is_agency else ""
        return Hit(
            f"Syndicated copy: {source}{outlet.name} story (named by the {claim.how}) "
            f"published on {where}; expected, but treat it as the same story as the "
            f"{outlet.name} original when counting sources",
            claim.span,
            related=(Related(doc.path, url_line, f"source URL on {host}"),),
            severity=Severity.INFO,
        )
    name_line = doc.source.position(claim.span.start)[0]
    expected = ", ".join(outlet.domains)
    domains = "domains are" if len(outlet.domains) > 1 else "domain is"
    owner = f" ({site.name})" if site is not None else ""
    if claim.how == "metadata":
        reason, severity = f"the metadata names {outlet.name}", Severity.ERROR
    else:
        where_named = "title" if claim.how == "title" else "text"
        reason = f"the {where_named} names {outlet.name} ('{claim.name}')"
        severity = Severity.WARNING
    return Hit(
        f"Source URL domain {host}{owner} does not belong to {outlet.name}: {reason} on "
        f"line {name_line}, whose {domains} {expected}; correct the URL or the outlet",
        host_span,
        related=(Related(doc.path, name_line, f"outlet '{claim.name}'"),),
        severity=severity,
    )


def _claims(doc: Document, registry: OutletRegistry) -> list[_Claim]:
    claims: list[_Claim] = []
    if doc.outlet is not None:
        claims.append(_claim(doc.outlet, registry, "metadata"))
    claims += [_claim(m, registry, "residue") for m in doc.outlet_mentions]
    if doc.title is not None:
        claims += _title_suffix(doc.title, registry)
    if doc.byline is not None:
        claims += _agencies_in(doc.byline, registry, "byline")
    if doc.agency is not None:
        claims += _agencies_in(doc.agency, registry, "dateline")
    return claims


def _claim(item: Field[str], registry: OutletRegistry, how: str) -> _Claim:
    return _Claim(item.value, item.span, registry.named(item.value), how)


def _title_suffix(title: Field[str], registry: OutletRegistry) -> list[_Claim]:
    """An outlet named after the last separator of the title, when the registry knows it."""
    match = _TITLE_SUFFIX.search(title.value)
    if match is None:
        return []
    name = match.group("name").strip()
    outlet = registry.named(name)
    if outlet is None:
        return []
    start = title.span.start + title.value.index(name, match.start("name"))
    return [_Claim(name, Span(start, start + len(name)), outlet, "title")]


def _agencies_in(item: Field[str], registry: OutletRegistry, how: str) -> list[_Claim]:
    """Agencies named in a byline or dateline, each with its own span."""
    found: list[_Claim] = []
    position = 0
    for part in _BYLINE_PARTS.split(item.value):
        at = item.value.find(part, position) if part else -1
        if at == -1:
            continue
        position = at + len(part)
        outlet = registry.named(part)
        if outlet is not None and outlet.is_agency:
            start = item.span.start + at
            found.append(_Claim(part, Span(start, start + len(part)), outlet, how))
    return found
