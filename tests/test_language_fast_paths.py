"""The language fast paths against their plain definitions (kept here as references): the
apostrophe and pound-sign tokeniser paths, tokenising a paragraph's sentences at once,
packed function-word tallies, the shared prefilter answer of SC304 and the table rows,
SC303's sentence split and SC303 itself must give exactly the same answers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.checks.translation import document_language as sc304
from seedcheck.checks.translation._language import foreign
from seedcheck.checks.translation.document_language import DocumentLanguage, document_verdict
from seedcheck.checks.translation.untranslated_passage import (
    UntranslatedPassage,
    _hit,
    _sentence_bounds,
)
from seedcheck.document import Document, ParagraphKind
from seedcheck.language import (
    _PREFILTER_SHARE,
    _RIVALS,
    FUNCTION_WORDS,
    MIN_WORDS,
    SEPARATOR_SYMBOLS,
    _ascii_words,
    _langdetect,
    guess_language,
    prefiltered,
    quick_language,
    words,
    words_in,
)
from seedcheck.model import Hit, Span
from seedcheck.parsing import parse
from seedcheck.rules import RuleContext
from seedcheck.source import decode_source

# --- references: the definitions before the fast paths -------------------------------------

_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PLAIN_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_PLAIN_SENTENCE_BREAK = re.compile(r"([.!?]{1,3}[”\"’»]?)(?=\s)\s*")


def plain_words(text: str) -> list[str]:
    return [w.lower() for w in _PLAIN_WORD.findall(text)]


def plain_ascii_words(translated: str) -> list[str]:
    found: list[str] = []
    for run in translated.split():
        if "'" in run:
            found.extend(_PLAIN_ASCII_WORD.findall(run))
        else:
            found.append(run)
    return found


def plain_clear_winner(tokens: list[str], languages: list[str]) -> str | None:
    n = len(tokens)
    for language in languages:
        own = FUNCTION_WORDS.get(language)
        if own is None:
            continue
        hits = sum(map(own.__contains__, tokens))
        if hits / n >= _PREFILTER_SHARE and hits > sum(map(_RIVALS[language].__contains__, tokens)):
            return language
    return None


def plain_guess_language(text: str) -> str | None:
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    quick = quick_language(tokens)
    if quick is not None:
        return quick
    return _langdetect(" ".join(tokens[:400]))


def plain_sentences(text: str, span: Span) -> list[Span]:
    found: list[Span] = []
    start = span.start
    for match in _PLAIN_SENTENCE_BREAK.finditer(text, span.start, span.end):
        found.append(Span(start, match.end(1)))
        start = match.end()
    if start < span.end:
        found.append(Span(start, span.end))
    return found if len(found) > 1 else []


def plain_untranslated(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """SC303's check before the paragraph-at-once tokenising and tallies."""
    min_words = int(ctx.option("min-words"))
    sentence_words = max(min_words, int(ctx.option("sentence-min-words")))
    probability = float(ctx.option("min-probability"))
    expected = ctx.languages
    whole, _ = document_verdict(
        doc, expected, int(DocumentLanguage.options["min-words"]),
        float(DocumentLanguage.options["min-probability"]),
    )  # fmt: skip
    if whole is not None:
        return
    text = doc.text
    reported: list[Span] = []
    for paragraph in doc.paragraphs:
        if paragraph.kind is not ParagraphKind.TEXT:
            continue
        span = paragraph.span
        sentences = plain_sentences(text, span)
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
    for quote in doc.quotes:
        if quote.nested or any(quote.span.overlaps(done) for done in reported):
            continue
        verdict = foreign(quote.text, expected, min_words, probability)
        if verdict is not None:
            yield _hit("Quotation", verdict, expected, quote.span)


# --- strategies ---------------------------------------------------------------------------

_APOSTROPHES = st.text(alphabet=st.sampled_from("ab' '"), max_size=40)
_TRICKY = "aZ'’ .\n\t" + SEPARATOR_SYMBOLS + "İΣé1_"
texts = st.text(alphabet=st.sampled_from(_TRICKY)) | st.text()
_VOCABULARY = [*sorted(set().union(*FUNCTION_WORDS.values())), "house", "berlin", "x"]
token_lists = st.lists(st.sampled_from(_VOCABULARY), max_size=40)
languages = st.lists(st.sampled_from([*FUNCTION_WORDS, "pl"]), min_size=1, max_size=3)
# Sentences each in one language (function words among their words) or of names, with
# links, quotation marks and sentence ends; paragraphs of such sentences: enough for SC303's
# paragraphs, sentences in otherwise English paragraphs, and quotations.
_POOLS = [
    "the of and said minister it's O'Neill's £5m government was to in that they would",
    "Die der und nicht Seite stehe fest an sagte Allianz Ukraine dem zu den von mit",
    "le la et est gouvernement des les une pour dans que qui ministre",
    "Smith Jones Berlin Paris Reuters BBC www.example.com [a](http://b.c) “Hello” 2005",
]
_sentence = st.sampled_from([pool.split() for pool in _POOLS]).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), min_size=1, max_size=24)
)
_sentences = st.lists(
    st.tuples(_sentence, st.sampled_from([".", "!", "?", "...", '."', ".”", "", ","])),
    min_size=1,
    max_size=6,
).map(lambda found: " ".join(" ".join(words) + end for words, end in found))
documents = st.lists(_sentences, min_size=1, max_size=5).map("\n\n".join)


