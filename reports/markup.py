"""Escape-by-default building blocks for HTML and Markdown output.

HTML is built with `el(tag, *children, **attrs)`: every `str` child and attribute value is
escaped; only `Markup` (what `el` itself returns, or constant template text wrapped on
purpose) passes through. Markdown text goes through `md_text`, which neutralises both
Markdown syntax and raw HTML, since Markdown renderers pass HTML through.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit


class Markup(str):
    """Text that is already safe HTML."""

    __slots__ = ()


def esc(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(clean(str(value)), quote=True))


def join(children: Iterable[object]) -> Markup:
    return Markup("".join(_render(c) for c in children))


def el(tag: str, *children: object, **attrs: object) -> Markup:
    """`<tag attrs>children</tag>`; attrs named with a trailing `_` lose it (class_)."""
    rendered_attrs = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            rendered_attrs.append(f" {name}")
        else:
            rendered_attrs.append(f' {name}="{esc(value)}"')
    opening = f"<{tag}{''.join(rendered_attrs)}>"
    if tag in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{join(children)}</{tag}>")


def with_code(text: str) -> Markup:
    """Escaped text in which `backticked` spans become <code> (rule summaries use them)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return esc(text)
    return join(el("code", part) if i % 2 else part for i, part in enumerate(parts))


def _render(child: object) -> str:
    if child is None:
        return ""
    if isinstance(child, str):
        return esc(child)
    if isinstance(child, Iterable):
        return join(child)
    return esc(child)


_VOID = frozenset({"meta", "br", "hr", "input", "link", "img"})


def safe_href(url: str) -> str | None:
    """The URL if it is plain http(s), else None (no javascript:, data:, file: links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


# Characters that are not allowed in XML 1.0 (and lone surrogates from undecodable names).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Replace characters no XML/HTML document may contain with U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


# Backslash-escapable ASCII punctuation that means something in (GitHub) Markdown inline text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^$])")
# What makes a line a list item, setext underline or numbered item: only at its start.
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^()([-=+])")


def md_text(text: str) -> str:
    """Inline Markdown text showing `text` literally: one line, syntax and HTML neutralised."""
    flat = " ".join(clean(text).split())
    escaped = html.escape(flat, quote=False)  # & < > as entities: no raw HTML, no entities
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    # Only the first character can start a list item, heading underline or numbered list.
    return _MD_LINE_START.sub(
        lambda m: (m.group(1) or m.group(3) or "") + "\\" + (m.group(2) or m.group(4)),
        escaped,
        count=1,
    )


def md_fence(lines: Iterable[str], info: str = "text") -> str:
    """A fenced code block; the fence is longer than any backtick run inside."""
    body = [clean(line) for line in lines]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{info}", *body, fence])
