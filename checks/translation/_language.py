"""Deciding whether a span of text is in a language other than the expected ones.

Shared by the untranslated-passage and document-language rules. A span is called foreign
only on positive evidence: enough words, not mostly names or links, langdetect sure of it,
few function words of the expected languages and (when we know them) a fair share of the
detected language's own function words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from seedcheck.language import (
    FUNCTION_WORDS,
    function_word_share,
    guess_with_confidence,
    quick_language_in,
    words,
)

NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "tr": "Turkish", "ar": "Arabic", "zh-cn": "Chinese", "ja": "Japanese",
}  # fmt: skip
_LINKS = re.compile(r"\S{0,200}://\S{0,2000}|www\.\S{1,2000}|\[[^\]\n]{0,300}\]\([^)\n]{0,2000}\)")
_CAPITALISED = re.compile(r"[^\W\d_]")
EXPECTED_SHARE_MAX = 0.12  # English prose runs at 0.3-0.45 function words
OWN_SHARE_MIN = 0.10


@dataclass(frozen=True, slots=True)
class Verdict:
    language: str
    probability: float

    @property
    def name(self) -> str:
        label = NAMES.get(self.language)
        return f"{label} ({self.language})" if label else self.language


def foreign(
    text: str,
    expected: Sequence[str],
    min_words: int,
    min_probability: float,
    tokens: list[str] | None = None,
) -> Verdict | None:
    """The language of `text` when it is confidently not one of `expected`. `tokens` are
    `words(text)` when the caller has them (used only for text without links)."""
    if has_links(text):
        plain = _LINKS.sub(" ", text)
        tokens = words(plain)
    else:
        plain = text
        tokens = words(text) if tokens is None else tokens
    if len(tokens) < min_words or quick_language_in(tokens, expected):
        return None  # too short, or plainly in an expected language (the common case)
    raw = [t for t in plain.split() if _CAPITALISED.match(t)]
    capitalised = sum(1 for t in raw if t[0].isupper())
    if raw and capitalised / len(raw) >= 0.5:
        return None  # a line of names (team sheets, captions, lists of people)
    if all(_implausible(tokens, code, expected) for code in _candidates(tuple(expected))):
        # Whatever langdetect said, the word counts below would overrule it: skip langdetect
        # (most of the cost of this function, and its profiles take a second to load).
        return None
    language, probability = guess_with_confidence(plain, tokens)
    if language is None or language in expected or probability < min_probability:
        return None
    if _implausible(tokens, language, expected):
        return None
    return Verdict(language, probability)


def has_links(text: str) -> bool:
    return "://" in text or "www." in text or "](" in text


def _implausible(tokens: list[str], language: str, expected: Sequence[str]) -> bool:
    """Whether the word counts contradict a `language` verdict on these tokens: too many
    function words of an expected language, or too few of `language`'s own."""
    # Words both languages use ("in", "so", "die") say nothing: count the others.
    own_words = FUNCTION_WORDS.get(language, frozenset())
    distinct = [t for t in tokens if t not in own_words]
    for known in expected:
        share = function_word_share(distinct, known)
        if share is not None and share * len(distinct) / len(tokens) >= EXPECTED_SHARE_MAX:
            return True
    own = function_word_share(tokens, language)
    return own is not None and own < OWN_SHARE_MIN


# Stands for every language without a function-word list: for all of them `_implausible`
# gives the same answer (no own words to set aside, no own share to ask for).
_UNLISTED = ""


@lru_cache(maxsize=16)
def _candidates(expected: tuple[str, ...]) -> tuple[str, ...]:
    """One representative of each way `_implausible` can judge a langdetect verdict outside
    `expected`: each listed language, and the unlisted ones as a group."""
    return (*(code for code in FUNCTION_WORDS if code not in expected), _UNLISTED)


def expected_names(expected: Sequence[str]) -> str:
    return ", ".join(NAMES.get(code, code) for code in expected)
