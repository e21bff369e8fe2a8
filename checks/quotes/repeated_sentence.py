"""SC402 repeated-sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from seedcheck.document import Document, ParagraphKind
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

from .text import sentence_spans, words


class RepeatedSentence(DocumentRule):
    """
    ## What it does
    Reports a sentence of at least `min_words` words that repeats an earlier sentence of the
    same document: the same normalised words, or one sentence that is the beginning of the
    other, word for word (a sentence repeated and then continued, or repeated and cut). The
    finding is on the later sentence and points at the earlier one. A short sentence found
    *inside* a longer one is not reported: "The best song of the past 25 years?" may
    legitimately echo "... was named the best song of the past 25 years." Sentences that
    are mostly quotation are left to `repeated-quote`.

    ## Why it matters
    Repeated sentences are the mark of a broken scrape or of two versions of a story glued
    together (a teaser and the full text). They duplicate facts that downstream tools count
    and show that the seed is not the article as published.

    ## Example
    ```text
    Fears have been mounting of a major escalation of the conflict in eastern Ukraine.
    ...
    Fears have been mounting of a major escalation of the conflict in eastern Ukraine, where
    government forces have battled separatists since 2014.
    ```
    """

    code = "SC402"
    name = "repeated-sentence"
    family = Family.QUOTES
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"min_words": 8}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        size = ctx.option("min_words")
        text = doc.text
        # Sentences by their opening (see `opening`): only those sharing it with another
        # can repeat one, and only their words are needed (a few percent of sentences).
        found: list[tuple[int, int, int]] = []  # start, end, paragraph number
        by_opening: dict[str, list[int]] = {}
        for number, paragraph in enumerate(doc.paragraphs):
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            for start, end in sentence_spans(text, paragraph.span.start, paragraph.span.end):
                by_opening.setdefault(opening(text, start, end, size), []).append(len(found))
                found.append((start, end, number))
        candidates = sorted(i for group in by_opening.values() if len(group) > 1 for i in group)
        if not candidates:
            return
        quoted = [q.span for q in doc.quotes if not q.nested]
        near_by_paragraph: dict[int, list[Span]] = {}
        sentences: list[tuple[Span, tuple[str, ...]]] = []
        for start, end, number in map(found.__getitem__, candidates):
            if number not in near_by_paragraph:
                # Only the quotes that reach into the paragraph can cover its sentences.
                paragraph_span = doc.paragraphs[number].span
                near_by_paragraph[number] = [q for q in quoted if q.overlaps(paragraph_span)]
            near = near_by_paragraph[number]
            span = Span(start, end)
            seq = tuple(words(text[start:end]))
            if len(seq) >= size and (not near or _quoted_share(span, near) <= 0.5):
                sentences.append((span, seq))
        # Sentences by their first `size` words: a sentence that begins another shares them,
        # so candidates come from one lookup, not from comparing all pairs.
        starts: dict[tuple[str, ...], list[int]] = {}
        for i, (_, seq) in enumerate(sentences):
            starts.setdefault(seq[:size], []).append(i)
        reported: set[int] = set()
        for i, (_, seq) in enumerate(sentences):
            for j in starts[seq[:size]]:
                if j == i or sentences[j][1][: len(seq)] != seq:
                    continue
                later, earlier = max(i, j), min(i, j)
                if later in reported:
                    continue
                reported.add(later)
                yield self._hit(doc, sentences[later], sentences[earlier])

    def _hit(
        self,
        doc: Document,
        later: tuple[Span, tuple[str, ...]],
        earlier: tuple[Span, tuple[str, ...]],
    ) -> Hit:
        line = doc.source.position(earlier[0].start)[0]
        if later[1] == earlier[1]:
            how = f"Sentence repeats the sentence at line {line}"
        elif len(later[1]) > len(earlier[1]):
            how = f"Sentence repeats the sentence at line {line} and continues it"
        else:
            how = f"Sentence repeats the beginning of the sentence at line {line}"
        return Hit(how, later[0], related=(Related(doc.path, line, "earlier sentence"),))


def _quoted_share(span: Span, quoted: list[Span]) -> float:
    inside = sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quoted)
    return inside / max(1, span.end - span.start)


# Letters and digits of ASCII text lower-cased (= case-folded), all other ASCII characters
# and common typographic marks deleted. Each mark kept here is checked: not a letter or
# digit, and its own case fold; any other non-ASCII character passes through unchanged.
_MARKS = "’‘“”«»„‚–—…•·°′″£€\xa0"
_OPENING = str.maketrans(
    {
        **{chr(c): (chr(c).lower() if chr(c).isalnum() else None) for c in range(128)},
        **{c: None for c in _MARKS if not c.isalnum() and c.casefold() == c},
    }
)


def opening(text: str, start: int, end: int, size: int) -> str:
    """The first `size` letters and digits of text[start:end], case-folded.

    Every normalised word (text.words) is made of letters, digits and inner apostrophes,
    and every letter and digit of the case-folded text is in one: the words joined, without
    apostrophes, are the text's letters and digits. So two sentences whose first `size`
    words are the same (each has at least one letter or digit) have the same opening, and
    a sentence whose opening no other sentence has cannot repeat one."""
    if size <= 0:
        return ""  # (no opening to tell sentences apart: all are compared)
    # Fast path: the translated beginning of an ASCII (or typographic) sentence.
    found = text[start : min(end, start + 4 * size + 16)].translate(_OPENING)[:size]
    if len(found) == size and found.isascii():
        return found
    return "".join(words(text[start:end])).replace("'", "")[:size]
