"""SC305 quote-person-shift."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# `I <verb> ... to <express-verb> his/her <noun>`: the speaker expresses their own feeling,
# so the possessive must be `my`. Only verbs of expressing one's own stance are used, and
# any object pronoun or object-control verb (`asked him to`, `urged X to`) in between
# makes the third person legitimate, so the pattern stays narrow.
# `I(?<!\wI)` is `\bI` spelt to start with the letter: the engine then jumps from one `I`
# to the next instead of trying the pattern at every position.
_SHIFT = re.compile(
    r"I(?<!\wI)\s(?P<between>[^.!?;:”\"]{1,120}?)\bto\s"
    r"(?:express|voice|convey|reiterate|underline|underscore|stress|reaffirm|share|offer)\s"
    r"(?P<possessive>his|her)\b"
)
_OBJECT_CONTROL = re.compile(
    r"\b(?:him|her|them|us|you|asked|urged|told|tell|encouraged|invited|wanted|want|allowed|"
    r"persuaded|begged|expect|expected|advised|pressed|called on|calling on|appealed to)\b",
    re.IGNORECASE,
)


class QuotePersonShift(DocumentRule):
    """
    ## What it does
    Flags a first-person quotation that slips into the third person, a typical machine
    translation error: `“I called President Zelenskyi to express his grave concern ...”`
    (the speaker expresses *their own* concern: `my`). The pattern is deliberately narrow:
    `I ... to express/voice/convey/reiterate/stress... his/her`, inside one clause of a
    quotation, with no object pronoun or object-control verb (`asked him to`, `urged X
    to`) in between.

    ## Why it matters
    A quotation is supposed to be the speaker's exact words. A person shift shows that it
    was translated (and perhaps back-translated) by a machine, so it is not a faithful
    quotation and should not be matched or attributed as one.

    ## Example
    ```text
    “I called President Volodymyr Zelenskyi to express his grave concern about Russia’s
    military activities,” said NATO Secretary General Jens Stoltenberg.
    ```
    Check the original statement; here it reads `to express my serious concern`.
    """

    code = "SC305"
    name = "quote-person-shift"
    family = Family.TRANSLATION
    severity = Severity.INFO

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        text = doc.text
        for quote in doc.quotes:
            if quote.nested:
                continue
            for part in quote.parts:
                for match in _SHIFT.finditer(text, part.start, min(part.end, part.start + 5000)):
                    if _OBJECT_CONTROL.search(match.group("between")):
                        continue
                    start, end = match.span("possessive")
                    possessive = match.group("possessive")
                    yield Hit(
                        f"First-person quotation shifts to the third person ({possessive!r} "
                        "where the speaker means 'my'): a sign of machine translation; check "
                        "the original wording",
                        Span(start, end),
                        fix=Fix("Use the first person", "my"),
                    )
