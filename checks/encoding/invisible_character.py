"""SC507 invisible-character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# Zero-width characters and bidirectional controls (embeddings, overrides, isolates, marks).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u180e]{1,32}")
_JOINERS = frozenset("\u200c\u200d")
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms: text where bidi
# marks have a job to do.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LINE_REACH = 2000


class InvisibleCharacter(DocumentRule):
    """
    ## What it does
    Reports invisible formatting characters: zero-width space, word joiner, zero-width
    (non-)joiners and bidirectional controls (LRM/RLM, embeddings, overrides, isolates).
    Joiners between letters of scripts that use them (Arabic, Indic...) or inside emoji
    sequences are accepted, and so are bidi controls on a line that holds right-to-left
    text.

    ## Why it matters
    These characters cannot be seen, yet they split or glue words for every program that
    reads the seed: `Zelen\\u200bsky` does not match `Zelensky`, and a bidi override can make
    text display in an order different from the one stored. In Latin-script news they are
    copy-paste residue from web pages.

    ## Example
    `NATO\\u200b allies` (a zero-width space after `NATO`). Delete the character.
    """

    code = "SC507"
    name = "invisible-character"
    family = Family.ENCODING
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"max-reported": 10}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        if text.isascii():
            return
        limit = int(ctx.option("max-reported"))
        reported = 0
        for match in _INVISIBLE.finditer(text):
            run = match.group()
            if _legitimate(text, match.start(), match.end(), run):
                continue
            reported += 1
            if reported > limit:
                return
            names = ", ".join(
                f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed').lower()})"
                for c in dict.fromkeys(run)
            )
            yield Hit(
                f"Invisible character {names} in the text; delete it",
                Span(match.start(), match.end()),
                fix=Fix("Delete the invisible characters", ""),
                evidence=" ".join(f"U+{ord(c):04X}" for c in run),
            )


def _legitimate(text: str, start: int, end: int, run: str) -> bool:
    if all(c in _JOINERS for c in run):
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return _joinable(before) and _joinable(after)
    if all(c in _BIDI for c in run):
        line_start = max(text.rfind("\n", max(0, start - _LINE_REACH), start) + 1, 0)
        line_end = text.find("\n", end, end + _LINE_REACH)
        line = text[line_start : line_end if line_end != -1 else end + _LINE_REACH]
        return _RTL.search(line) is not None
    return False


def _joinable(char: str) -> bool:
    """A letter of a non-Latin script, a combining mark, or an emoji-like symbol."""
    if ord(char) < 0x0370:
        return False
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "So"
