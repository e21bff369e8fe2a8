"""SC605 broken-paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice, pairwise
from typing import Any, ClassVar

from seedcheck.checks.hygiene.residue_patterns import residue_label
from seedcheck.document import Document, Paragraph, ParagraphKind
from seedcheck.model import Family, Fix, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# Words a sentence cannot end on: articles, prepositions, conjunctions, possessives, and
# auxiliaries waiting for their verb (`...and the United States has`).
_DANGLING_WORDS = """
    a an the of in on at to for from with by into onto about over under between among
    through during without within against toward towards near and or but nor than that
    which whose its their his her our your my as if because while although
    has have had is are was were will would can could should must shall been being
"""
DANGLING = frozenset(_DANGLING_WORDS.split())
_LAST_WORD = re.compile(r"([^\W\d_][\w'’-]{0,40})$")
_OPENING_QUOTES = "“„«\"‘'"
_LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,3}[.)])\s")


class BrokenParagraph(DocumentRule):
    """
    ## What it does
    Finds a paragraph broken in the middle of a sentence: a paragraph of running text
    (at least `min-words` words) that ends without terminal punctuation, followed by a
    paragraph that continues the sentence, because it starts in lower case or because the
    first one ends on a word no sentence ends on (`in`, `the`, `and`...). Headings, list
    items, lines in capitals and residue lines are left alone.

    ## Why it matters
    A sentence split over two paragraphs reads as two fragments: sentence splitters,
    quote extraction and summaries cut it in the wrong place. It is typical of scraped
    pages where an inline element (a link, an ad slot) sat in the middle of the sentence.

    ## Example
    ```text
    ...and the second near the town of Zolote-4 in

    Lugansk region, the military's press service told AFP.
    ```
    Join the two paragraphs (the suggested fix).
    """

    code = "SC605"
    name = "broken-paragraph"
    family = Family.HYGIENE
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"min-words": 8, "max-reported": 50}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        # A pathological file must not flood the report: the first `max-reported` only.
        return islice(self._hits(doc, ctx), max(0, int(ctx.option("max-reported"))))

    def _hits(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        min_words = int(ctx.option("min-words"))
        text = doc.text
        # Each paragraph is both the `following` of one pair and the `current` of the next:
        # judge it once.
        prose = [(p, _prose(text, p)) for p in doc.paragraphs]
        for (current, current_prose), (following, following_prose) in pairwise(prose):
            if not (current_prose and following_prose):
                continue
            body = current.span.slice(text)
            if len(body.split(None, min_words)) < min_words or body.isupper():
                continue
            tail = body[-60:]
            last = _LAST_WORD.search(tail) if _ends_in_word_character(tail) else None
            if last is None:
                continue  # ends with punctuation, a digit or a symbol
            word = last.group(1)
            nxt = following.span.slice(text)
            first = nxt.split(None, 1)[0] if nxt.split() else ""
            lower_start = first[:1].islower()
            dangling = word.lower() in DANGLING
            if not (lower_start or dangling):
                continue
            word_start = current.span.end - len(word)
            joint = Span(word_start, following.span.start + len(first))
            if first[:1] in _OPENING_QUOTES:
                # A quotation cannot finish the sentence: the end of it was lost.
                yield Hit(
                    f"Paragraph breaks off in the middle of a sentence (after {word!r}) and the "
                    "next paragraph starts a quotation: the end of the sentence was lost; "
                    "restore it from the source",
                    Span(word_start, current.span.end),
                    evidence=f"{word} ¶ {first}",
                )
                continue
            yield Hit(
                f"Paragraph breaks off in the middle of a sentence (after {word!r}) and the "
                "next paragraph continues it; join the two paragraphs (and check that no words "
                "were lost at the break)",
                joint,
                fix=Fix("Join the paragraphs", f"{word} {first}"),
                evidence=f"{word} ¶ {first}",
            )


def _ends_in_word_character(tail: str) -> bool:
    """Whether _LAST_WORD can match: the character before its `$` (the end, or a final
    newline) must be one it takes. Most paragraphs end with punctuation, and the regex
    search would otherwise try every start position of the tail and backtrack."""
    last = tail[-2:-1] if tail.endswith("\n") else tail[-1:]
    return last.isalnum() or last in ("_", "'", "’", "-")


def _prose(text: str, paragraph: Paragraph) -> bool:
    if paragraph.kind is not ParagraphKind.TEXT:
        return False
    body = paragraph.span.slice(text)
    if not body or _LIST_ITEM.match(body) or body[0] in "|>":
        return False
    return residue_label(body) is None if len(body) < 700 else True
