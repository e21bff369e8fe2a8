"""Links as written in seed text: Markdown `[text](href)`, `<https://...>` and bare URLs."""

from __future__ import annotations

import bisect
import re

from seedcheck.document import Link, LinkKind
from seedcheck.model import Span

# Bounded classes and no nested quantifiers: linear time on any input.
# A target may hold one level of balanced parentheses: `javascript:void(0)`, `/wiki/Foo_(bar)`.
# The two alternatives start with different characters, so the repetition cannot backtrack
# ambiguously.
MARKDOWN_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]{0,500})\]"
    r"\((?P<href>(?:[^()\s]|\([^()\s]{0,200}\)){0,2000})\)"
)
ANGLE_URL = re.compile(r"<(?P<href>[a-zA-Z][a-zA-Z0-9+.-]{0,15}://[^<>\s]{1,2000})>")
BARE_URL = re.compile(r"(?<![\w/@.])(?P<href>(?:https?|ftp)://[^\s<>\[\]()\"'“”]{1,2000})")
_TRAILING = ".,;:!?’'\""


def find_links(text: str, start: int = 0, end: int | None = None) -> list[Link]:
    end = len(text) if end is None else end
    links: list[Link] = []
    taken = _Taken()
    for match in MARKDOWN_LINK.finditer(text, start, end):
        span = Span(match.start(), match.end())
        links.append(
            Link(
                match.group("text"),
                match.group("href"),
                LinkKind.MARKDOWN,
                span,
                Span(match.start("href"), match.end("href")),
            )
        )
        taken.add(span)
    # Angle and bare URLs hold "://". Most text has none, and the bare-URL pattern (a
    # lookbehind first) would be tried at every position of it.
    urls = text.find("://", start, end) != -1
    for match in ANGLE_URL.finditer(text, start, end) if urls else ():
        span = Span(match.start(), match.end())
        if not taken.covers(span):
            links.append(
                Link(
                    None,
                    match.group("href"),
                    LinkKind.ANGLE,
                    span,
                    Span(match.start("href"), match.end("href")),
                )
            )
            taken.add(span)
    for match in BARE_URL.finditer(text, start, end) if urls else ():
        href = match.group("href").rstrip(_TRAILING)
        span = Span(match.start(), match.start() + len(href))
        if href and not taken.covers(span):
            links.append(Link(None, href, LinkKind.BARE, span, span))
    links.sort(key=lambda link: link.span)
    return links


class _Taken:
    """Non-overlapping spans already claimed by a link, searchable in log time."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, span: Span) -> None:
        index = bisect.bisect_left(self._starts, span.start)
        self._starts.insert(index, span.start)
        self._ends.insert(index, span.end)

    def covers(self, span: Span) -> bool:
        index = bisect.bisect_right(self._starts, span.start) - 1
        return index >= 0 and span.end <= self._ends[index]
