"""The tokenisers and the function-word prefilter against their plain definitions: the fast
paths (ASCII patterns, clear-winner counting) must give exactly the same answers."""

from __future__ import annotations

import re

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
