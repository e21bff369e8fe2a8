"""Language identification with a cheap pre-filter.

Most seed text is in the corpus's expected language. A function-word count settles the
common case (English prose) in microseconds; only text that fails it pays for langdetect,
which is imported on first use and seeded so results are deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _vocabulary(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Frequent function words per language: enough to recognise running prose, not names.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _vocabulary(
        "the of and to in a is that for it on was with as by at be this are from have has "
        "not but an or which were been their its they he she his her will would said who "
        "i you we me my our your us him them do did can could should if there what when "
        "about than then also into after over very how had because just more"
    ),
    "de": _vocabulary(
        "der die das und nicht ist zu den von mit sich des auf für im dem ein eine auch "
        "als an nach wie bei einer um am sind noch wird über so zum hat aus in es er sie wir "
        "ich war was werden wurde oder aber dass nur vor zur durch einen einem"
    ),
    "fr": _vocabulary(
        "le la les de des et est en un une du dans que qui pour pas sur au avec il elle "
        "sont par plus ce se ne aux ont été à nous vous ils mais ou où"
    ),
    "es": _vocabulary(
        "el la los las de del y en que un una es por con para no se su al lo como más pero "
        "sus le ha fue"
    ),
    "ru": _vocabulary("и в не на что с по как это он она но из за то от к у же"),
    "it": _vocabulary(
        "il lo la gli le di del della che e è un una per non con si sono nel alla ha"
    ),
    "nl": _vocabulary(
        "de het een en van is dat op te in niet met zijn voor er maar ook als bij wordt"
    ),
    "pt": _vocabulary(
        "o os a as de do da dos das e é um uma que não em no na para com por se mais foi"
    ),
    "uk": _vocabulary("і в не на що з по як це він вона але з за та від до у ж"),
}
# Which languages list each function word: lets quick_language count in one pass.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _language, _vocabulary_words in FUNCTION_WORDS.items():
    for _word in sorted(_vocabulary_words):
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _language)
MIN_WORDS = 8  # below this, text is too short to say anything reliable
_PREFILTER_SHARE = 0.18


def words(text: str) -> list[str]:
    if text.isascii():
        # Lower-casing ASCII maps letters to letters one for one, so lowering the whole text
        # first gives the same tokens with one C call instead of one per word (hot path).
        # Not for other text: "İ".lower() is two code points, and the second is no letter.
        found: list[str] = _WORD.findall(text.lower())
        return found
    return [w.lower() for w in _WORD.findall(text)]


def quick_language(tokens: list[str]) -> str | None:
    """The language whose function words make up a clear share of the tokens, if any."""
    if len(tokens) < MIN_WORDS:
        return None
    # One pass over the tokens; ties go to the language listed first, as before.
    hits = dict.fromkeys(FUNCTION_WORDS, 0)
    for languages in map(_LANGUAGES_OF.get, tokens):
        if languages:
            for language in languages:
                hits[language] += 1
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] / len(tokens) >= _PREFILTER_SHARE else None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    quick = quick_language(tokens)
    if quick is not None:
        return quick
    return _langdetect(" ".join(tokens[:400]))


def function_word_share(tokens: list[str], language: str) -> float | None:
    """Share of the tokens that are function words of `language` (None: no list for it)."""
    vocabulary = FUNCTION_WORDS.get(language)
    if vocabulary is None or not tokens:
        return None
    return sum(1 for t in tokens if t in vocabulary) / len(tokens)


def guess_with_confidence(text: str, tokens: list[str] | None = None) -> tuple[str | None, float]:
    """(language, probability): the prefilter's answer counts as certain, else langdetect's
    best guess with its probability. (None, 0.0) when the text is too short to tell.
    `tokens` are `words(text)` when the caller already has them."""
    if tokens is None:
        tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None, 0.0
    quick = quick_language(tokens)
    if quick is not None:
        return quick, 1.0
    return _langdetect_probability(" ".join(tokens[:400]))


@lru_cache(maxsize=4096)
def _langdetect_probability(text: str) -> tuple[str | None, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return str(best.lang), float(best.prob)


@lru_cache(maxsize=4096)
def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return None
