"""The tokenisers and the function-word prefilter against their plain definitions: the fast
paths (ASCII patterns, clear-winner counting) must give exactly the same answers."""

from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.checks.quotes import text as quote_text
from seedcheck.language import (
    _PREFILTER_SHARE,
    FUNCTION_WORDS,
    MIN_WORDS,
    language_hits,
    quick_language,
    quick_language_in,
    words,
)

_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PLAIN_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def plain_words(text: str) -> list[str]:
    return [w.lower() for w in _PLAIN_WORD.findall(text)]


def plain_quote_words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _PLAIN_QUOTE_WORD.findall(text.casefold())]


def plain_quick_language(tokens: list[str]) -> str | None:
    if len(tokens) < MIN_WORDS:
        return None
    hits = language_hits(tokens)
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] / len(tokens) >= _PREFILTER_SHARE else None


# Letters that change length or letter-ness when lower-cased, sigmas, apostrophes, digits.
_TRICKY = "İΣσςßǅΑΟ’'_-. \n1éÉ"
texts = st.text(alphabet=st.sampled_from(_TRICKY + "abcXYZ")) | st.text()
_VOCABULARY = [*sorted(set().union(*FUNCTION_WORDS.values())), "house", "berlin", "x"]
token_lists = st.lists(st.sampled_from(_VOCABULARY), max_size=40)
languages = st.lists(st.sampled_from([*FUNCTION_WORDS, "pl"]), min_size=1, max_size=3)


@given(texts)
@settings(max_examples=400)
def test_words_match_their_plain_definition(text: str) -> None:
    assert words(text) == plain_words(text)
    assert words(text.encode("ascii", "ignore").decode()) == plain_words(
        text.encode("ascii", "ignore").decode()
    )


def test_words_with_apostrophes_match_their_plain_definition() -> None:
    for text in ["rock'n'roll", "'quoted'", "Don't", "''a''b", "a''b'", "it's 2'nd", "x'", "'"]:
        assert words(text) == plain_words(text), text


@given(texts)
@settings(max_examples=400)
def test_quote_words_match_their_plain_definition(text: str) -> None:
    assert quote_text.words(text) == plain_quote_words(text)


@given(token_lists, languages)
@settings(max_examples=600)
def test_prefilter_matches_a_full_count(tokens: list[str], expected: list[str]) -> None:
    assert quick_language(tokens) == plain_quick_language(tokens)
    assert quick_language_in(tokens, expected) == (plain_quick_language(tokens) in expected)


def test_prefilter_on_real_sentences() -> None:
    english = words("The minister said that he would not resign, and that the party was with him.")
    german = words("Die Allianz stehe fest an der Seite der Ukraine, sagte er nach dem Telefonat.")
    assert quick_language(english) == "en" and quick_language_in(english, ["en"])
    assert quick_language(german) == "de" and not quick_language_in(german, ["en"])


# --- langdetect with its n-gram table filled on demand --------------------------------------

_SAMPLES = [
    "aviation analyst nick van den brul of bnp paribas described ba's latest results",
    "congress will spend several months debating george w bush's proposal",
    "Die Allianz stehe fest an der Seite der Ukraine, sagte er nach dem Telefonat.",
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites.",
    "Правительство объявило о новых мерах поддержки экономики",
    "Rząd ogłosił w środę nowe przepisy dotyczące podatków",
    "東京都は新しい計画を発表した",
    "x",
    "",
]
_LANGDETECT_ALPHABET = "abcdefghijklmnopqrstuvwxyz äöüßéèçñąęłśżğışабвгдежзийк東京都は  .,'"
langdetect_texts = st.sampled_from(_SAMPLES) | st.text(
    alphabet=st.sampled_from(_LANGDETECT_ALPHABET), max_size=120
)


@lru_cache(maxsize=1)
def _full_table_factory():  # type: ignore[no-untyped-def]
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def _probabilities(factory, text: str) -> list[tuple[str, float]] | str:  # type: ignore[no-untyped-def]
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()
    detector.append(text)
    try:
        return [(str(p.lang), p.prob) for p in detector.get_probabilities()]
    except LangDetectException as error:
        return f"error: {error}"


@given(langdetect_texts)
@settings(max_examples=150, deadline=None)
def test_langdetect_on_demand_table_gives_langdetects_own_answers(text: str) -> None:
    from seedcheck.language import _factory

    assert _probabilities(_factory(), text) == _probabilities(_full_table_factory(), text)


def test_langdetect_on_demand_table_holds_langdetects_languages_and_entries() -> None:
    from seedcheck.language import _factory

    full = _full_table_factory()
    lazy = _factory()
    assert lazy.langlist == full.langlist
    for ngram in ["a", "th", "the", "ein", "ß", "東", "abcd", "zzzz", "qxj"]:
        assert (ngram in lazy.word_lang_prob_map) == (ngram in full.word_lang_prob_map)
        if ngram in full.word_lang_prob_map:
            assert lazy.word_lang_prob_map[ngram] == full.word_lang_prob_map[ngram]