# --- the tokeniser ------------------------------------------------------------------------


@given(_APOSTROPHES)
@settings(max_examples=600)
def test_ascii_words_with_apostrophes_match_their_plain_definition(text: str) -> None:
    assert _ascii_words(text) == plain_ascii_words(text)


def test_ascii_words_on_apostrophe_corners() -> None:
    for text in ["rock'n'roll", "o'neill's", "'a'b'c'", "a''b", "'", "a'b'c'd'e f'g", "x' 'y"]:
        assert _ascii_words(text) == plain_ascii_words(text), text


@given(texts)
@settings(max_examples=600)
def test_words_match_their_plain_definition(text: str) -> None:
    assert words(text) == plain_words(text)
    assert words(text.strip()) == words(text)  # what prefiltered() relies on


def test_separator_symbols_are_no_word_characters_and_keep_their_case() -> None:
    for symbol in SEPARATOR_SYMBOLS:
        assert not symbol.isascii() and not re.match(r"\w", symbol), symbol
        assert symbol.lower() == symbol and symbol not in "'’"


@given(texts, st.lists(st.integers(0, 60), max_size=8))
@settings(max_examples=600)
def test_words_in_match_words_of_each_slice(text: str, cuts: list[int]) -> None:
    points = sorted(min(cut, len(text)) for cut in cuts)
    bounds = list(zip(points[::2], points[1::2], strict=False))
    assert words_in(text, bounds) == [words(text[start:end]) for start, end in bounds]


# --- the prefilter ------------------------------------------------------------------------


@given(token_lists, languages)
@settings(max_examples=600)
def test_clear_winner_by_tallies_matches_its_plain_definition(
    tokens: list[str], expected: list[str]
) -> None:
    from seedcheck.language import _clear_winner

    if len(tokens) >= 1:
        assert _clear_winner(tokens, expected) == plain_clear_winner(tokens, expected)
        assert _clear_winner(tokens, FUNCTION_WORDS) == plain_clear_winner(
            tokens, list(FUNCTION_WORDS)
        )


@given(_sentences | st.lists(st.sampled_from(" ".join(_POOLS).split()), max_size=60).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_guess_language_matches_its_plain_definition(text: str) -> None:
    assert guess_language(text) == plain_guess_language(text)
    assert guess_language(" \n" + text + "\n") == plain_guess_language(text)
    tokens, quick = prefiltered(text)
    assert list(tokens) == words(text) and quick == quick_language(words(text))


# --- SC303 and SC304 ----------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from('ab .!?”"’»\n\u00a0\u2003\t')))
@settings(max_examples=1000)
def test_sentence_bounds_match_the_first_pattern(text: str) -> None:
    expected = [(s.start, s.end) for s in plain_sentences(text, Span(0, len(text)))]
    assert _sentence_bounds(text) == expected


@given(documents, st.sampled_from([("en",), ("de",), ("en", "fr"), ("pl",), ("en", "pl")]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_untranslated_passage_matches_its_plain_definition(
    text: str, expected: tuple[str, ...]
) -> None:
    doc = parse(decode_source("x.txt", text.encode("utf-8")))
    for options in [UntranslatedPassage.options, {**UntranslatedPassage.options, "min-words": 4}]:
        ctx = RuleContext(options=options, languages=expected)
        assert list(UntranslatedPassage().check(doc, ctx)) == list(plain_untranslated(doc, ctx))


@given(documents, st.sampled_from([("en",), ("de",), ("en", "fr"), ("pl",)]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_document_sample_verdict_matches_its_plain_definition(
    text: str, expected: tuple[str, ...]
) -> None:
    for min_words in [4, 20]:
        sc304._sample_verdict.cache_clear()
        assert sc304._sample_verdict(text, expected, min_words, 0.9) == foreign(
            text, expected, min_words, 0.9
        )
