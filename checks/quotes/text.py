"""Text normalisation shared by the quote rules: words, sentences, shingles, word diffs.

Quotes are compared as sequences of normalised words: case-folded, curly quotes and
apostrophes unified, punctuation dropped. "Russia’s" and "russia's" are the same word;
"Ukraine," and "Ukraine" too.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from seedcheck.language import SEPARATOR_SYMBOLS

# A word: letters/digits, with inner apostrophes ("Russia's"). Hyphens separate words, so
# "double-act" and "double act", "No-one" and "No one" are the same words.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# The words of case-folded ASCII text are its runs of [a-z0-9'] once every other character
# is a space and so is every apostrophe without a letter or digit on both sides: a match of
# `[a-z0-9]+(?:'[a-z0-9]+)*` is a maximal run of letters and digits continued across each
# apostrophe that has one on either side, and every letter and digit is in a match. Split
# in C, that is about twice as fast as the pattern (see tests/test_feat_fast_paths.py).
_ASCII_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "'")}
)
# The literal first, then "no letter or digit after it, or none before it" (a lookbehind
# over the character before the apostrophe): a pattern that starts with a character the
# engine can search for is several times faster than one that starts with a lookaround.
_LONE_APOSTROPHE = re.compile(r"'(?:(?![a-z0-9])|(?<![a-z0-9].))")
# The language tokeniser's separator symbols (£, typographic quotes and dashes...), which
# are no word characters here either (not alphanumeric, not "_"; tests check each): as
# spaces they change no word, and the text can take the ASCII path. (The typographic
# apostrophe is replaced by "'" before, not by a space.)
_MARKS = re.compile(f"[{re.escape(SEPARATOR_SYMBOLS)}]")
# Sentence ends: . ! ? (optionally followed by closing quotes/brackets) then whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]{0,3}(?=\s)")
_SPACES = re.compile(r"\s*")

_FUNCTION_WORDS = """
    a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those i you he she we they me him her us them my your his our their
    not no so do does did have has had will would can could should may might must shall
    there here what which who whom when where why how all any some than then too very just
    also about into over after before up down out off again
    i'm i've i'd i'll it's we're we've we'll you're they're that's there's what's he's she's
    don't doesn't didn't can't won't isn't aren't wasn't weren't haven't hasn't wouldn't
    know think say said get got go going want really"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())


def words(text: str) -> list[str]:
    """Normalised words of a text (case-folded, one apostrophe, no punctuation)."""
    folded = text.casefold()
    spaced = _ascii_spaced(folded)
    if spaced is None:
        return _unicode_words(folded)
    return spaced.split()


def word_bytes(text: str) -> list[bytes]:
    """`words(text)`, each encoded in UTF-8 (what word hashes and keys are taken of),
    without a str per word on the ASCII path."""
    folded = text.casefold()
    spaced = _ascii_spaced(folded)
    if spaced is None:
        return [word.encode() for word in _unicode_words(folded)]
    return spaced.encode().split()  # (ASCII: the runs str.split finds, as bytes)


def _ascii_spaced(folded: str) -> str | None:
    """Case-folded text with every character that is in no word made a space, when the
    result is ASCII (its words are then its runs between spaces); else None."""
    if not folded.isascii():
        folded = _MARKS.sub(" ", folded.replace("’", "'"))
        if not folded.isascii():
            return None
    spaced = folded.translate(_ASCII_SEPARATORS)
    if "'" in spaced:
        spaced = _LONE_APOSTROPHE.sub(" ", spaced)
    return spaced


