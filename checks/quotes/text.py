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

# A word: letters/digits, with inner apostrophes ("Russia's"). Hyphens separate words, so
# "double-act" and "double act", "No-one" and "No one" are the same words.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# The same words in ASCII text: a plain class is matched about twice as fast as the
# Unicode category one, and most seed text is ASCII.
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
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
    if folded.isascii():
        found: list[str] = _ASCII_WORD.findall(folded)
        return found
    # One apostrophe: replaced before matching, so "russia’s" is found as "russia's".
    unified: list[str] = _WORD.findall(folded.replace("’", "'"))
    return unified


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
    import numpy as np

    if not seq:
        return np.zeros(0, dtype=np.uint32)
    hashes = window_hashes(word_hashes(seq), min(size, len(seq)))
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
