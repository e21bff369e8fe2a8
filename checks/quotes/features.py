"""What the corpus index needs from one document, computed where the document is parsed.

The index (index.py) groups copies by the hash of a document's normalised words, proposes
near copies from MinHash LSH band keys of its 5-word shingles and pairs quotes through their
contentful 4-word shingles. All of that is a function of one document and the index options,
so the local engine's worker processes and the Spark partitions compute it beside the
per-document rules (`document_features`), and the serial cross-file stage only groups and
verifies. Everything here is stable across processes and runs (blake2b and crc32, never
Python's salted `hash()`), because features computed in different processes are compared.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from seedcheck.document import Document, Quote
from seedcheck.pickling import PickleByFields

from .text import (
    STOPWORDS,
    encoded_shingle_array,
    window_hashes,
    word_bytes,
    word_hashes,
    words,
)

DOC_SHINGLE = 5
QUOTE_SHINGLE = 4
# Quotes with at most this many 4-word shingles pair on one shared shingle; longer ones on
# two (a single shared 4-gram between long quotes is mostly coincidence).
SHORT_QUOTE_SHINGLES = 6
NUM_PERM = 64
TABLE_CHUNK = 1 << 14  # quote variants per pass of `shingle_table`
LSH_SLACK = 0.2


@dataclass(frozen=True, slots=True)
class QuoteFeatures:
    quote: int  # index into the document's quotes
    words: tuple[str, ...]  # normalised words: the quote's variant
    key: bytes  # blake2b of `words`, a compact join key for distributed engines

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickled on the driver, the words are interned: a quote in thousands of files
        # then holds its words once, not once per occurrence sent by the workers.
        return _interned_quote, (self.quote, self.words, self.key)


def _interned_quote(quote: int, seq: tuple[str, ...], key: bytes) -> QuoteFeatures:
    return QuoteFeatures(quote, tuple(map(sys.intern, seq)), key)


@dataclass(frozen=True, slots=True)
class DocumentFeatures(PickleByFields):
    digest: str  # blake2b of the file's bytes (Source.digest)
    word_count: int  # normalised words of the body
    word_hash: bytes  # blake2b of those words
    # Sorted unique 5-word shingle hashes (np.uint32), for bodies of >= min_document_words;
    # their MinHash LSH band keys, one per band (datasketch's layout).
    shingles: Any
    bands: tuple[bytes, ...]
    # The quotes that can pair (see `quote_features`). Their shingles are computed per
    # variant, by whoever pairs them: a syndicated quote has one variant, many occurrences.
    quotes: tuple[QuoteFeatures, ...]

    def light(self) -> DocumentFeatures:
        """Without shingles and band keys: what the driver keeps when pairs were found and
        verified elsewhere (the Spark engine)."""
        return replace(self, shingles=None, bands=())


def document_features(doc: Document, options: Mapping[str, Any]) -> DocumentFeatures:
    """The index's per-document data; `options` are the index options (INDEX_OPTIONS)."""
    # The body's words are only counted and hashed: as bytes, split in C (`word_bytes`).
    seq = word_bytes(doc.body.slice(doc.text))
    shingles = None
    bands: tuple[bytes, ...] = ()
    if seq and len(seq) >= options["min_document_words"]:
        shingles = sorted_unique(encoded_shingle_array(seq, DOC_SHINGLE))
        bands = band_keys(shingles, options["duplicate_threshold"])
    return DocumentFeatures(
        digest=doc.source.digest(),
        word_count=len(seq),
        word_hash=_encoded_key(seq),
        shingles=shingles,
        bands=bands,
        quotes=quote_features(doc, options["min_words"]),
    )


def words_key(seq: Sequence[str]) -> bytes:
    # A word never contains NUL (text.words keeps letters, digits and apostrophes).
    return hashlib.blake2b("\0".join(seq).encode("utf-8"), digest_size=16).digest()


def _encoded_key(encoded: Sequence[bytes]) -> bytes:
    """`words_key` of words given in UTF-8: the same bytes joined (UTF-8 encodes NUL as one
    NUL byte, and a join of encodings is the encoding of the join)."""
    return hashlib.blake2b(b"\0".join(encoded), digest_size=16).digest()


