"""SC304 document-language."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, ClassVar

from seedcheck.checks.translation._language import Verdict, expected_names, foreign, has_links
from seedcheck.document import Document, ParagraphKind
from seedcheck.language import load_langdetect, prefiltered
from seedcheck.model import Family, Hit, Severity, Span
from seedcheck.rules import DocumentRule, RuleContext

SAMPLE_CHARS = 6000  # the first few paragraphs are enough to tell a document's language


class DocumentLanguage(DocumentRule):
    """
    ## What it does
    Reports a seed whose text, as a whole, is not in one of the corpus's expected languages
    (`languages` in the configuration, English by default). One finding per document, at
    the start of the body; the per-paragraph rule SC303 stays silent on such a document.

    ## Why it matters
    A seed in the wrong language is usually a source that was never translated, or the
    original of a machine translation saved by mistake. Every downstream step (search,
    quote matching, summarisation) assumes the corpus language.

    ## Example
    A dpa story left in German (`Die NATO hat der Regierung in Kiew Solidarität
    zugesichert...`) in an English corpus. Translate it, or add `de` to `languages` if
    German seeds are expected.
    """

    code = "SC304"
    name = "document-language"
    family = Family.TRANSLATION
    severity = Severity.ERROR
    options: ClassVar[dict[str, Any]] = {"min-words": 20, "min-probability": 0.9}

    @classmethod
    def warm_up(cls) -> None:
        load_langdetect()  # for text the function-word counts do not settle

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        verdict, span = document_verdict(
            doc, ctx.languages, int(ctx.option("min-words")), float(ctx.option("min-probability"))
        )
        if verdict is None or span is None:
            return
        yield Hit(
            f"Document is in {verdict.name}, not in the expected languages "
            f"({expected_names(ctx.languages)}); translate it, or add "
            f"'{verdict.language}' to `languages` if such seeds are expected",
            Span(span.start, span.start),
            evidence=span.slice(doc.text)[:120],
        )


def document_verdict(
    doc: Document, expected: tuple[str, ...], min_words: int, min_probability: float
) -> tuple[Verdict | None, Span | None]:
    paragraphs = [p for p in doc.paragraphs if p.kind is ParagraphKind.TEXT]
    if not paragraphs:
        return None, None
    start = paragraphs[0].span.start
    end = min(paragraphs[-1].span.end, start + SAMPLE_CHARS)
    verdict = _sample_verdict(doc.text[start:end], tuple(expected), min_words, min_probability)
    if verdict is None:
        return None, None
    return verdict, Span(start, end)


@lru_cache(maxsize=64)
def _sample_verdict(
    sample: str, expected: tuple[str, ...], min_words: int, min_probability: float
) -> Verdict | None:
    """Cached: SC304 and SC303 both ask for the same document's verdict."""
    if not has_links(sample):
        # foreign()'s first test, on tokens and a prefilter answer shared with the table
        # rows' guess at the body (`quick_language_in` is `quick_language(...) in`).
        tokens, quick = prefiltered(sample)
        if len(tokens) < min_words or quick in expected:
            return None
        return foreign(sample, expected, min_words, min_probability, list(tokens))
    return foreign(sample, expected, min_words, min_probability)