def _unicode_words(folded: str) -> list[str]:
    # One apostrophe: replaced before matching, so "russia’s" is found as "russia's".
    found: list[str] = _WORD.findall(folded.replace("’", "'"))
    return found


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end) offsets, whitespace trimmed."""
    out = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        # A sentence that a mark ends has no trailing white space; its leading white space
        # (`\s` is what str.strip removes) is skipped without slicing the text.
        stop = match.end()
        spaces = _SPACES.match(text, pos, stop)  # (always a match: `\s*`)
        first = spaces.end() if spaces else pos
        if stop > first:
            out.append((first, stop))
        pos = stop
    chunk = text[pos:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    if end - trail > pos + lead:
        out.append((pos + lead, end - trail))
    return out


def shingle_array(seq: Sequence[str], size: int) -> Any:
    """Stable 32-bit hashes of the word n-grams of `seq` (same values in every run), as a
    numpy uint32 array: words hashed once (crc32), n-grams combined by a polynomial rolling
    hash in numpy, not by joining strings per n-gram. A sequence shorter than `size` has
    one n-gram, itself."""
    return encoded_shingle_array(list(map(str.encode, seq)), size)


def encoded_shingle_array(encoded: Sequence[bytes], size: int) -> Any:
    """`shingle_array` of words given in UTF-8 (`word_bytes`)."""
    import numpy as np

    if not encoded:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(encoded))
    hashes = window_hashes(ids, min(size, len(encoded)))
    return hashes.astype(np.uint32)  # the low 32 bits: the value mod 2^32


def word_hashes(seq: Sequence[str]) -> Any:
    """crc32 of each word's UTF-8, as np.uint64, by C calls only: faster than any memo of
    the values, whose lookups must hash each (new) word string first."""
    import numpy as np

    crcs = map(zlib.crc32, map(str.encode, seq))  # str.encode: UTF-8, strict
    return np.fromiter(crcs, dtype=np.uint64, count=len(seq))


def window_hashes(ids: Any, size: int) -> Any:
    """The rolling hash of every `size` consecutive values of `ids` (np.uint64, at least
    `size` of them), at each position where they fit: (((ids[i] * M + ids[i+1]) * M + ...)
    + ids[i+size-1]) with M = 1_000_003, mod 2^64, i.e. the sum of ids[i+k] * M^(size-1-k):
    one numpy correlation (integer dot products wrap around mod 2^64). Its low 32 bits are
    the shingle hash, the value mod 2^32: 2^32 divides 2^64, so reducing once at the end is
    the same as after every step."""
    import numpy as np

    if size <= 1:
        return ids[: ids.size - size + 1].copy()  # (all of them for size <= 0, as before)
    return np.correlate(ids, _powers(size), mode="valid")


@lru_cache(maxsize=8)
def _powers(size: int) -> Any:
    """M^(size-1), ..., M, 1 mod 2^64, as np.uint64."""
    import numpy as np

    return np.array([pow(1_000_003, size - 1 - k, 1 << 64) for k in range(size)], np.uint64)


@dataclass(frozen=True, slots=True)
class Overlap:
    matched: int  # words the two sequences share, in order
    longest: int  # longest run of consecutive shared words
    shorter: int  # length of the shorter sequence
    covered: int  # words of the shorter from its first to its last shared word
    spread: int  # words of the longer from its first to its last shared word

    @property
    def ratio(self) -> float:
        """Share of the shorter sequence found in the longer one (containment, in order)."""
        return self.matched / self.shorter if self.shorter else 0.0

    @property
    def coverage(self) -> float:
        """Share of the shorter sequence between its first and last shared word."""
        return self.covered / self.shorter if self.shorter else 0.0


def overlap(a: Sequence[str], b: Sequence[str]) -> Overlap:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return Overlap(0, 0, min(len(a), len(b)), 0, 0)
    # How much of the shorter sequence lies between shared words: a rendering of the same
    # statement is anchored at both ends; two statements sharing a phrase are not.
    span_a = blocks[-1].a + blocks[-1].size - blocks[0].a
    span_b = blocks[-1].b + blocks[-1].size - blocks[0].b
    shorter_span, longer_span = (span_a, span_b) if len(a) < len(b) else (span_b, span_a)
    covered = min(span_a, span_b) if len(a) == len(b) else shorter_span
    spread = max(span_a, span_b) if len(a) == len(b) else longer_span
    return Overlap(
        matched=sum(block.size for block in blocks),
        longest=max(block.size for block in blocks),
        shorter=min(len(a), len(b)),
        covered=covered,
        spread=spread,
    )


def word_diff(a: Sequence[str], b: Sequence[str]) -> str:
    """The word-level differences from `a` to `b` on their overlapping part.

    Words before the first and after the last shared word are context one rendering has
    and the other lacks (a longer quote), not a difference of wording, so they are left out.
    """
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = matcher.get_opcodes()
    while ops and ops[0][0] != "equal":
        ops = ops[1:]
    while ops and ops[-1][0] != "equal":
        ops = ops[:-1]
    changes = []
    for tag, i1, i2, j1, j2 in ops:
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag == "replace":
            changes.append(f"{old!r} → {new!r}")
        elif tag == "delete":
            changes.append(f"-{old!r}")
        elif tag == "insert":
            changes.append(f"+{new!r}")
    return ", ".join(changes) if changes else "same words"
