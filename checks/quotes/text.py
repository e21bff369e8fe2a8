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

# A word: letters/digits, with inner apostrophes or hyphens ("Russia's", "pro-Russia").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Sentence ends: . ! ? (optionally followed by closing quotes/brackets) then whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]{0,3}(?=\s)")

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those i you he she we they me him her us them my your his our their
    not no so do does did have has had will would can could should may might must shall
    there here what which who whom when where why how all any some than then too very just
    also about into over after before up down out off again""".split()
)


def words(text: str) -> list[str]:
    """Normalised words of a text (case-folded, one apostrophe, no punctuation)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end) offsets, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def shingle_hashes(seq: Sequence[str], size: int) -> list[int]:
    """Stable 32-bit hashes of the word n-grams of `seq` (crc32: same values every run)."""
    if len(seq) < size:
        return [zlib.crc32(" ".join(seq).encode("utf-8"))] if seq else []
    return [
        zlib.crc32(" ".join(seq[i : i + size]).encode("utf-8"))
        for i in range(len(seq) - size + 1)
    ]


def is_contiguous_in(short: Sequence[str], long: Sequence[str]) -> bool:
    """True when `short` occurs as a run of consecutive words in `long`."""
    n = len(short)
    if n == 0 or n > len(long):
        return False
    first = short[0]
    return any(
        long[i] == first and tuple(long[i : i + n]) == tuple(short)
        for i in range(len(long) - n + 1)
    )


@dataclass(frozen=True, slots=True)
class Overlap:
    matched: int  # words the two sequences share, in order
    longest: int  # longest run of consecutive shared words
    shorter: int  # length of the shorter sequence

    @property
    def ratio(self) -> float:
        """Share of the shorter sequence found in the longer one (containment, in order)."""
        return self.matched / self.shorter if self.shorter else 0.0


def overlap(a: Sequence[str], b: Sequence[str]) -> Overlap:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = matcher.get_matching_blocks()
    return Overlap(
        matched=sum(block.size for block in blocks),
        longest=max((block.size for block in blocks), default=0),
        shorter=min(len(a), len(b)),
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
