"""The quote rules' fast paths against their plain definitions (kept here as references):
shingle hashes, MinHash values and band keys, batched quote shingles, name mentions, the
repeated-sentence rule and the quote verification must give exactly the same answers."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.checks.quotes import features as quote_features
from seedcheck.checks.quotes.features import (
    NUM_PERM,
    _permutations,
    band_keys,
    band_ranges,
    loose_threshold,
    minhash_values,
    shingle_table,
    sorted_unique,
    variant_shingles,
)
from seedcheck.checks.quotes.index import INDEX_OPTIONS, _similar, similar_quotes
from seedcheck.checks.quotes.repeated_sentence import RepeatedSentence, opening
from seedcheck.checks.quotes.text import STOPWORDS, overlap, sentence_spans, shingle_array, words
from seedcheck.checks.translation import names
from seedcheck.document import Document, ParagraphKind
from seedcheck.model import Hit, Span
from seedcheck.parsing import parse
from seedcheck.rules import RuleContext
from seedcheck.source import decode_source

# --- references: the definitions before the fast paths -------------------------------------


_PLAIN_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]{0,3}(?=\s)")


def plain_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _PLAIN_SENTENCE_END.finditer(text, start, end):
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


def plain_shingle_array(seq: Sequence[str], size: int) -> Any:
    if not seq:
        return np.zeros(0, dtype=np.uint32)
    ids = np.array([zlib.crc32(w.encode("utf-8")) for w in seq], dtype=np.uint64)
    n = max(1, len(seq) - size + 1)
    out = ids[:n].copy()
    for k in range(1, min(size, len(seq))):
        out = (out * np.uint64(1_000_003) + ids[k : k + n]) & np.uint64(0xFFFFFFFF)
    return out.astype(np.uint32)


def plain_variant_shingles(seq: Sequence[str]) -> Any:
    hashes = plain_shingle_array(seq, quote_features.QUOTE_SHINGLE)
    content = np.fromiter((w not in STOPWORDS for w in seq), dtype=np.int64, count=len(seq))
    window = np.ones(min(quote_features.QUOTE_SHINGLE, len(seq)), dtype=np.int64)
    contentful = np.convolve(content, window, mode="valid") > 0
    return np.unique(hashes[contentful]).astype(np.int64)


def plain_minhash_values(shingles: Any) -> Any:
    a, b = _permutations()
    with np.errstate(over="ignore"):
        hv = shingles.astype(np.uint32).reshape(-1, 1)
        hv = hv ^ (hv >> np.uint32(16))
        hv = hv * np.uint32(0x85EBCA6B)
        hv = hv ^ (hv >> np.uint32(13))
        hv = hv * np.uint32(0xC2B2AE35)
        hv = hv ^ (hv >> np.uint32(16))
        values = (hv * a + b).min(axis=0) if hv.size else np.full(NUM_PERM, 0xFFFFFFFF)
    return values.astype(np.uint32)


def plain_band_keys(shingles: Any, duplicate_threshold: float) -> tuple[bytes, ...]:
    values = plain_minhash_values(shingles)
    ranges = band_ranges(loose_threshold(duplicate_threshold))
    return tuple(bytes(values[start:end].byteswap().data) for start, end in ranges)


def plain_name_mentions(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    found: list[tuple[str, int, int]] = []
    for match in names._TOKEN.finditer(text, start, len(text) if end is None else end):
        found.append((match.group(), match.start(), match.end()))
    for i, (token, offset, stop) in enumerate(found):
        if names.name_key(token) is None:
            continue
        near = []
        if i > 0 and found[i - 1][2] + 1 == offset and text[offset - 1] == " ":
            near.append(found[i - 1][0])
        if i + 1 < len(found) and stop + 1 == found[i + 1][1] and text[stop] == " ":
            near.append(found[i + 1][0])
        yield token, offset, tuple(near)


def plain_repeated_sentences(doc: Document, size: int) -> Iterator[Hit]:
    """RepeatedSentence.check before openings: the words of every sentence."""
    text = doc.text
    quoted = [q.span for q in doc.quotes if not q.nested]
    sentences: list[tuple[Span, tuple[str, ...]]] = []
    for paragraph in doc.paragraphs:
        if paragraph.kind is not ParagraphKind.TEXT:
            continue
        near = [q for q in quoted if q.overlaps(paragraph.span)]
        for start, end in sentence_spans(text, paragraph.span.start, paragraph.span.end):
            span = Span(start, end)
            seq = tuple(words(text[start:end]))
            if len(seq) >= size and (not near or plain_quoted_share(span, near) <= 0.5):
                sentences.append((span, seq))
    starts: dict[tuple[str, ...], list[int]] = {}
    for i, (_, seq) in enumerate(sentences):
        starts.setdefault(seq[:size], []).append(i)
    reported: set[int] = set()
    for i, (_, seq) in enumerate(sentences):
        for j in starts[seq[:size]]:
            if j == i or sentences[j][1][: len(seq)] != seq:
                continue
            later, earlier = max(i, j), min(i, j)
            if later in reported:
                continue
            reported.add(later)
            yield RepeatedSentence()._hit(doc, sentences[later], sentences[earlier])


def plain_quoted_share(span: Span, quoted: list[Span]) -> float:
    inside = sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quoted)
    return inside / max(1, span.end - span.start)


def plain_similar_quotes(a: tuple[str, ...], b: tuple[str, ...], opts: Any) -> Any:
    ov = overlap(a, b) if a <= b else overlap(b, a)
    return ov if _similar(ov, a, b, opts) else None


# --- strategies ---------------------------------------------------------------------------

_VOCABULARY = [*sorted(STOPWORDS)[:25], "ukraine", "peace", "talks", "x", "élan", "ß", "日本"]
word_lists = st.lists(st.sampled_from(_VOCABULARY), max_size=40)
# Letters that change when case-folded, apostrophes, marks the fast paths translate, digits.
_TRICKY = "İΣßﬁK’'‘“”£€–—…\xa0_-.,!? \n1éÉ"
texts = st.text(alphabet=st.sampled_from(_TRICKY + "abcXYZ")) | st.text()
_NAMES = ["Zelensky", "Zelenskiy", "Luhansk", "Lugansk", "Volodymyr", "Tuesday", "NATO", "Kyiv"]
name_texts = st.lists(
    st.sampled_from([*_NAMES, " ", "  ", ", ", ".", "\n", "the", "O'", "aZelensky", "É"]),
    max_size=30,
).map("".join)
_SENTENCES = [
    "Fears have been mounting of a major escalation of the conflict in eastern Ukraine.",
    "Fears have been mounting of a major escalation of the conflict in eastern Ukraine, "
    "where forces have battled separatists.",
    "FEARS have been mounting – of a major escalation!",
    "“Fears have been mounting of a major escalation of the conflict,” he said.",
    "The talks in Minsk ended without an agreement on Tuesday night, officials said.",
    "The talks in Minsk ended.",
    "Russia’s envoy said the talks in Minsk ended without an agreement on Tuesday.",
    "Russia's envoy said the talks in Minsk ended without an agreement on Tuesday.",
    "Ελλάδα είπε ότι η συμφωνία ήταν κοντά και ότι οι συνομιλίες θα συνεχιστούν αύριο.",
]
documents = st.lists(
    st.tuples(st.sampled_from(_SENTENCES), st.sampled_from([" ", "\n\n", "\n", "  "])),
    max_size=12,
).map(lambda parts: "Title\n\n" + "".join(s + sep for s, sep in parts))


@given(texts, st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=4))
@settings(max_examples=500)
def test_sentence_spans_match_their_plain_definition(text: str, start: int, cut: int) -> None:
    start, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    assert sentence_spans(text, start, end) == plain_sentence_spans(text, start, end)


# --- shingles, MinHash, band keys ---------------------------------------------------------


@given(word_lists, st.integers(min_value=-1, max_value=6))
@settings(max_examples=300)
def test_shingle_array_matches_its_plain_definition(seq: list[str], size: int) -> None:
    got, expected = shingle_array(seq, size), plain_shingle_array(seq, size)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()


@given(st.lists(word_lists.filter(bool), max_size=12))
@settings(max_examples=300)
def test_quote_shingles_match_their_plain_definition(seqs: list[list[str]]) -> None:
    values, owners = shingle_table(seqs)
    for number, seq in enumerate(seqs):
        expected = plain_variant_shingles(seq)
        single = variant_shingles(seq)
        assert single.dtype == expected.dtype and single.tolist() == expected.tolist()
        assert values[owners == number].tolist() == expected.tolist()
    assert values.dtype == np.int64 and owners.dtype == np.int64
    assert shingle_table([[], ["peace"], []])[1].tolist() == [1]  # empty variants: none
    chunk = quote_features.TABLE_CHUNK
    try:
        quote_features.TABLE_CHUNK = 3  # several passes: the same table
        chunked = shingle_table(seqs)
    finally:
        quote_features.TABLE_CHUNK = chunk
    assert chunked[0].tolist() == values.tolist() and chunked[1].tolist() == owners.tolist()


@given(st.lists(st.integers(min_value=0, max_value=(1 << 32) - 1), max_size=300))
@settings(max_examples=300)
def test_minhash_and_unique_match_their_plain_definitions(values: list[int]) -> None:
    raw = np.array(values, dtype=np.uint32)
    unique = sorted_unique(raw)
    assert unique.dtype == np.unique(raw).dtype and unique.tolist() == np.unique(raw).tolist()
    assert minhash_values(unique).dtype == np.uint32
    assert minhash_values(unique).tolist() == plain_minhash_values(unique).tolist()
    for threshold in (0.5, 0.8, 0.95):
        assert band_keys(unique, threshold) == plain_band_keys(unique, threshold)


# --- names --------------------------------------------------------------------------------


@given(name_texts, st.integers(min_value=0, max_value=5), st.integers(min_value=-3, max_value=0))
@settings(max_examples=400)
def test_name_mentions_match_their_plain_definition(text: str, start: int, cut: int) -> None:
    end = len(text) + cut if cut else None
    expected = list(plain_name_mentions(text, start, end))
    assert list(names.name_mentions(text, start, end)) == expected
    assert list(names.name_mentions(text, start, end)) == expected  # the memo's answer
    copy = "".join(text)
    assert list(names.name_mentions(copy, 0)) == list(plain_name_mentions(copy, 0))


def test_name_mentions_memo_tells_texts_apart() -> None:
    first, second = "Volodymyr Zelensky spoke.", "Volodymyr Zelenskiy spoke."
    assert names.name_mentions(first)[0][0] == "Zelensky"
    assert names.name_mentions(second)[0][0] == "Zelenskiy"
    assert names.name_mentions(second, 0, 5) == ()


# --- repeated sentences -------------------------------------------------------------------


def _alnum_folded(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


@given(texts, st.integers(min_value=-1, max_value=10))
@settings(max_examples=500)
def test_opening_is_the_first_letters_and_digits_of_the_words(text: str, size: int) -> None:
    # Every letter and digit of the case-folded text is in exactly one word: the lemma that
    # makes equal first words imply equal openings.
    assert "".join(words(text)).replace("'", "") == _alnum_folded(text)
    expected = _alnum_folded(text)[:size] if size > 0 else ""
    assert opening(text, 0, len(text), size) == expected
    assert opening("ab " + text + " cd", 3, 3 + len(text), size) == expected


@given(documents, st.sampled_from([0, 1, 3, 8, 12]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_repeated_sentence_matches_its_plain_definition(text: str, size: int) -> None:
    doc = parse(decode_source("x.txt", text.encode("utf-8")))
    ctx = RuleContext(options={"min_words": size})
    assert list(RepeatedSentence().check(doc, ctx)) == list(plain_repeated_sentences(doc, size))


# --- quote verification -------------------------------------------------------------------


@given(word_lists, word_lists, st.sampled_from([0, 3, 6]), st.sampled_from([0.0, 0.6, 0.9]))
@settings(max_examples=400)
def test_similar_quotes_match_their_plain_definition(
    a: list[str], b: list[str], min_words: int, min_overlap: float
) -> None:
    opts = dict(INDEX_OPTIONS, min_words=min_words, min_overlap=min_overlap, min_run=2)
    opts["min_shared_content"] = 1 if min_words < 6 else 3
    pairs = [(tuple(a), tuple(b)), (tuple(a), tuple(a[1:] + b[:3])), (tuple(a), tuple(a))]
    for x, y in pairs:
        assert similar_quotes(x, y, opts) == plain_similar_quotes(x, y, opts)
