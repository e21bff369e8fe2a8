"""Name variants: one person's name spelled in different ways (transliteration).

Shared by the in-document rule (SC310) and the corpus rule (SC408). Two capitalised words
are variants when they reduce to the same *key* and are spelled differently. The key only
forgives differences that transliteration produces, never general edit distance, so that two
different words or two different real names (Austin / Austria, Ukraine / Ukrainian, Serge /
Sergei, Hall / Gall) are never variants:

- the ending -i / -y / -iy / -yi / -ii (Zelensky, Zelenskiy, Zelenskyi; Dmitry, Dmitri;
  Sergei, Sergey): only between two words that both have such an ending, on a stem of at
  least five letters;
- g / h between vowels (Lugansk, Luhansk: Russian vs Ukrainian transliteration).

Possessives and plurals are different tokens with different keys ("Zelensky's" is read as
"Zelensky"; "Ukraines" keeps its s), so they never make a variant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Capitalised words: an upper-case letter, then lower-case letters (ALL-CAPS headings and
# words with digits are not names for this purpose). Bounded quantifier: no backtracking.
_TOKEN = re.compile(r"(?<![^\W\d_])[^\W\d_][^\W\d_]{3,40}(?![^\W\d_])")
_INTERVOCALIC_H = re.compile(r"(?<=[aeiou])h(?=[aeiou])")
_ENDING = re.compile(r"[iy]{1,2}$")
MIN_STEM = 5


def name_key(token: str) -> str | None:
    """The variant key of a capitalised word, or None when it can have no variant."""
    lower = token.casefold()
    key = _INTERVOCALIC_H.sub("g", lower)
    ending = _ENDING.search(key)
    if ending and ending.start() >= MIN_STEM:
        key = key[: ending.start()] + "~"
    if key == lower and "g" not in _intervocalic_gs(lower):
        return None  # nothing transliteration could have changed
    return key


def _intervocalic_gs(lower: str) -> str:
    return "g" if re.search(r"(?<=[aeiou])g(?=[aeiou])", lower) else ""


def name_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int]]:
    """(token, offset) of every capitalised word of text[start:end] that could have a variant."""
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        token = match.group()
        if token[0].isupper() and token[1:].islower() and name_key(token) is not None:
            yield token, match.start()


@dataclass(frozen=True, slots=True)
class VariantGroup:
    key: str
    spellings: tuple[str, ...]  # in order of first appearance


def variant_groups(spellings_in_order: list[str]) -> list[VariantGroup]:
    """Groups of two or more spellings sharing a key, from spellings in order of first use."""
    by_key: dict[str, list[str]] = {}
    for spelling in spellings_in_order:
        key = name_key(spelling)
        if key is None:
            continue
        bucket = by_key.setdefault(key, [])
        if spelling not in bucket:
            bucket.append(spelling)
    return [VariantGroup(key, tuple(s)) for key, s in by_key.items() if len(s) > 1]
