"""Parse a `Source` into a `Document`: layout, metadata, paragraphs, links, quotes.

The parser records what it saw and where; it never judges. Unreadable sources give an
empty document so every later stage can treat all inputs alike.
"""

from __future__ import annotations

import re

from seedcheck.document import (
    DateMention,
    DateOrigin,
    Document,
    Field,
    Layout,
    Paragraph,
    ParagraphKind,
)
from seedcheck.model import Span
from seedcheck.parsing.links import find_links
from seedcheck.parsing.metadata import (
    Metadata,
    date_from_field,
    front_matter,
    header_block,
    outlet_mentions,
    read_footer,
    read_top,
)
from seedcheck.parsing.quotes import find_quotes
from seedcheck.source import Source

__all__ = ["parse"]

# Which metadata key names which field, in order of preference.
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "publication-date", "pubdate")
_URL_KEYS = ("url", "source-url", "original-url", "link", "canonical", "source")
_OUTLET_KEYS = ("source", "publisher", "outlet", "site", "site-name")
_BYLINE_KEYS = ("byline", "author", "authors")
_LANGUAGE_KEYS = ("language", "lang")
_AGENCY_KEYS = ("agency",)
# When several publication dates are present, the first valid one by this rank is chosen.
_DATE_RANK = [
    DateOrigin.FRONT_MATTER,
    DateOrigin.HEADER,
    DateOrigin.DATE_LINE,
    DateOrigin.PUBLISHED_LINE,
    DateOrigin.LABEL,
]


def parse(source: Source) -> Document:
    text = source.text
    if not source.readable or not text.strip():
        return Document(source=source, layout=Layout.BARE, body=Span(0, len(text)))

    meta = front_matter(text)
    layout = Layout.FRONT_MATTER
    if meta is None:
        meta = header_block(text)
        layout = Layout.HEADER
    if meta is None:
        meta, layout = Metadata(), Layout.BARE

    top = read_top(text, meta.body_start, bare_title=layout is Layout.BARE)
    if layout is Layout.BARE:
        if top.markdown:
            layout = Layout.MARKDOWN
        elif top.dateline is not None or any(d.origin is DateOrigin.LABEL for d in top.dates):
            layout = Layout.DATELINE
    footer = read_footer(text, top.body_start)
    body = Span(top.body_start, max(top.body_start, footer.body_end))

    doc = Document(source=source, layout=layout, body=body, metadata=meta.fields)
    origin = DateOrigin.FRONT_MATTER if layout is Layout.FRONT_MATTER else DateOrigin.HEADER
    doc.title = _first(meta, _TITLE_KEYS) or top.title
    doc.dates = [date_from_field(f, origin) for f in _all(meta, _DATE_KEYS)] + top.dates
    doc.date = _choose_date(doc.dates)
    doc.dateline = top.dateline
    doc.agency = _first(meta, _AGENCY_KEYS) or top.agency
    doc.byline = _first(meta, _BYLINE_KEYS) or top.byline
    doc.outlet = _outlet(meta)
    doc.language = _first(meta, _LANGUAGE_KEYS)
    doc.source_urls = [f for f in _all(meta, _URL_KEYS) if "://" in f.value] + footer.urls
    doc.links = find_links(text)
    doc.paragraphs = paragraphs(text, body)
    doc.quotes = find_quotes(text, doc.paragraphs, doc.stray_quote_marks)
    doc.outlet_mentions = outlet_mentions(text, body.start, len(text))
    return doc


# A paragraph as `paragraphs` reads it, from a line start: a Markdown heading line (its first
# non-blank character a #), or a run of non-blank lines that are not headings. `\s` is the
# class str.strip() strips, and MULTILINE's ^ follows only a \n, as lines are split.
_BLOCK = re.compile(r"^[^\S\n]*(?:#[^\n]*|[^\s#][^\n]*(?:\n[^\S\n]*[^\s#][^\n]*)*)", re.MULTILINE)


def paragraphs(text: str, body: Span) -> list[Paragraph]:
    """Blocks of non-blank lines; a Markdown `#` line is a heading of its own."""
    # One scan over the body's copy instead of a Python step per line.
    found: list[Paragraph] = []
    base = body.start
    for block in _BLOCK.finditer(text[base : body.end]):
        chunk = block.group()
        stripped = chunk.lstrip()
        kind = ParagraphKind.HEADING if stripped[0] == "#" else ParagraphKind.TEXT
        start = base + block.start()
        lead = len(chunk) - len(stripped)
        found.append(Paragraph(Span(start + lead, start + len(chunk.rstrip())), kind))
    return found


def _first(meta: Metadata, keys: tuple[str, ...]) -> Field[str] | None:
    found = _all(meta, keys)
    return found[0] if found else None


def _all(meta: Metadata, keys: tuple[str, ...]) -> list[Field[str]]:
    return [meta.fields[k] for k in keys if k in meta.fields]


def _outlet(meta: Metadata) -> Field[str] | None:
    for key in _OUTLET_KEYS:
        item = meta.fields.get(key)
        if item is not None and "://" not in item.value:
            return item
    return None


def _choose_date(dates: list[DateMention]) -> DateMention | None:
    valid = [d for d in dates if d.value is not None]
    if not valid:
        return None
    return min(valid, key=lambda d: (_DATE_RANK.index(d.origin), d.span.start))
