"""SC503 mojibake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# How far a suspicious sequence is widened, each side, to the word it belongs to.
_WORD_REACH = 60
# ftfy's patterns match at most this many characters, each time at least one non-ASCII.
BADNESS_WIDTH = 7
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Only these end a word: a no-break space is often part of the mojibake itself (`Ã\xa0` = à).
_WORD_BREAKS = " \t\r\n"


class Mojibake(DocumentRule):
    """
    ## What it does
    Finds mojibake: text that was encoded in UTF-8 and decoded as another encoding
    (cp1252, Latin-1, Latin-2...), such as `â€œ` for `“`, `Ã©` for `é` or `Ă¤` for `ä`.
    Each affected word is reported with its repaired spelling as a suggested fix. The
    detection and the repair are ftfy's, so legitimate non-ASCII text (`Café`, `£600m`,
    `€5`, `naïve`) is left alone.

    ## Why it matters
    A seed with mojibake misquotes names and quotations (`ZÃ¼rich`, `itâ€™s`): search,
    deduplication and quote matching silently miss it, and whoever reads the seed as ground
    truth reads garbage. It is the signature of text that went through a wrong decode.

    ## Example
    ```text
    â€œWe deeply doubt this,â€ said Peskov.
    ```
    Replace `â€œWe` with `“We` (suggested), and `this,â€` with `this,”` by hand: the last byte
    of `”` was lost, so ftfy cannot repair it alone. Better, re-export the source as UTF-8.
    """

    code = "SC503"
    name = "mojibake"
    family = Family.ENCODING
    severity = Severity.ERROR
    options: ClassVar[dict[str, Any]] = {"max-reported": 20}
    warm_modules = ("ftfy", "ftfy.badness")

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        if text.isascii():
            return
        from ftfy import fix_encoding

        limit = int(ctx.option("max-reported"))
        found: list[tuple[Span, str, str]] = []
        covered = 0
        for match in badness_matches(text):
            if match.start() < covered:
                continue
            begin = match.start()
            while begin < match.end() and text[begin] in _WORD_BREAKS:
                begin += 1  # some ftfy patterns start with the space before the mojibake
            word = _word_around(text, begin, match.end())
            covered = word.end
            original = word.slice(text)
            repaired = fix_encoding(original)
            if "\ufffd" in repaired:
                repaired = original  # a lost byte: ftfy can only put U+FFFD there
            found.append((word, original, repaired))
            if len(found) >= limit:
                break
        # A word ftfy cannot repair alone (`help,â€` whose last byte was lost) is reported
        # only next to repairable mojibake: alone, a weird sequence is not proof enough.
        if not any(original != repaired for _, original, repaired in found):
            return
        for word, original, repaired in found:
            if original != repaired:
                yield Hit(
                    f"Mojibake: {original!r} is {repaired!r} decoded with the wrong encoding; "
                    "replace it (or re-export the source as UTF-8)",
                    word,
                    fix=Fix("Replace with the repaired text", repaired),
                )
            else:
                yield Hit(
                    f"Mojibake: {original!r} holds a character garbled by a wrong decode that "
                    "cannot be repaired automatically; restore it by hand",
                    word,
                )


def _word_around(text: str, start: int, end: int) -> Span:
    floor = max(0, start - _WORD_REACH)
    while start > floor and text[start - 1] not in _WORD_BREAKS:
        start -= 1
    ceiling = min(len(text), end + _WORD_REACH)
    while end < ceiling and text[end] not in _WORD_BREAKS:
        end += 1
    return Span(start, end)


def badness_matches(text: str) -> Iterator[re.Match[str]]:
    """`ftfy.badness.BADNESS_RE.finditer(text)`, scanning only near non-ASCII characters.

    Every match holds a non-ASCII character and is at most BADNESS_WIDTH long, so it lies
    within BADNESS_WIDTH characters of a non-ASCII run: the same matches, found without
    running ftfy's long alternation over the ASCII text in between (most of a news text
    with a few `£` in it).
    """
    from ftfy.badness import BADNESS_RE

    windows: list[list[int]] = []
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = max(0, run.start() - BADNESS_WIDTH), run.end() + BADNESS_WIDTH
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    resume = 0  # a match may end past its window: the scan resumes after it, as finditer
    for start, end in windows:
        for match in BADNESS_RE.finditer(text, max(start, resume), min(end, len(text))):
            resume = match.end()
            yield match
