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
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from seedcheck.document import Document, Quote
from seedcheck.pickling import PickleByFields

from .text import STOPWORDS, shingle_array, words

DOC_SHINGLE = 5
QUOTE_SHINGLE = 4
# Quotes with at most this many 4-word shingles pair on one shared shingle; longer ones on
# two (a single shared 4-gram between long quotes is mostly coincidence).
SHORT_QUOTE_SHINGLES = 6
NUM_PERM = 64
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
    seq = words(doc.body.slice(doc.text))
    shingles = None
    bands: tuple[bytes, ...] = ()
    if seq and len(seq) >= options["min_document_words"]:
        import numpy as np

        shingles = np.unique(shingle_array(seq, DOC_SHINGLE))
        bands = band_keys(shingles, options["duplicate_threshold"])
    return DocumentFeatures(
        digest=doc.source.digest(),
        word_count=len(seq),
        word_hash=words_key(seq),
        shingles=shingles,
        bands=bands,
        quotes=quote_features(doc, options["min_words"]),
    )


def words_key(seq: Sequence[str]) -> bytes:
    # A word never contains NUL (text.words keeps letters, digits and apostrophes).
    return hashlib.blake2b("\0".join(seq).encode("utf-8"), digest_size=16).digest()


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
    import numpy as np

    hashes = shingle_array(seq, QUOTE_SHINGLE)
    content = np.fromiter((w not in STOPWORDS for w in seq), dtype=np.int64, count=len(seq))
    # A shingle made only of function words ("i don't think we") pairs everything.
    window = np.ones(min(QUOTE_SHINGLE, len(seq)), dtype=np.int64)
    contentful = np.convolve(content, window, mode="valid") > 0
    return np.unique(hashes[contentful]).astype(np.int64)


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
    return tuple(bytes(values[start:end].byteswap().data) for start, end in ranges)


# datasketch (2.x) is the reference for the two functions below, and tests pin them to it
# (tests/test_quotes_features.py): importing it costs every process half a second (scipy)
# and its per-value Python loop another 0.2 ms per document, twice the rest of the features.


def minhash_values(shingles: Any) -> Any:
    """datasketch's `MinHash(num_perm=NUM_PERM, hashfunc=identity)` hash values after
    `update_batch(shingles)`: its default "affine32" scheme, values pre-mixed with the
    MurmurHash3 finalizer, then a * h + b mod 2^32 per permutation, the minimum kept."""
    import numpy as np

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


def jaccard(a: Any, b: Any) -> float:
    """Exact Jaccard similarity of two sorted unique shingle arrays."""
    import numpy as np

    common = int(np.intersect1d(a, b, assume_unique=True).size)
    union = int(a.size + b.size) - common
    return common / union if union else 0.0
