"""Language identification with a cheap pre-filter.

Most seed text is in the corpus's expected language. A function-word count settles the
common case (English prose) in microseconds; only text that fails it pays for langdetect,
which is imported on first use and seeded so results are deterministic.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The same tokens in lower-cased ASCII text, matched about twice as fast (a plain class
# instead of a Unicode category test per character).
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# An apostrophe that joins no two letters (not followed, or not preceded, by one); and, once
# those are spaces, a run with two joining apostrophes. Both patterns start with the
# apostrophe, so the engine skips to each apostrophe directly.
_LONE_APOSTROPHE = re.compile(r"'(?:(?![a-z])|(?<![a-z]'))")
_SECOND_APOSTROPHE = re.compile(r"'[a-z]+'")
# Non-ASCII characters common in English news text (a fourth of the BBC's articles have a
# pound sign) that are in no token, like a space: no word characters, and lower() leaves
# them as they are. Not the apostrophe ’, which joins two letters into one token.
SEPARATOR_SYMBOLS = "£€“”‘–—…\xa0"
# Every ASCII character that can be in no such token, to a space: in lower-cased ASCII text
# the tokens are then the runs between spaces, except in runs with an apostrophe.
_ASCII_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (ord("a") <= c <= ord("z") or chr(c) == "'")}
)


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
# For each language, the function words of all the others.
_RIVALS: dict[str, frozenset[str]] = {
    language: frozenset().union(*(v for k, v in FUNCTION_WORDS.items() if k != language))
    for language in FUNCTION_WORDS
}
MIN_WORDS = 8  # below this, text is too short to say anything reliable
_PREFILTER_SHARE = 0.18


def words(text: str) -> list[str]:
    ascii_text = _as_ascii(text)
    if ascii_text is not None:
        # Lower-casing ASCII maps letters to letters one for one, so lowering the whole text
        # first gives the same tokens with one C call instead of one per word (hot path).
        # Not for other text: "İ".lower() is two code points, and the second is no letter.
        return _ascii_words(ascii_text.lower().translate(_ASCII_SEPARATORS))
    found = _WORD.findall(text)
    # Tokens hold no spaces, so one lower() over them joined equals one per token (the
    # final-sigma rule sees a space at either end in both cases).
    return " ".join(found).lower().split(" ") if found else []


def words_in(text: str, bounds: Iterable[tuple[int, int]]) -> list[list[str]]:
    """`[words(text[start:end]) for start, end in bounds]`, lowering and translating ASCII
    text once for all the slices (SC303 tokenises each sentence of a paragraph): both map
    each ASCII character to one character, so a slice of the result is the result of the
    slice."""
    ascii_text = _as_ascii(text)
    if ascii_text is None:
        return [words(text[start:end]) for start, end in bounds]
    translated = ascii_text.lower().translate(_ASCII_SEPARATORS)
    return [_ascii_words(translated[start:end]) for start, end in bounds]


def _as_ascii(text: str) -> str | None:
    """The text with each of the SEPARATOR_SYMBOLS in it made a space, when that leaves it
    ASCII: it has the same tokens (and the same offsets), and takes the ASCII path."""
    if text.isascii():
        return text
    for symbol in SEPARATOR_SYMBOLS:
        if symbol in text:
            text = text.replace(symbol, " ")
    return text if text.isascii() else None


def _ascii_words(translated: str) -> list[str]:
    """The tokens of lower-cased ASCII text whose other separators are spaces already."""
    if "'" not in translated:
        return translated.split()  # split in C: several times faster than the pattern
    # An apostrophe joins two letters into one token, except a second one in a token
    # ("rock'n'roll" is "rock'n" and "roll"). Where no token holds a second one (nearly
    # always), the text with every other apostrophe made a space splits into the tokens.
    joined = _LONE_APOSTROPHE.sub(" ", translated)
    if not _SECOND_APOSTROPHE.search(joined):
        return joined.split()
    return _ASCII_WORD.findall(translated)


def quick_language(tokens: Sequence[str]) -> str | None:
    """The language whose function words make up a clear share of the tokens, if any."""
    if len(tokens) < MIN_WORDS:
        return None
    clear = _clear_winner(tokens, FUNCTION_WORDS)
    if clear is not None:
        return clear
    hits = language_hits(tokens)
    # Ties go to the language listed first in FUNCTION_WORDS.
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] / len(tokens) >= _PREFILTER_SHARE else None


def quick_language_in(tokens: list[str], languages: Sequence[str]) -> bool:
    """`quick_language(tokens) in languages`, mostly without counting every language."""
    if len(tokens) < MIN_WORDS:
        return False
    if _clear_winner(tokens, languages) is not None:
        return True
    return quick_language(tokens) in languages


def _clear_winner(tokens: Sequence[str], languages: Iterable[str]) -> str | None:
    """The first of `languages` with the share needed and more function words than any
    other language could have; None when no language is that clearly ahead."""
    n = len(tokens)
    for language in languages:
        if language in FUNCTION_WORDS and is_clear(tally(tokens, language), n):
            return language
    return None


# A tally packs two counts in one int: a language's function words, plus its rivals' (the
# function words of all other languages) times _RIVAL. Tallies of consecutive pieces of a
# token list add up to the tally of the whole, and one pass in C counts both (this runs on
# every paragraph and sentence). No list in memory holds 2**40 tokens, so the own count
# never carries into the rivals' bits.
_RIVAL_BITS = 40
_RIVAL = 1 << _RIVAL_BITS


# For each language, what each function word adds to its tally.
_TALLY_WEIGHTS: dict[str, dict[str, int]] = {
    language: {
        word: (word in own) + _RIVAL * (word in _RIVALS[language])
        for word in own | _RIVALS[language]
    }
    for language, own in FUNCTION_WORDS.items()
}


def tally(tokens: Iterable[str], language: str) -> int:
    """The packed counts of `language`'s function words and its rivals' among the tokens;
    `language` must have a function-word list."""
    return sum(map(_TALLY_WEIGHTS[language].get, tokens, repeat(0)))


def is_clear(packed: int, n: int) -> bool:
    """The clear-winner test on the tally of n > 0 tokens: the share needed, and more
    function words than any other language could have (any other language counts at most
    the tokens that any other list holds)."""
    hits, rivals = packed & (_RIVAL - 1), packed >> _RIVAL_BITS
    return hits / n >= _PREFILTER_SHARE and hits > rivals


def language_hits(tokens: Iterable[str]) -> dict[str, int]:
    """Function words of each language among the tokens."""
    hits = dict.fromkeys(FUNCTION_WORDS, 0)
    for languages in map(_LANGUAGES_OF.get, tokens):
        if languages:
            for language in languages:
                hits[language] += 1
    return hits


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    tokens, quick = prefiltered(text)
    if len(tokens) < MIN_WORDS:
        return None
    if quick is not None:
        return quick
    return _langdetect(" ".join(tokens[:400]))


def prefiltered(text: str) -> tuple[tuple[str, ...], str | None]:
    """`words(text)` and their `quick_language`, remembered for the last few texts: SC304's
    sample of a document and the table rows' body are mostly the same text, and take the
    same answer. White space at either end is in no token, so the text is stripped first
    (the sample ends before the body's last line break)."""
    return _prefiltered(text.strip())


@lru_cache(maxsize=4)
def _prefiltered(text: str) -> tuple[tuple[str, ...], str | None]:
    tokens = words(text)
    return tuple(tokens), quick_language(tokens)


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
    from langdetect.lang_detect_exception import LangDetectException

    try:
        best = _detector(text).get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return str(best.lang), float(best.prob)


@lru_cache(maxsize=4096)
def _langdetect(text: str) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return str(_detector(text).detect())
    except LangDetectException:
        return None


def load_langdetect() -> None:
    """Import langdetect, with the array detector, and read its profiles now, not on first
    use (about 0.2 s with numpy): the warm-up of the rules that may ask it in a parallel
    run (see `Rule.warm_modules`)."""
    import seedcheck.detector  # noqa: F401

    _factory()


def _detector(text: str) -> Any:
    detector = _factory().create()
    detector.append(text)
    return detector


@lru_cache(maxsize=1)
def _factory() -> Any:
    """langdetect's detector factory with its own profiles, seeded (deterministic results),
    whose n-gram table is filled on demand (see LazyProfiles) and whose detectors compute
    their trials on arrays (seedcheck.detector) when numpy is loaded."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    class LazyFactory(DetectorFactory):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.word_lang_prob_map = LazyProfiles()

        def _create_detector(self) -> Any:
            # Both detectors give the same probabilities, bit for bit. numpy takes about
            # 0.08 s to import: the array detector only where numpy is loaded already (the
            # cross-file features, a parallel run's warm-up); the few sentences of a
            # one-file commit hook cost less in langdetect's own loop.
            if "numpy" in sys.modules:
                from seedcheck.detector import ArrayDetector

                return ArrayDetector(self)
            return DetectorFactory._create_detector(self)

        def add_profile(self, profile: Any, index: int, langsize: int) -> None:
            # langdetect's own load_profile reads and orders the profiles (its index order
            # is the order of its probability sums); only the table is built differently.
            DetectorFactory.add_profile(self, _Nameless(profile.name), index, langsize)
            self.word_lang_prob_map.add(profile.freq, profile.n_words, langsize)

    factory = LazyFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


class _Nameless:
    """A profile with a name and no n-grams: langdetect's add_profile then only registers
    the language (and rejects a duplicate), leaving the table to LazyProfiles."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.freq: dict[str, int] = {}


class LazyProfiles(dict[str, list[float]]):
    """langdetect's `word_lang_prob_map` (n-gram -> its probability in each language),
    with each entry computed the first time the detector asks for it, exactly as
    DetectorFactory.add_profile computes it. Building the whole table takes about 0.4 s
    per process (87,000 n-grams by 55 languages); a run asks for a few thousand entries,
    in the few texts the function-word prefilter cannot settle."""

    def __init__(self) -> None:
        super().__init__()
        self._profiles: list[tuple[Mapping[str, int], Sequence[int]]] = []
        self._size = 0
        self._known: set[str] = set()

    def add(self, freq: Mapping[str, int], n_words: Sequence[int], size: int) -> None:
        self._profiles.append((freq, n_words))
        self._size = size
        self._known.update(freq)

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def __missing__(self, word: str) -> list[float]:
        if word not in self._known:
            raise KeyError(word)
        probabilities = [0.0] * self._size
        length = len(word)
        if 1 <= length <= 3:
            for index, (freq, n_words) in enumerate(self._profiles):
                count = freq.get(word)
                if count is not None:
                    probabilities[index] = 1.0 * count / n_words[length - 1]
        self[word] = probabilities
        return probabilities
