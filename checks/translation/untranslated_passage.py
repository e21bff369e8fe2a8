"""SC303 untranslated-passage."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any, ClassVar

from seedcheck.checks.translation._language import Verdict, expected_names, foreign, has_links
from seedcheck.checks.translation.document_language import DocumentLanguage, document_verdict
from seedcheck.document import Document, ParagraphKind
from seedcheck.language import (
    FUNCTION_WORDS,
    MIN_WORDS,
    is_clear,
    load_langdetect,
    tally,
    words,
    words_in,
)
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# A sentence ends at . ! ? (and a closing quote) followed by white space; the next one
# starts after that white space. `[.!?][.!?]{0,2}` is `[.!?]{1,3}` (tried longest first
# alike), spelt so that the engine skips to each candidate character directly (twice as
# fast: it scans every paragraph).
_SENTENCE_BREAK = re.compile(r"([.!?][.!?]{0,2}[”\"’»]?)(?=\s)(\s*)")


class UntranslatedPassage(DocumentRule):
    """
    ## What it does
    Finds paragraphs, and sentences inside otherwise translated paragraphs, that are not in
    the corpus's expected languages (`languages`, English by default). Short spans
    (`min-words` for a paragraph, `sentence-min-words` for a sentence), lines that are
    mostly names or links, and text where the expected
    language's function words are frequent are never reported; langdetect must be at
    least `min-probability` sure. A quotation of `min-words` or more left in the
    original language inside a translated sentence is reported too. A document that is
    foreign as a whole gets one SC304 finding instead of one per paragraph.

    ## Why it matters
    Machine-translation pipelines skip what they fail to segment: a quotation, a paragraph
    after a formatting glitch. The seed then mixes languages, and the untranslated part is
    silently lost to every English-language consumer.

    ## Example
    ```text
    NATO has assured the Kiev government of solidarity.

    Die Allianz stehe fest an der Seite der Ukraine, sagte Stoltenberg nach dem Telefonat.
    ```
    The second paragraph was left in German: translate it.
    """

    code = "SC303"
    name = "untranslated-passage"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {
        "min-words": 10,
        "sentence-min-words": 15,
        "min-probability": 0.95,
    }

    @classmethod
    def warm_up(cls) -> None:
        load_langdetect()  # for text the function-word counts do not settle

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        min_words = int(ctx.option("min-words"))
        sentence_words = max(min_words, int(ctx.option("sentence-min-words")))
        probability = float(ctx.option("min-probability"))
        expected = ctx.languages
        whole, _ = document_verdict(
            doc, expected, int(DocumentLanguage.options["min-words"]),
            float(DocumentLanguage.options["min-probability"]),
        )  # fmt: skip
        if whole is not None:
            return  # SC304 reports the document once
        text = doc.text
        # The languages whose function-word counts can settle a span as expected.
        listed = [language for language in expected if language in FUNCTION_WORDS]
        reported: list[Span] = []
        for paragraph in doc.paragraphs:
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            span = paragraph.span
            plain = span.slice(text)
            if has_links(plain):
                # foreign() tokenises the text without its links: the counts below would
                # not be its counts.
                yield from _linked_paragraph(
                    text, span, expected, (min_words, sentence_words, probability), reported
                )
                continue
            bounds = _sentence_bounds(plain)
            # No word spans a sentence end, so the paragraph's words are its sentences'
            # words: each sentence is tokenised once, for both questions.
            pieces = words_in(plain, bounds) if bounds else [words(plain)]
            tallies = [[tally(piece, language) for language in listed] for piece in pieces]
            n = sum(map(len, pieces))
            if not _settled(n, min_words, map(sum, zip(*tallies, strict=True))):
                tokens = list(chain.from_iterable(pieces))
                verdict = foreign(plain, expected, min_words, probability, tokens)
                if verdict is not None:
                    reported.append(span)
                    yield _hit("Paragraph", verdict, expected, span)
                    continue
            if not bounds:
                continue  # a single sentence: the paragraph's verdict is its verdict
            for (start, end), piece, piece_tallies in zip(bounds, pieces, tallies, strict=True):
                if _settled(len(piece), sentence_words, piece_tallies):
                    continue
                verdict = foreign(plain[start:end], expected, sentence_words, probability, piece)
                if verdict is not None:
                    sentence = Span(span.start + start, span.start + end)
                    reported.append(sentence)
                    yield _hit("Sentence", verdict, expected, sentence)
        # A long quotation left in the original language inside a translated sentence.
        for quote in doc.quotes:
            if quote.nested or any(quote.span.overlaps(done) for done in reported):
                continue
            verdict = foreign(quote.text, expected, min_words, probability)
            if verdict is not None:
                yield _hit("Quotation", verdict, expected, quote.span)


def _hit(what: str, verdict: Verdict, expected: tuple[str, ...], span: Span) -> Hit:
    return Hit(
        f"{what} is in {verdict.name}, not in {expected_names(expected)}: "
        "an untranslated passage; translate it",
        span,
    )


def _settled(n: int, min_words: int, tallies: Iterable[int]) -> bool:
    """Whether foreign() says None at its first test, on n tokens of text without links
    whose tallies (for each expected language with a function-word list) are given: too
    short, or plainly in an expected language (`quick_language_in` by a clear winner)."""
    return n < min_words or (n >= MIN_WORDS and any(is_clear(t, n) for t in tallies))


def _linked_paragraph(
    text: str,
    span: Span,
    expected: tuple[str, ...],
    options: tuple[int, int, float],
    reported: list[Span],
) -> Iterator[Hit]:
    """The paragraph and sentence hits of a paragraph with links, each span asked of
    foreign() (which tokenises such text itself, without the links)."""
    min_words, sentence_words, probability = options
    verdict = foreign(span.slice(text), expected, min_words, probability)
    if verdict is not None:
        reported.append(span)
        yield _hit("Paragraph", verdict, expected, span)
        return
    for sentence in _sentences(text, span):
        verdict = foreign(sentence.slice(text), expected, sentence_words, probability)
        if verdict is not None:
            reported.append(sentence)
            yield _hit("Sentence", verdict, expected, sentence)


def _sentences(text: str, span: Span) -> list[Span]:
    """The sentences of a paragraph; none when it holds a single sentence."""
    start = span.start
    return [Span(start + a, start + b) for a, b in _sentence_bounds(span.slice(text))]


def _sentence_bounds(paragraph: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of a paragraph; none when it holds a
    single sentence."""
    # Each break's white space lies between two sentences: one span call per break.
    gaps = [match.span(2) for match in _SENTENCE_BREAK.finditer(paragraph)]
    if not gaps:
        return []
    starts = [0, *(end for _, end in gaps[:-1])]
    bounds = list(zip(starts, [start for start, _ in gaps], strict=True))
    if gaps[-1][1] < len(paragraph):
        bounds.append((gaps[-1][1], len(paragraph)))
    return bounds if len(bounds) > 1 else []
