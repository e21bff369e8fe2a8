"""Where a table row (and column) stands in its file: the span a finding points at.

Shared by the pandera stage and the GX stage; it needs no pandas.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seedcheck.document import Document
from seedcheck.model import Span


def locate(table: str, column: str | None, row: Mapping[str, Any], doc: Document) -> Span | None:
    """Documents rows point at the column's field; quotes and links rows at the item."""
    if table == "documents":
        return field_span(doc, column)
    try:
        line, col = int(row["line"]), int(row["column"])
    except (KeyError, TypeError, ValueError):
        return None
    source = doc.source
    if not 1 <= line <= source.line_count or col < 1:
        return None
    start = min(source.line_start(line) + col - 1, len(source.text))
    items = doc.quotes if table == "quotes" else doc.links
    for item in items:
        if item.span.start == start:
            return item.span
    return Span(start, start)


def field_span(doc: Document, column: str | None) -> Span | None:
    """Where a documents column's value stands in the text (None: about the whole file)."""
    if column == "published":
        return doc.date.span if doc.date else None
    if column in ("source_url", "url_domain", "url_date"):
        return doc.source_url.span if doc.source_url else None
    if column in ("title", "outlet", "agency", "language"):
        field = getattr(doc, column)
        return field.span if field is not None else None
    return None
