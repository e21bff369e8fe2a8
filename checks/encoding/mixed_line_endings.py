"""SC505 mixed-line-endings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

_ENDINGS = re.compile(r"\r\n|\r|\n")
_STYLE = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


class MixedLineEndings(DocumentRule):
    """
    ## What it does
    Reports a file whose lines end in more than one way: Windows `CRLF`, Unix `LF` and
    old Mac `CR` mixed in one file. The finding points at the first line ending of the
    less frequent style and gives the count of each.

    ## Why it matters
    Mixed line endings show that a seed was pasted together from several sources or
    edited with different tools. Line-based tools then disagree on line numbers (a lone
    `CR` is a line break to some readers and not to others), and diffs become noisy.

    ## Example
    A file with 30 lines ending in `CRLF` and 2 appended lines ending in `LF`. Convert the
    whole file to one style (LF), e.g. with `dos2unix`.
    """

    code = "SC505"
    name = "mixed-line-endings"
    family = Family.ENCODING
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        if "\r" not in text:
            return
        first: dict[str, int] = {}
        counts: Counter[str] = Counter()
        for match in _ENDINGS.finditer(text):
            ending = match.group()
            counts[ending] += 1
            first.setdefault(ending, match.start())
        if len(counts) < 2:
            return
        # The minority style (ties: the one that appears later) is the odd one out.
        minority = min(counts, key=lambda e: (counts[e], -first[e]))
        summary = ", ".join(
            f"{counts[e]} {_STYLE[e]}" for e in sorted(counts, key=lambda e: (-counts[e], first[e]))
        )
        at = first[minority]
        yield Hit(
            f"Mixed line endings ({summary}); first {_STYLE[minority]} here. "
            "Convert the file to one style (LF)",
            Span(at, at + len(minority)),
            fix=Fix("Convert every line ending to LF"),
            evidence=repr(minority),
        )
