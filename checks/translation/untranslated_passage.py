"""SC303 untranslated-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import Any, ClassVar

from seedcheck.checks.translation._language import Verdict, expected_names, foreign
from seedcheck.checks.translation.document_language import DocumentLanguage, document_verdict
from seedcheck.document import Document, ParagraphKind
from seedcheck.language import words
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

# A sentence ends at . ! ? (and a closing quote) followed by white space; the next one
# starts after that white space.
_SENTENCE_BREAK = re.compile(r"([.!?]{1,3}[”\"’»]?)(?=\s)\s*")


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
        reported: list[Span] = []
        for paragraph in doc.paragraphs:
            if paragraph.kind is not ParagraphKind.TEXT:
                continue
            span = paragraph.span
            sentences = _sentences(text, span)
            # No word spans a sentence end, so the paragraph's words are its sentences'
            # words: each sentence is tokenised once, for both questions.
            pieces = [words(sentence.slice(text)) for sentence in sentences]
            tokens = list(chain.from_iterable(pieces)) if sentences else None
            verdict = foreign(span.slice(text), expected, min_words, probability, tokens)
            if verdict is not None:
                reported.append(span)
                yield _hit("Paragraph", verdict, expected, span)
                continue
            for sentence, sentence_tokens in zip(sentences, pieces, strict=True):
                verdict = foreign(
                    sentence.slice(text), expected, sentence_words, probability, sentence_tokens
                )
                if verdict is not None:
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


def _sentences(text: str, span: Span) -> list[Span]:
    """The sentences of a paragraph; none when it holds a single sentence."""
    found: list[Span] = []
    start = span.start
    for match in _SENTENCE_BREAK.finditer(text, span.start, span.end):
        found.append(Span(start, match.end(1)))
        start = match.end()
    if start < span.end:
        found.append(Span(start, span.end))
    return found if len(found) > 1 else []