def quote_features(doc: Document, min_words: int) -> tuple[QuoteFeatures, ...]:
    out = []
    for number, quote in enumerate(doc.quotes):
        if quote.nested or not opens_like_a_quote(doc.text, quote):
            continue
        seq = tuple(words(quote.text))
        if len(seq) >= min_words:
            out.append(QuoteFeatures(number, seq, words_key(seq)))
    return tuple(out)


def opens_like_a_quote(text: str, quote: Quote) -> bool:
    # A quotation starts right after its opening mark. Text starting with a space or with
    # punctuation is what lies *between* two quotes when the marks were paired wrongly
    # (`..." she said. Earlier she told BBC Radio: "...`), not a quotation.
    after = text[quote.open_mark.offset + 1 : quote.open_mark.offset + 2]
    return after.isalnum() or after in ("[", "(", "‘", "'", "…")


def variant_shingles(seq: Sequence[str]) -> Any:
    """The contentful 4-word shingle hashes of a quote's words, sorted, unique (np.int64)."""
    values, _ = shingle_table([seq])
    return values


def shingle_table(seqs: Sequence[Sequence[str]]) -> tuple[Any, Any]:
    """`variant_shingles` of many quote variants in a few numpy passes (per variant, numpy's
    overhead on a few dozen values is most of the cost): the hashes and, beside each, the
    number of its variant, sorted by variant then hash. An empty variant has none.

    Passes take TABLE_CHUNK variants at a time: their temporary arrays (tens of bytes per
    word) stay small whatever the corpus."""
    import numpy as np

    parts = [
        _shingle_table(seqs[first : first + TABLE_CHUNK], first)
        for first in range(0, len(seqs), TABLE_CHUNK)
    ]
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _shingle_table(seqs: Sequence[Sequence[str]], first: int) -> tuple[Any, Any]:
    """`shingle_table` of `seqs`, numbered from `first`."""
    import numpy as np

    lengths = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
    flat = list(itertools.chain.from_iterable(seqs))
    ids = word_hashes(flat)
    # A shingle made only of function words ("i don't think we") pairs everything: kept
    # are those with a content word, counted by a running sum over all the words.
    content = np.zeros(len(flat) + 1, dtype=np.int64)
    stop = np.fromiter(map(STOPWORDS.__contains__, flat), dtype=bool, count=len(flat))
    np.cumsum(~stop, out=content[1:])
    # Shingles: QUOTE_SHINGLE words from each position where they fit in the variant; a
    # shorter variant has one, itself (as shingle_array). Numbered within all the words.
    widths = np.minimum(lengths, QUOTE_SHINGLE)
    counts = np.where(lengths > 0, lengths - widths + 1, 0)
    owner = np.repeat(np.arange(len(seqs)), counts)
    first_word = np.cumsum(lengths) - lengths
    first_shingle = np.cumsum(counts) - counts
    starts = np.arange(owner.size) + np.repeat(first_word - first_shingle, counts)
    width = widths[owner]
    hashes = np.empty(owner.size, dtype=np.uint64)
    for size in sorted_unique(width).tolist():  # (np.unique would import numpy.ma)
        chosen = width == size
        hashes[chosen] = window_hashes(ids, size)[starts[chosen]]
    contentful = content[starts + width] > content[starts]
    # Sorted and unique by (variant, hash): one int64 key, the variant above 32 bits.
    low = (hashes[contentful] & np.uint64(0xFFFFFFFF)).astype(np.int64)  # the shingle hash
    keys = sorted_unique((owner[contentful] << 32) | low)
    return keys & 0xFFFFFFFF, (keys >> 32) + first


def shingle_count(seq: Sequence[str]) -> int:
    return max(1, len(seq) - QUOTE_SHINGLE + 1)


def shared_needed(shorter_count: Any) -> Any:
    """Shingles two quote variants must share to be candidates, given the smaller of their
    `shingle_count`s: one when the shorter quote has few to share, else two. Works on ints
    and on numpy arrays alike."""
    return 1 + (shorter_count > SHORT_QUOTE_SHINGLES)


# --- MinHash LSH band keys ----------------------------------------------------------------


def loose_threshold(duplicate_threshold: float) -> float:
    # MinHash only estimates similarity: LSH is asked for a looser threshold so that pairs
    # just above the real one are not lost to estimation error; the exact Jaccard decides.
    return max(0.3, duplicate_threshold - LSH_SLACK)


