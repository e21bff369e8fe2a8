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
