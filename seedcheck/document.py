"""What the parser extracts from a seed, every field with the span it came from.

The parser records what it saw and where; it never judges. Rules read these fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from seedcheck.model import Span
from seedcheck.pickling import PickleByFields
from seedcheck.source import Source

T = TypeVar("T")


class Layout(StrEnum):
    FRONT_MATTER = "front-matter"  # --- YAML block ---
    HEADER = "header"  # Title: / Date: / Source: / URL: block
    MARKDOWN = "markdown"  # # Title, By ..., date line, "Original url:" footer
    DATELINE = "dateline"  # dpa-style first line: place (agency) – text
    BARE = "bare"  # title line, then body


class DateOrigin(StrEnum):
    FRONT_MATTER = "front-matter"
    HEADER = "header"
    DATE_LINE = "date-line"  # a line holding only a date near the top
    LABEL = "label"  # "date 2021-04-07" glued into the text
    PUBLISHED_LINE = "published-line"  # "Published: ..." / "Updated: ..."


@dataclass(frozen=True, slots=True)
class Field(PickleByFields, Generic[T]):
    value: T
    span: Span


@dataclass(frozen=True, slots=True)
class DateMention(PickleByFields):
    """A publication-date candidate. `value` is None when the text names an impossible date."""

    value: dt.date | None
    raw: str
    span: Span
    origin: DateOrigin
    label_span: Span | None = None  # the leaked label word ("date") for DateOrigin.LABEL
    error: str | None = None  # why `value` is None


class LinkKind(StrEnum):
    MARKDOWN = "markdown"
    ANGLE = "angle"
    BARE = "bare"


@dataclass(frozen=True, slots=True)
class Link(PickleByFields):
    text: str | None  # the anchor text of a Markdown link
    href: str
    kind: LinkKind
    span: Span  # the whole link as written
    href_span: Span


class ParagraphKind(StrEnum):
    TEXT = "text"
    HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph(PickleByFields):
    span: Span
    kind: ParagraphKind = ParagraphKind.TEXT


class SpeakerHow(StrEnum):
    SAID_AFTER = "said-after"  # "...," said X / "...," X said
    SAID_BEFORE = "said-before"  # X said: "..." / X said he had "..."
    ACCORDING_TO = "according-to"
    PRONOUN = "pronoun"  # "...," he said: resolved to the last named speaker
    CONTINUED = "continued"  # unattributed quote right after an attributed one


@dataclass(frozen=True, slots=True)
class Speaker(PickleByFields):
    name: str  # as written, titles stripped: "Dmitri Peskov"
    span: Span | None  # where the name (or pronoun) stands
    how: SpeakerHow

    @property
    def key(self) -> str:
        """Surname, case-folded: what two mentions of one speaker share."""
        return self.name.split()[-1].casefold() if self.name else ""


@dataclass(frozen=True, slots=True)
class QuoteMark(PickleByFields):
    char: str
    offset: int


@dataclass(frozen=True, slots=True)
class Quote(PickleByFields):
    text: str  # inner text; paragraphs of a multi-paragraph quote joined by a space
    span: Span  # from opening mark to closing mark (inclusive), or paragraph end if unclosed
    parts: tuple[Span, ...]  # inner text span per paragraph
    open_mark: QuoteMark
    close_mark: QuoteMark | None  # None when the quote never closed
    paragraph: int  # index of the paragraph it opens in
    speaker: Speaker | None = None
    nested: bool = False  # a single-quoted quote inside a double-quoted one


@dataclass(slots=True)
class Document(PickleByFields):
    source: Source
    layout: Layout
    body: Span  # the article text, metadata header and footer excluded
    title: Field[str] | None = None
    date: DateMention | None = None  # the publication date chosen (first valid by origin rank)
    dates: list[DateMention] = field(default_factory=list)  # every candidate seen
    dateline: Field[str] | None = None  # "Brussels / Kiev / Moscow"
    agency: Field[str] | None = None  # "dpa" from a dateline "(dpa)"
    byline: Field[str] | None = None  # "AFP" from "By [AFP](#)"
    outlet: Field[str] | None = None  # declared in metadata
    outlet_mentions: list[Field[str]] = field(default_factory=list)  # "READ MORE FROM X"
    source_urls: list[Field[str]] = field(default_factory=list)
    language: Field[str] | None = None  # declared in metadata; detection is a rule's job
    links: list[Link] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # Closing quote marks (”) met when no quotation was open: recorded, judged by rules.
    stray_quote_marks: list[QuoteMark] = field(default_factory=list)
    metadata: dict[str, Field[str]] = field(default_factory=dict)  # raw key/value pairs

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return paragraph.span.slice(self.source.text)

    @property
    def source_url(self) -> Field[str] | None:
        return self.source_urls[0] if self.source_urls else None

    def for_corpus(self) -> Document:
        """A lighter copy for rules that see the whole corpus at once: text, lines, title,
        body, paragraphs and quotes, without the raw bytes, dates, links and metadata.

        At 100,000 documents the difference is about half the memory of the cross-file stage.
        Only corpus rules that declare `slim_documents` are given these copies.
        """
        return Document(
            self.source.without_bytes(),
            self.layout,
            self.body,
            title=self.title,
            paragraphs=self.paragraphs,
            quotes=self.quotes,
        )
