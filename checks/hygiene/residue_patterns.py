"""Curated scraping residue: lines that belong to the web page, not to the article.

Data, not logic: each entry is (label, pattern). A pattern must match a whole short line
(after Markdown emphasis and link syntax are stripped, case ignored), so that a sentence
that merely mentions a newsletter is never taken for residue. Add entries here.
"""

from __future__ import annotations

import re
from functools import lru_cache

RESIDUE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("call to action", r"click here(?: (?:to|for) .{1,80})?[.!:]?"),
    (
        "call to action",
        r"read (?:more|the full (?:story|article))(?: (?:from|at|on|about) [^,;]{1,80})?[.:!]?",
    ),
    ("call to action", r"(?:read more|also read|read next|read also|must read):.{0,120}"),
    ("call to action", r"(?:continue|keep) reading(?: (?:below|here|on .{1,60}))?[.:]?"),
    ("call to action", r"story continues below(?: advertisement)?"),
    (
        "related links",
        r"related(?: (?:content|articles?|stories|story|coverage|links|reading|topics|news|"
        r"video))?(?::.{0,120})?",
    ),
    ("related links", r"(?:see|read) also:.{1,120}"),
    ("related links", r"more on this (?:story|topic)"),
    ("related links", r"(?:you may|you might) also (?:like|be interested in):?"),
    (
        "related links",
        r"recommended(?: for you)?|trending now|top stories|most (?:read|popular|viewed)|"
        r"editor'?s picks",
    ),
    ("newsletter", r"sign up (?:for|to) (?:our|the) .{0,60}newsletters?.{0,60}"),
    ("newsletter", r"subscribe (?:to|for|now)\b.{0,80}"),
    ("sharing", r"share (?:this|the) (?:article|story|page|post)(?: on .{1,40})?:?"),
    ("sharing", r"share on (?:facebook|twitter|x|linkedin|whatsapp|email)"),
    ("sharing", r"(?:follow us on|like us on) .{1,60}"),
    ("sharing", r"(?:print|email) this (?:article|story|page)"),
    ("advertisement", r"advertisements?|sponsored(?: content)?|\(?ad\)?"),
    ("cookie notice", r"(?:this|our) (?:site|website) uses cookies.{0,200}"),
    ("cookie notice", r"we use cookies.{0,200}"),
    ("cookie notice", r"(?:accept|reject) (?:all )?cookies"),
    (
        "page furniture",
        r"skip to (?:main )?content|back to top|loading\.{0,3}|comments?(?: \(\d{1,6}\))?",
    ),
    ("page furniture", r"(?:please )?enable javascript.{0,120}"),
    ("page furniture", r"all rights reserved\.?|(?:copyright )?© ?\d{4}.{0,80}"),
)

MAX_LINE = 160  # residue lines are short; longer lines are prose
# One alternation of all the patterns, each in a named group: a single C-level fullmatch
# instead of a Python loop over them. Alternatives are tried in order and fullmatch
# backtracks into the next one, so the group that matches is the first pattern that matches
# the whole line, as with the loop. The outer group closes last, so `lastgroup` names it
# even if a pattern has groups of its own.
_LABELS = tuple(label for label, _ in RESIDUE_PATTERNS)
_ANY_RESIDUE = re.compile(
    "|".join(f"(?P<r{index}>{pattern})" for index, (_, pattern) in enumerate(RESIDUE_PATTERNS)),
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)")
# `[*_#>]{1,6}` spelt so that the regex starts with a character set: the engine then skips
# to candidate characters in C instead of trying the repeat at every position.
_EMPHASIS = re.compile(r"[*_#>][*_#>]{0,5}")


def plain_line(line: str) -> str:
    """The line as a reader sees it: link texts kept, emphasis and heading marks dropped."""
    if "[" in line:  # the link pattern starts with one
        line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    return " ".join(line.split())


def residue_label(line: str) -> str | None:
    """The kind of residue a whole line is, if it is one."""
    if len(line) > MAX_LINE * 4:
        return None
    return _short_line_label(line)


# SC602 asks for each line, SC605 for each paragraph and SC603 for some of them: in most
# texts the same strings, one document after the other. Only short lines are kept, so the
# cache holds at most a few hundred kilobytes.
@lru_cache(maxsize=1024)
def _short_line_label(line: str) -> str | None:
    plain = plain_line(line)
    if not plain or len(plain) > MAX_LINE:
        return None
    match = _ANY_RESIDUE.fullmatch(plain)
    if match is None or match.lastgroup is None:
        return None
    return _LABELS[int(match.lastgroup[1:])]
