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
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache

# Capitalised words: an upper-case letter, then lower-case letters (ALL-CAPS headings and
# words with digits are not names for this purpose), Latin script. Bounded: no backtracking.
# The capital comes first and the "no letter before it" test right after it (a two-character
# lookbehind, which also holds at the start of the text): a pattern that starts with a
# character class lets the regex engine skip to candidates, one that starts with a
# lookbehind is tried at every position (three times slower on BBC).
_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![^\W\d_].)[a-zß-öø-ÿ]{3,40}(?![^\W\d_])")
_INTERVOCALIC_H = re.compile(r"(?<=[aeiou])h(?=[aeiou])")
_ENDING = re.compile(r"[iy]{1,2}$")
MIN_STEM = 5


@lru_cache(maxsize=65536)
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


_INTERVOCALIC_G = re.compile(r"(?<=[aeiou])g(?=[aeiou])")


def _intervocalic_gs(lower: str) -> str:
    return "g" if _INTERVOCALIC_G.search(lower) else ""


def name_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int]]:
    """(token, offset) of every capitalised word of text[start:end] that could have a variant."""
    for token, offset, _ in name_mentions(text, start, end):
        yield token, offset


# A token, its offset, and the capitalised words written right before and after it.
Mention = tuple[str, int, tuple[str, ...]]
# The last call's arguments and answer: SC310 and SC408's document features both ask for
# the mentions of a document's body, one right after the other, in the same process.
_last: tuple[str, int, int | None, tuple[Mention, ...]] | None = None


def name_mentions(text: str, start: int = 0, end: int | None = None) -> tuple[Mention, ...]:
    """Like `name_tokens`, with the capitalised words right before and after each token
    ("Volodymyr" for "Volodymyr Zelensky"): the rest of the full name, when written."""
    global _last
    last = _last
    # `is`: the memo holds the text, so the same object is the same text.
    if last is not None and last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    found = _find_mentions(text, start, len(text) if end is None else end)
    _last = (text, start, end, found)
    return found


# Only a token that names_key can give a key is a mention; one that ends in i or y or has
# g or h after a vowel (or right after its capital) can. This pattern finds those tokens
# (a superset: name_key decides), so the other nine in ten capitalised words are passed
# over in C, not one by one in Python. A token is a whole run of letters (the lookbehind
# and lookahead of _TOKEN), so a candidate's neighbours are found around it on their own.
_LOWER = "a-zß-öø-ÿ"
_CANDIDATE = re.compile(
    rf"[A-ZÀ-ÖØ-Þ](?<![^\W\d_].)"
    rf"(?=[gh][aeiou]|[{_LOWER}]*?[aeiou][gh][aeiou]|[{_LOWER}]*[iy](?![{_LOWER}]))"
    rf"[{_LOWER}]{{3,40}}(?![^\W\d_])"
)
# A token that ends where the text ends (searched with endpos right before a candidate).
_TOKEN_AT_END = re.compile(rf"[A-ZÀ-ÖØ-Þ](?<![^\W\d_].)[{_LOWER}]{{3,40}}\Z")


def _find_mentions(text: str, start: int, end: int) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for match in _CANDIDATE.finditer(text, start, end):
        token = match.group()
        if name_key(token) is None:
            continue
        offset = match.start()
        stop = offset + len(token)
        near: list[str] = []
        # The capitalised word before, when one space separates them: a token ending
        # right before that space (tokens are at most 41 characters long).
        if offset - 1 > start and text[offset - 1] == " ":
            before = _TOKEN_AT_END.search(text, max(start, offset - 42), offset - 1)
            if before is not None:
                near.append(before.group())
        # The one after, likewise: a token starting right after the space.
        if stop + 1 < end and text[stop] == " ":
            after = _TOKEN.match(text, stop + 1, end)
            if after is not None:
                near.append(after.group())
        out.append((token, offset, tuple(near)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class VariantGroup:
    key: str
    spellings: tuple[str, ...]  # in order of first appearance
    # Neighbouring words that tie the spellings to one person (shared by two spellings);
    # empty when the key alone is enough.
    links: frozenset[str] = frozenset()


def variant_groups(
    spellings_in_order: list[str], neighbours: Mapping[str, Set[str]] | None = None
) -> list[VariantGroup]:
    """Groups of two or more spellings sharing a key, from spellings in order of first use.

    With `neighbours` (spelling -> capitalised words seen next to it), spellings that differ
    by their ending must also share a neighbour to be grouped: across a corpus a first name
    alone is not a person (Andrei Arshavin and Andrey Zvyagintsev), and Pompey is not
    Pompeii, but "Dmitry Peskov" and "Dmitri Peskov" are one man. Within one document the
    key alone is enough.
    """
    by_key: dict[str, list[str]] = {}
    for spelling in spellings_in_order:
        key = name_key(spelling)
        if key is None:
            continue
        bucket = by_key.setdefault(key, [])
        if spelling not in bucket:
            bucket.append(spelling)
    groups = []
    for key, spellings in by_key.items():
        if neighbours is not None and key.endswith("~"):
            for part, links in _linked(spellings, neighbours):
                if len(part) > 1:
                    groups.append(VariantGroup(key, part, links))
        elif len(spellings) > 1:
            groups.append(VariantGroup(key, tuple(spellings)))
    return groups


def _linked(
    spellings: list[str], neighbours: Mapping[str, Set[str]]
) -> list[tuple[tuple[str, ...], frozenset[str]]]:
    """Split spellings into parts connected by a shared neighbouring word (order kept),
    each with the neighbouring words that connect it."""
    near = {s: {n.casefold() for n in neighbours.get(s, ())} for s in spellings}
    parts: list[list[str]] = []
    for spelling in spellings:
        joined = [p for p in parts if any(near[s] & near[spelling] for s in p)]
        merged = [spelling]
        for part in joined:
            merged[:0] = part
            parts.remove(part)
        parts.append(merged)
    order = {s: i for i, s in enumerate(spellings)}
    out = []
    for part in parts:
        ordered = tuple(sorted(part, key=order.__getitem__))
        links = {
            word
            for i, a in enumerate(ordered)
            for b in ordered[i + 1 :]
            for word in near[a] & near[b]
        }
        out.append((ordered, frozenset(links)))
    return sorted(out, key=lambda item: order[item[0][0]])
