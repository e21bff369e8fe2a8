"""The per-document features' fast paths against the definitions they replace (kept here as
references): quote words split in C, the body's words as bytes, their shingles and key."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.checks.quotes import text as quote_text
from seedcheck.checks.quotes.features import DOC_SHINGLE, _encoded_key, words_key
from seedcheck.checks.quotes.text import (
    encoded_shingle_array,
    shingle_array,
    window_hashes,
    word_bytes,
    words,
)
from seedcheck.checks.translation import names

# --- references: the definitions before the fast paths -------------------------------------

_PLAIN_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_PLAIN_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def plain_words(text: str) -> list[str]:
    folded = text.casefold()
    if folded.isascii():
        found: list[str] = _PLAIN_ASCII_WORD.findall(folded)
        return found
    unified: list[str] = _PLAIN_WORD.findall(folded.replace("’", "'"))
    return unified


def plain_shingle_array(seq: Sequence[str], size: int) -> Any:
    if not seq:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter(map(zlib.crc32, map(str.encode, seq)), dtype=np.uint64, count=len(seq))
    return window_hashes(ids, min(size, len(seq))).astype(np.uint32)


def plain_words_key(seq: Sequence[str]) -> bytes:
    return hashlib.blake2b("\0".join(seq).encode("utf-8"), digest_size=16).digest()


# --- strategies ---------------------------------------------------------------------------

# Apostrophes in every position, the marks the fast path makes spaces, letters that change
# when case-folded, digits, underscores, other non-ASCII letters and marks.
_TRICKY = "''’‘“”£€–—…\xa0İΣßﬁKé_-., \n\t\x1c1aZ"
texts = st.text(alphabet=st.sampled_from(_TRICKY)) | st.text()
_VOCABULARY = ["ukraine", "peace", "talks", "x", "élan", "ß", "日本", "don't", "1"]
word_lists = st.lists(st.sampled_from(_VOCABULARY), max_size=40)


@given(texts)
@settings(max_examples=600)
def test_words_match_their_plain_definition(text: str) -> None:
    expected = plain_words(text)
    assert words(text) == expected
    assert word_bytes(text) == [word.encode() for word in expected]


def test_words_with_apostrophes_match_their_plain_definition() -> None:
    for text in ["rock'n'roll", "'quoted'", "Don't", "''a''b", "a''b'", "it's 2'nd", "x'", "'"]:
        for variant in (text, text.replace("'", "’"), text + " £5", "“" + text + "”"):
            assert words(variant) == plain_words(variant), variant
            assert word_bytes(variant) == [w.encode() for w in plain_words(variant)]


def test_the_marks_made_spaces_are_in_no_word() -> None:
    marks = quote_text._MARKS.pattern.strip("[]")
    assert marks and all(not c.isalnum() and c != "_" and c.casefold() == c for c in marks)
    assert "’" not in marks  # the apostrophe is unified, not a separator


@given(word_lists, st.integers(min_value=-1, max_value=6))
@settings(max_examples=300)
def test_encoded_shingles_and_key_match_their_plain_definitions(seq: list[str], size: int) -> None:
    encoded = [word.encode() for word in seq]
    expected = plain_shingle_array(seq, size)
    for got in (encoded_shingle_array(encoded, size), shingle_array(seq, size)):
        assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
    assert _encoded_key(encoded) == words_key(seq) == plain_words_key(seq)


@given(texts)
@settings(max_examples=200)
def test_body_features_from_bytes_match_words(text: str) -> None:
    seq = plain_words(text)
    encoded = word_bytes(text)
    assert _encoded_key(encoded) == plain_words_key(seq)
    got = encoded_shingle_array(encoded, DOC_SHINGLE)
    assert got.tolist() == plain_shingle_array(seq, DOC_SHINGLE).tolist()


# --- name mentions ------------------------------------------------------------------------


def plain_find_mentions(text: str, start: int, end: int) -> tuple[names.Mention, ...]:
    """names._find_mentions before candidates were found by their own pattern: every
    capitalised word, one by one."""
    out: list[names.Mention] = []
    pending: tuple[str, int, int, list[str]] | None = None
    before, before_stop = "", -2
    for match in names._TOKEN.finditer(text, start, end):
        token, offset = match.group(), match.start()
        if pending is not None:
            token_p, offset_p, stop_p, near_p = pending
            if stop_p + 1 == offset and text[stop_p] == " ":
                near_p.append(token)
            out.append((token_p, offset_p, tuple(near_p)))
            pending = None
        if names.name_key(token) is not None:
            near = [before] if before_stop + 1 == offset and text[offset - 1] == " " else []
            pending = (token, offset, offset + len(token), near)
        before, before_stop = token, offset + len(token)
    if pending is not None:
        out.append((pending[0], pending[1], tuple(pending[3])))
    return tuple(out)


_NAME_PIECES = [
    *["Zelensky", "Zelenskiy", "Luhansk", "Lugansk", "Volodymyr", "Tuesday", "Ohio", "Aha"],
    *["Ugo", "Sergii", "Dmitri", "Stoltenberg", "Peskov", "Straße", "Ígor", "Ölafsson"],
    *["NATO", "Kyiv", "Mc", "Donald", "a" * 41, "B" + "a" * 39 + "y", "B" + "a" * 41 + "y"],
    *[" ", " ", "  ", ", ", ".", "\n", "the", "O'", "x", "1", "_", "É", "é", "ß", "Ω", "²"],
]
name_texts = st.lists(st.sampled_from(_NAME_PIECES), max_size=30).map("".join)


@given(name_texts, st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12))
@settings(max_examples=800)
def test_find_mentions_match_the_one_by_one_definition(text: str, start: int, cut: int) -> None:
    start, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    assert names._find_mentions(text, start, end) == plain_find_mentions(text, start, end)


@given(st.text(), st.integers(min_value=0, max_value=5))
@settings(max_examples=300)
def test_find_mentions_match_on_any_text(text: str, start: int) -> None:
    start = min(start, len(text))
    expected = plain_find_mentions(text, start, len(text))
    assert names._find_mentions(text, start, len(text)) == expected
