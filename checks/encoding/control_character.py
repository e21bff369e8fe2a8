"""SC504 control-character."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# C0 controls other than tab, newline and carriage return (a lone CR is a line ending, see
# SC505), DEL, and C1 controls (which in decoded text are leftovers of a wrong decode).
# A run of 1 to 64, spelt as one then up to 63 more so that the pattern starts with a
# character set: the engine then skips to candidates in C instead of entering the repeat at
# every position (2.4x faster over news text).
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_CONTROLS = re.compile(f"{_CONTROL}{_CONTROL}{{0,63}}")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


class ControlCharacter(DocumentRule):
    """
    ## What it does
    Reports control characters in the text: C0 controls other than tab, line feed and
    carriage return (NUL, BEL, backspace, vertical tab, form feed, escape...), DEL and the
    C1 controls U+0080-U+009F. Each run of them is reported once (`max-reported` per file).

    ## Why it matters
    Control characters are invisible in most editors but break tokenizers, XML and JSON
    exports and exact matching. In news text they are residue of a scraper, a terminal
    copy or a wrong decode (C1 controls are usually cp1252 punctuation read as Latin-1).

    ## Example
    `The talks\\x0b resumed on Monday.` has a vertical tab (U+000B) after `talks`; delete it.
    """

    code = "SC504"
    name = "control-character"
    family = Family.ENCODING
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"max-reported": 10}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        limit = int(ctx.option("max-reported"))
        text = doc.text
        reported = 0
        for match in _CONTROLS.finditer(text):
            if _in_mojibake(text, match.start(), match.end()):
                continue  # C1 bytes of a Latin-1 mojibake: SC503 reports and repairs it
            reported += 1
            if reported > limit:
                return
            names = ", ".join(_name(ch) for ch in dict.fromkeys(match.group()))
            what = "Control character" if len(match.group()) == 1 else "Control characters"
            yield Hit(
                f"{what} {names} in the text; delete {'it' if what[-1] == 'r' else 'them'}",
                Span(match.start(), match.end()),
                fix=Fix("Delete the control characters", ""),
                evidence=repr(match.group()),
            )


def _in_mojibake(text: str, start: int, end: int) -> bool:
    """Whether C1 controls belong to a word that ftfy repairs (UTF-8 read as Latin-1)."""
    if not all("\x80" <= c <= "\x9f" for c in text[start:end]):
        return False
    from ftfy import fix_encoding

    left = max(text.rfind(" ", max(0, start - 40), start) + 1, start - 40, 0)
    right = text.find(" ", end, end + 40)
    word = text[left : right if right != -1 else min(len(text), end + 40)]
    return fix_encoding(word) != word


def _name(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"
