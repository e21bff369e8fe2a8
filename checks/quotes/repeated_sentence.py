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
        quoted = [q.span for q in doc.quotes if not q.nested]
        sentences: list[tuple[Span, tuple[str, ...]]] = []
        for paragraph in doc.paragraphs:
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            # Only the quotes that reach into the paragraph can cover part of its sentences.
            near = [q for q in quoted if q.overlaps(paragraph.span)]
            for start, end in sentence_spans(text, paragraph.span.start, paragraph.span.end):
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