def band_keys(shingles: Any, duplicate_threshold: float) -> tuple[bytes, ...]:
    """The keys under which datasketch's `MinHashLSH(threshold=loose, num_perm=NUM_PERM)`
    files this shingle set's `MinHash(num_perm=NUM_PERM, hashfunc=identity)`, one per band:
    two sets are LSH candidates exactly when they share the key of some band. The key is
    the band's slice of hash values as bytes, as MinHashLSH stores it."""
    values = minhash_values(shingles)
    ranges = band_ranges(loose_threshold(duplicate_threshold))
    raw = values.byteswap().tobytes()  # big-endian values, 4 bytes each
    return tuple(raw[4 * start : 4 * end] for start, end in ranges)


# datasketch (2.x) is the reference for the two functions below, and tests pin them to it
# (tests/test_quotes_features.py): importing it costs every process half a second (scipy)
# and its per-value Python loop another 0.2 ms per document, twice the rest of the features.


def minhash_values(shingles: Any) -> Any:
    """datasketch's `MinHash(num_perm=NUM_PERM, hashfunc=identity)` hash values after
    `update_batch(shingles)`: its default "affine32" scheme, values pre-mixed with the
    MurmurHash3 finalizer, then a * h + b mod 2^32 per permutation, the minimum kept."""
    import numpy as np

    a, b = _permutations()
    if not shingles.size:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # In place, and one row per permutation (a contiguous row minimum): the same uint32
    # arithmetic, with fewer temporary arrays.
    with np.errstate(over="ignore"):
        hv = shingles.astype(np.uint32)
        hv ^= hv >> np.uint32(16)
        hv *= np.uint32(0x85EBCA6B)
        hv ^= hv >> np.uint32(13)
        hv *= np.uint32(0xC2B2AE35)
        hv ^= hv >> np.uint32(16)
        values = np.multiply.outer(a, hv)
        values += b[:, None]
    result: Any = values.min(axis=1)
    return result


def warm_up(duplicate_threshold: float) -> None:
    """Import numpy and build what every document's band keys use (the permutations, from
    numpy.random; the bands for this threshold) now, not on first use."""
    _permutations()
    band_ranges(loose_threshold(duplicate_threshold))


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    gen = np.random.RandomState(1)  # datasketch's default seed
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


@lru_cache(maxsize=8)
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """datasketch's `MinHashLSH(threshold, num_perm=NUM_PERM).hashranges`: the (bands,
    rows) minimising the sum of the false positive and false negative probabilities, each
    the integral of a polynomial of degree bands * rows <= NUM_PERM, which Gauss-Legendre
    quadrature with NUM_PERM / 2 + 1 nodes integrates exactly."""
    import numpy as np

    nodes, weights = np.polynomial.legendre.leggauss(NUM_PERM // 2 + 1)

    def integral(f: Any, low: float, high: float) -> float:
        half = (high - low) / 2
        return float(half * np.sum(weights * f(half * nodes + (low + high) / 2)))

    best, chosen = float("inf"), (0, 0)
    for bands in range(1, NUM_PERM + 1):
        for rows in range(1, NUM_PERM // bands + 1):

            def candidate(s: Any, b: int = bands, r: int = rows) -> Any:
                return 1 - (1 - s ** float(r)) ** float(b)

            false_positive = integral(candidate, 0.0, threshold)
            false_negative = integral(lambda s, c=candidate: 1 - c(s), threshold, 1.0)
            error = false_positive * 0.5 + false_negative * 0.5
            if error < best:
                best, chosen = error, (bands, rows)
    bands, rows = chosen
    return tuple((i * rows, (i + 1) * rows) for i in range(bands))


def sorted_unique(values: Any) -> Any:
    """`np.unique(values)` of a 1-d array: sorted, repeats dropped. numpy 2's np.unique
    hashes the values first and sorts the result; a sort and a comparison of neighbours is
    several times faster on a document's few hundred shingles."""
    import numpy as np

    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    first = np.empty(ordered.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def jaccard(a: Any, b: Any) -> float:
    """Exact Jaccard similarity of two sorted unique shingle arrays."""
    import numpy as np

    common = int(np.intersect1d(a, b, assume_unique=True).size)
    union = int(a.size + b.size) - common
    return common / union if union else 0.0
