"""Language identification with a cheap pre-filter.

Most seed text is in the corpus's expected language. A function-word count settles the
common case (English prose) in microseconds; only text that fails it pays for langdetect,
which is imported on first use and seeded so results are deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Frequent function words per language: enough to recognise running prose, not names.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "it",
            "on",
            "was",
            "with",
            "as",
            "by",
            "at",
            "be",
            "this",
            "are",
            "from",
            "have",
            "has",
            "not",
            "but",
            "an",
            "or",
            "which",
            "were",
            "been",
            "their",
            "its",
            "they",
            "he",
            "she",
            "his",
            "her",
            "will",
            "would",
            "said",
            "who",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "nicht",
            "ist",
            "zu",
            "den",
            "von",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "im",
            "dem",
            "ein",
            "eine",
            "auch",
            "als",
            "an",
            "nach",
            "wie",
            "bei",
            "einer",
            "um",
            "am",
            "sind",
            "noch",
            "wird",
            "über",
            "so",
            "zum",
            "hat",
            "aus",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "est",
            "en",
            "un",
            "une",
            "du",
            "dans",
            "que",
            "qui",
            "pour",
            "pas",
            "sur",
            "au",
            "avec",
            "il",
            "elle",
            "sont",
            "par",
            "plus",
            "ce",
            "se",
            "ne",
            "aux",
            "ont",
            "été",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "que",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "no",
            "se",
            "su",
            "al",
            "lo",
            "como",
            "más",
            "pero",
            "sus",
            "le",
            "ha",
            "fue",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "как",
            "это",
            "он",
            "она",
            "но",
            "из",
            "за",
            "то",
            "от",
            "к",
            "у",
            "же",
        ]
    ),
}
MIN_WORDS = 8  # below this, text is too short to say anything reliable
_PREFILTER_SHARE = 0.18


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quick_language(tokens: list[str]) -> str | None:
    """The language whose function words make up a clear share of the tokens, if any."""
    if len(tokens) < MIN_WORDS:
        return None
    best, best_share = None, 0.0
    for language, vocabulary in FUNCTION_WORDS.items():
        share = sum(1 for t in tokens if t in vocabulary) / len(tokens)
        if share > best_share:
            best, best_share = language, share
    return best if best_share >= _PREFILTER_SHARE else None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    quick = quick_language(tokens)
    if quick is not None:
        return quick
    return _langdetect(" ".join(tokens[:400]))


@lru_cache(maxsize=4096)
def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return None
