"""Metadata around the article: front matter, header blocks, title/byline/date lines,
dpa-style datelines and "Original url:" footers. Each function returns what it found with
spans, and where the article body starts or ends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from seedcheck.document import DateMention, DateOrigin, Field
from seedcheck.model import Span
from seedcheck.parsing.dates import match_whole, parse_free_date
from seedcheck.parsing.links import find_links


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # excludes the line ending
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def stripped_span(self) -> Span:
        lead = len(self.text) - len(self.text.lstrip())
        return Span(self.start + lead, self.start + len(self.text.rstrip()))


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    end = len(text) if end is None else end
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        content_end = stop - 1 if stop > position and text[stop - 1] == "\r" else stop
        yield Line(position, content_end, text[position:content_end])
        position = stop + 1


@dataclass
class Metadata:
    """Key/value pairs from a front-matter or header block (keys lower-cased)."""

    fields: dict[str, Field[str]] = field(default_factory=dict)
    body_start: int = 0


FRONT_MATTER_KEY = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,40})\s*:\s?(?P<value>.*)$")
HEADER_KEYS = frozenset(
    [
        "title",
        "date",
        "published",
        "source",
        "url",
        "link",
        "author",
        "byline",
        "language",
        "lang",
        "publisher",
        "outlet",
        "agency",
        "headline",
        "original-url",
        "source-url",
        "dateline",
    ]
)
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z -]{0,20}?)\s*:\s*(?P<value>.*)$")


def front_matter(text: str) -> Metadata | None:
    """A YAML-style `---` block at the very start, read as flat `key: value` lines."""
    lines = iter_lines(text)
    first = next(lines, None)
    if first is None or first.text.strip() != "---":
        return None
    meta = Metadata()
    for line in lines:
        if line.text.strip() in ("---", "..."):
            meta.body_start = min(len(text), line.end + 1)
            return meta
        match = FRONT_MATTER_KEY.match(line.text)
        if match:
            _store(meta, match, line)
    return None  # never closed: not front matter


def header_block(text: str) -> Metadata | None:
    """`Title: ...` / `Date: ...` lines at the top, at least two known keys, then a blank line."""
    meta = Metadata()
    known = 0
    for line in iter_lines(text):
        if line.blank:
            if known:
                meta.body_start = line.end + 1
                break
            continue
        match = HEADER_LINE.match(line.text.strip())
        if not match or _key(match.group("key")) not in HEADER_KEYS:
            break
        known += 1
        _store(meta, match, line)
    else:
        meta.body_start = len(text)
    return meta if known >= 2 else None


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "-").replace("_", "-")


def _store(meta: Metadata, match: re.Match[str], line: Line) -> None:
    key = _key(match.group("key"))
    value = match.group("value").strip()
    offset = line.start + match.start("value")
    raw = match.group("value")
    lead = len(raw) - len(raw.lstrip())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value, lead = value[1:-1], lead + 1
    if key not in meta.fields and value:
        span = Span(offset + lead, offset + lead + len(value))
        meta.fields[key] = Field(value, span)


def date_from_field(item: Field[str], origin: DateOrigin) -> DateMention:
    value, error = parse_free_date(item.value)
    return DateMention(value, item.value, item.span, origin, error=error)


# A date label glued to the start of the text: " date 2021-04-07 Brussels ...".
DATE_LABEL = re.compile(
    r"^[ \t]*(?P<label>date|datum|published|dated)[ \t:]{1,3}(?P<date>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
# "Brussels / Kiev / Moscow (dpa) – " or "LONDON (Reuters) - ": place, agency, dash.
DATELINE = re.compile(
    r"(?P<place>[A-Z][^\n()–—:]{0,80}?)\s{0,3}\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)"
    r"\s{0,3}[–—-]{1,2}\s"
)
PUBLISHED_LINE = re.compile(
    r"^\W{0,3}(?:published|updated|posted|first published|last updated)"
    r"(?:\s+on)?\s{0,3}:?\s{0,3}(?P<date>.{6,60}?)\W{0,3}$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^\W{0,3}by\s{1,3}(?P<who>.{1,100})$", re.IGNORECASE)
FOOTER_LABEL = re.compile(
    r"^\W{0,3}(?P<label>original url|original link|original article|source url|source link|"
    r"source|url|link|read (?:the )?original)\W{0,3}\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
READ_MORE_FROM = re.compile(
    r"read more (?:from|at|on)\s{1,3}(?P<name>[A-Za-z][\w .&'’-]{1,60}?)\s*[.!]?$",
    re.IGNORECASE,
)
# What every READ_MORE_FROM match holds, lower-cased: under IGNORECASE those letters match
# only their ASCII upper and lower case, which lower() maps to these. A lower-cased copy and a
# substring search cost about a third of a regex gate's per-position scan.
_READ_MORE_GATE = "read more "
_TOP_LINES = 12


@dataclass
class Top:
    """What the first lines of a body say: title, byline, date lines, dateline."""

    title: Field[str] | None = None
    byline: Field[str] | None = None
    dates: list[DateMention] = field(default_factory=list)
    dateline: Field[str] | None = None
    agency: Field[str] | None = None
    markdown: bool = False
    body_start: int = 0


def read_top(text: str, start: int, bare_title: bool) -> Top:
    """Read title, byline and date lines until the first ordinary paragraph."""
    top = Top(body_start=start)
    seen = 0
    for line in iter_lines(text, start):
        if line.blank:
            continue
        seen += 1
        stripped = line.text.strip()
        span = line.stripped_span()
        if seen == 1 and _dateline(text, line, top):
            return top
        if seen == 1 and stripped.startswith("# "):
            title = stripped[2:].strip().strip("*").strip()
            at = text.index(title, span.start) if title else span.start
            top.title, top.markdown = Field(title, Span(at, at + len(title))), True
        elif seen == 1 and bare_title and _looks_like_title(stripped):
            top.title = Field(stripped, span)
        elif (byline := BYLINE.match(stripped)) and top.byline is None and _is_byline(byline):
            top.byline = _byline(text, line, byline)
        elif (date := _date_line(text, line)) is not None:
            top.dates.append(date)
        else:
            top.body_start = line.start
            return top
        top.body_start = line.end + 1
        if seen >= _TOP_LINES:
            break
    top.body_start = min(top.body_start, len(text))
    return top


def _is_byline(match: re.Match[str]) -> bool:
    """'By [AFP](#)' or 'By Jane Smith, BBC News', not a sentence such as 'By any measure, ...'."""
    who = match.group("who").strip()
    return len(who) <= 80 and len(who.split()) <= 8 and who[-1:] not in ".!?"


def _looks_like_title(line: str) -> bool:
    return len(line) <= 200 and line[-1:] not in ".,;" and not line.startswith(("“", '"'))


def _byline(text: str, line: Line, match: re.Match[str]) -> Field[str]:
    who = match.group("who").strip()
    links = find_links(text, line.start, line.end)
    if links and links[0].text:
        anchor = links[0]
        inner = Span(anchor.span.start + 1, anchor.span.start + 1 + len(anchor.text or ""))
        return Field(anchor.text or "", inner)
    at = line.start + line.text.index(who)
    return Field(who, Span(at, at + len(who)))


def _date_line(text: str, line: Line) -> DateMention | None:
    stripped = line.text.strip().strip("*_").strip()
    if len(stripped) > 80:
        return None
    whole = match_whole(stripped)
    origin = DateOrigin.DATE_LINE
    if whole is None:
        published = PUBLISHED_LINE.match(stripped)
        if not published:
            return None
        whole = match_whole(published.group("date"))
        if whole is None:
            return None
        shift = published.start("date")
        origin = DateOrigin.PUBLISHED_LINE
    else:
        shift = 0
    base = line.start + line.text.index(stripped) + shift
    span = Span(base + whole.start, base + whole.end)
    return DateMention(whole.value, span.slice(text), span, origin, error=whole.error)


def _dateline(text: str, line: Line, top: Top) -> bool:
    """dpa-style first line, with or without a leaked `date YYYY-MM-DD` label in front."""
    position = line.start
    label = DATE_LABEL.match(line.text)
    if label:
        whole = match_whole(label.group("date"))
        date_span = Span(line.start + label.start("date"), line.start + label.end("date"))
        label_span = Span(line.start + label.start("label"), line.start + label.end("label"))
        top.dates.append(
            DateMention(
                whole.value if whole else None,
                date_span.slice(text),
                date_span,
                DateOrigin.LABEL,
                label_span=label_span,
                error=whole.error if whole else "not a date",
            )
        )
        position = line.start + label.end()
        while position < line.end and text[position] in " \t":
            position += 1
    match = DATELINE.match(text, position, line.end)
    if match:
        place = match.group("place").strip()
        top.dateline = Field(place, Span(match.start("place"), match.start("place") + len(place)))
        top.agency = Field(match.group("agency"), Span(match.start("agency"), match.end("agency")))
    if label or match:
        top.body_start = line.start
        return True
    return False


@dataclass
class Footer:
    urls: list[Field[str]] = field(default_factory=list)
    body_end: int = 0


def read_footer(text: str, start: int) -> Footer:
    """An `Original url:` (or `Source:`/`URL:`) label near the end and the URL after it."""
    lines = [line for line in iter_lines(text, start) if not line.blank]
    footer = Footer(body_end=len(text))
    for index in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        line = lines[index]
        label = FOOTER_LABEL.match(line.text.strip())
        if not label:
            continue
        candidates = [line, *lines[index + 1 : index + 3]]
        for candidate in candidates:
            links = find_links(text, candidate.start, candidate.end)
            if links:
                link = links[0]
                footer.urls.append(Field(link.href, link.href_span))
                footer.body_end = line.start
                return footer
    return footer


def outlet_mentions(text: str, start: int, end: int) -> list[Field[str]]:
    """Outlets named by scraping residue: 'CLICK HERE TO READ MORE FROM THE X'."""
    found: list[Field[str]] = []
    if _READ_MORE_GATE not in text[start:end].lower():
        return found  # most texts: no line can match
    for line in iter_lines(text, start, end):
        if len(line.text) > 200:
            continue
        match = READ_MORE_FROM.search(line.text.strip())
        if match:
            name = match.group("name").strip()
            offset = line.start + line.text.index(name, line.text.lower().find("read more"))
            found.append(Field(name, Span(offset, offset + len(name))))
    return found
