"""The corpus index shared by the cross-file quote rules, built once per run.

Two questions are answered here, without comparing all pairs of documents or quotes:

1. Which documents are copies of each other? Exact hashing (raw bytes; normalised words)
   groups identical copies; MinHash LSH (datasketch) over 5-word shingles proposes
   near-identical candidates, verified by the exact Jaccard similarity of the shingle sets.
2. Which quotes are renderings of one statement? Identical normalised quotes are collapsed
   into one *variant*. Variants sharing a rare 4-word shingle (exact hashing of shingles;
   shingles shared by more than `max_posting` variants are boilerplate and skipped) are
   candidates, verified with difflib on the word sequences. Translated renderings of one
   statement share too few shingles for MinHash to propose them ("We very much doubt that
   this will help Ukraine settle its domestic problem" vs "We deeply doubt that this will
   help Ukraine solve its internal problem": Jaccard of word bigrams 0.28), but they always
   share a run of words, which the shingle postings find.

Quotes of two documents that are copies of each other are not compared: the duplicate
document is the finding, not each of its quotes.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from seedcheck.document import Document, Quote, Speaker, SpeakerHow

from .text import (
    STOPWORDS,
    Overlap,
    overlap,
    shingle_array,
    words,
)

# Options shared by every rule that reads the index; the index is rebuilt only when they differ.
INDEX_OPTIONS: Mapping[str, Any] = {
    "min_words": 6,  # quotes shorter than this never cluster (scare quotes: "only way")
    "min_overlap": 0.6,  # share of the shorter quote's words found, in order, in the other
    "min_run": 4,  # at least this many consecutive words in common
    "min_coverage": 0.9,  # share of the shorter quote spanned from first to last shared word
    "max_spread": 1.5,  # shared words may spread over at most this times the shorter's length
    "misattribution_overlap": 0.8,  # near-identical words needed to accuse a different speaker
    "min_shared_content": 3,  # shared words that are not function words
    "min_divergent_words": 8,  # shorter quotes differing in wording are too generic to pair
    "max_posting": 200,  # a quote shingle in more variants than this is boilerplate
    "duplicate_threshold": 0.8,  # Jaccard of 5-word shingles for near-identical documents
    "min_document_words": 30,  # shorter documents are never near-duplicates (too little text)
    "max_related": 20,  # other places listed in one finding
}


def options_doc() -> str:
    """The `## Options` section of the rules that read the index (docstring text)."""
    lines = [
        "",
        "    ## Options",
        "    Shared by SC403-SC407; the corpus index is built once per run with them.",
        "",
    ]
    for name, default in INDEX_OPTIONS.items():
        lines.append(f"    - `{name}` (default {default}): {_OPTION_HELP[name]}")
    return "\n".join(lines) + "\n"


_OPTION_HELP = {
    "min_words": 'quotes of fewer words never pair (scare quotes such as "only way").',
    "min_overlap": "share of the shorter quote's words found, in order, in the other.",
    "min_run": "consecutive words the two quotes must share at least once.",
    "min_coverage": "share of the shorter quote between its first and last shared word.",
    "max_spread": "shared words may spread over at most this times the shorter's length.",
    "misattribution_overlap": "`min_overlap` needed to say two named speakers share words.",
    "min_shared_content": "shared words that are not function words.",
    "min_divergent_words": "shorter quotes that differ in wording are too generic to pair.",
    "max_posting": "a 4-word shingle found in more quote variants is boilerplate, skipped.",
    "duplicate_threshold": "Jaccard similarity of 5-word shingles for near-identical documents.",
    "min_document_words": "documents with fewer words are only compared exactly.",
    "max_related": "other places listed in one finding.",
}

# What building the index imports (for `CorpusRule.warm_modules`).
WARM_MODULES = ("numpy", "datasketch")
DOC_SHINGLE = 5
QUOTE_SHINGLE = 4
# Quotes with at most this many 4-word shingles pair on one shared shingle; longer ones on
# two (a single shared 4-gram between long quotes is mostly coincidence).
SHORT_QUOTE_SHINGLES = 6
NUM_PERM = 64
LSH_SLACK = 0.2
# Attribution forms reliable enough to accuse a seed of misattribution.
FIRM_SPEAKER = frozenset({SpeakerHow.SAID_AFTER, SpeakerHow.SAID_BEFORE, SpeakerHow.ACCORDING_TO})


class PairKind(StrEnum):
    IDENTICAL = "identical"
    TRUNCATED = "truncated"  # one rendering is a contiguous part of the other
    DIVERGENT = "divergent"  # same statement, different words
    MISATTRIBUTED = "misattributed"  # same or nearly the same words, different speakers


@dataclass(frozen=True, slots=True)
class Occurrence:
    doc: int  # index into the index's documents
    quote: Quote
    variant: int


@dataclass(slots=True)
class DuplicateGroup:
    members: tuple[int, ...]  # document indexes, sorted by path


@dataclass
class CorpusIndex:
    docs: Sequence[Document]
    options: Mapping[str, Any]
    groups: list[DuplicateGroup] = field(default_factory=list)
    group_of: dict[int, int] = field(default_factory=dict)  # doc -> group, grouped docs only
    doc_hashes: dict[int, tuple[str, int]] = field(default_factory=dict)  # (bytes, words) hash
    doc_shingles: dict[int, Any] = field(default_factory=dict)  # doc -> sorted np.uint32 array
    # Documents with the same words share one shingle set: doc -> the one that holds it.
    representative: dict[int, int] = field(default_factory=dict)
    variants: list[tuple[str, ...]] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    by_variant: list[list[int]] = field(default_factory=list)
    by_doc: dict[int, list[int]] = field(default_factory=dict)
    edges: dict[int, dict[int, Overlap]] = field(default_factory=dict)  # variant -> variant
    cache: dict[str, Any] = field(default_factory=dict)  # derived data the rules share

    def same_copy(self, a: int, b: int) -> bool:
        """True when documents a and b are the same document or copies of each other."""
        if a == b:
            return True
        group = self.group_of.get(a)
        return group is not None and group == self.group_of.get(b)

    def partners(self, occ_id: int) -> Iterator[tuple[int, PairKind]]:
        """Occurrences in other (non-copy) documents that render the same statement."""
        occ = self.occurrences[occ_id]
        for other in self.by_variant[occ.variant]:
            if not self.same_copy(occ.doc, self.occurrences[other].doc):
                kind = self.pair_kind(occ, self.occurrences[other], None)
                if kind is not None:
                    yield other, kind
        for variant, ov in self.edges.get(occ.variant, {}).items():
            for other in self.by_variant[variant]:
                if not self.same_copy(occ.doc, self.occurrences[other].doc):
                    kind = self.pair_kind(occ, self.occurrences[other], ov)
                    if kind is not None:
                        yield other, kind

    def pair_kind(self, a: Occurrence, b: Occurrence, ov: Overlap | None) -> PairKind | None:
        """How two renderings relate; None when they turn out to be different statements."""
        if self._different_speakers(a, b):
            near = ov is None or ov.ratio >= self.options["misattribution_overlap"]
            # Two people using a similar phrase is not one statement; the same words are.
            return PairKind.MISATTRIBUTED if near else None
        if ov is None:
            return PairKind.IDENTICAL
        # One unbroken run of shared words: the renderings differ only beyond its ends,
        # i.e. the statement was cut at different places, not worded differently.
        return PairKind.TRUNCATED if ov.longest == ov.matched else PairKind.DIVERGENT

    def _different_speakers(self, a: Occurrence, b: Occurrence) -> bool:
        """True only when both documents firmly name different people for the quote.

        Attribution is parsed, so it can be wrong (a pronoun resolved to the wrong person,
        an organisation, a phrase). Speakers count only when named with a reporting verb and
        shaped like a name, and not when the other speaker is mentioned right next to the
        quote (someone quoting someone else; a parse that picked the wrong name).
        """
        sa, sb = a.quote.speaker, b.quote.speaker
        if sa is None or sb is None or not self.firm_speaker(sa) or not self.firm_speaker(sb):
            return False
        if sa.key == sb.key:
            return False
        # A "speaker" that the document also writes in lower case is a common noun the parser
        # took for a name ("... said the Information Commissioner's Office": "Office").
        if _in_lower_case(self.docs[a.doc].text, sa.key) or _in_lower_case(
            self.docs[b.doc].text, sb.key
        ):
            return False
        return not (_mentions(self._paragraph(a), sb.key) or _mentions(self._paragraph(b), sa.key))

    @staticmethod
    def firm_speaker(speaker: Speaker | None) -> bool:
        """Named with a reporting verb and shaped like a person's name."""
        return speaker is not None and speaker.how in FIRM_SPEAKER and _name_like(speaker.name)

    def _paragraph(self, occ: Occurrence) -> str:
        doc = self.docs[occ.doc]
        if 0 <= occ.quote.paragraph < len(doc.paragraphs):
            return doc.paragraph_text(doc.paragraphs[occ.quote.paragraph])
        return doc.text[max(0, occ.quote.span.start - 300) : occ.quote.span.end + 300]

    def clusters(self) -> list[tuple[tuple[str, int], ...]]:
        """Connected groups of quote occurrences across documents, as sorted (path, offset).

        Only groups spanning at least two documents that are not copies of each other count.
        """
        parent = list(range(len(self.variants)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, targets in self.edges.items():
            for b in targets:
                parent[find(a)] = find(b)
        members: dict[int, list[int]] = defaultdict(list)
        for variant in range(len(self.variants)):
            members[find(variant)].extend(self.by_variant[variant])
        out = []
        for occ_ids in members.values():
            docs = sorted({self.occurrences[o].doc for o in occ_ids})
            if all(self.same_copy(a, b) for a in docs for b in docs):
                continue  # one document, or copies of one document: not a cross-file cluster
            places = (
                (self.docs[self.occurrences[o].doc].path, self.occurrences[o].quote.span.start)
                for o in occ_ids
            )
            out.append(tuple(sorted(places)))
        return sorted(out)


_NOT_NAMES = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "the",
        "a",
        "an",
        "this",
        "that",
        "who",
        "which",
        "spokesman",
        "spokeswoman",
    ]
)


@lru_cache(maxsize=65536)  # asked per occurrence pair; a corpus has few distinct names
def _name_like(name: str) -> bool:
    """A person's name: capitalised words, no possessive, not a pronoun or an article."""
    parts = name.split()
    if not parts or not 1 <= len(parts) <= 4 or "'s" in name or "’s" in name:
        return False
    if parts[0].casefold() in _NOT_NAMES or parts[-1].casefold() in _NOT_NAMES:
        return False
    return all(p[:1].isupper() for p in parts) and len(parts[-1]) >= 3


def _in_lower_case(text: str, key: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def _mentions(text: str, key: str) -> bool:
    return key in {w for w in words(text)}


def corpus_index(
    docs: Sequence[Document], options: Mapping[str, Any], shared: dict[Any, Any] | None = None
) -> CorpusIndex:
    """The index of `docs`, built once per run (in the corpus rules' `shared` space) and
    read by every rule of the family."""
    opts = {name: options.get(name, default) for name, default in INDEX_OPTIONS.items()}
    key = ("quotes.index", tuple(sorted(opts.items())))
    store = {} if shared is None else shared
    if key not in store:
        store[key] = build_index(docs, opts)
    index: CorpusIndex = store[key]
    return index


def build_index(docs: Sequence[Document], options: Mapping[str, Any]) -> CorpusIndex:
    index = CorpusIndex(docs=docs, options=options)
    _find_duplicate_documents(index)
    _index_quotes(index)
    return index


# --- documents ------------------------------------------------------------------------


def _find_duplicate_documents(index: CorpusIndex) -> None:
    import numpy as np

    opts = index.options
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    first_by_hash: dict[Any, int] = {}
    representatives: list[int] = []
    for i, doc in enumerate(index.docs):
        body = doc.body.slice(doc.text)
        seq = words(body)
        byte_hash = doc.source.digest()
        word_hash = hash(tuple(seq))
        index.doc_hashes[i] = (byte_hash, word_hash)
        if not seq:
            continue
        exact = (len(seq), word_hash)
        if exact in first_by_hash:
            union(i, first_by_hash[exact])
            index.representative[i] = first_by_hash[exact]
            continue
        first_by_hash[exact] = i
        index.representative[i] = i
        if len(seq) < opts["min_document_words"]:
            continue  # copies of a short text count; near-copies need more text to judge
        representatives.append(i)
        index.doc_shingles[i] = np.unique(shingle_array(seq, DOC_SHINGLE))

    if len(representatives) > 1:
        for a, b in _lsh_candidates(index, representatives):
            if find(a) != find(b) and _jaccard(index, a, b) >= opts["duplicate_threshold"]:
                union(a, b)

    groups: dict[int, list[int]] = defaultdict(list)
    for member in parent:
        groups[find(member)].append(member)
    for members in groups.values():
        if len(members) > 1:
            ordered = tuple(sorted(members, key=lambda d: index.docs[d].path))
            index.groups.append(DuplicateGroup(ordered))
    index.groups.sort(key=lambda g: index.docs[g.members[0]].path)
    for group_id, group in enumerate(index.groups):
        for member in group.members:
            index.group_of[member] = group_id
    # Shingles are needed later only to report the similarity of grouped documents.
    grouped = {index.representative.get(m) for g in index.groups for m in g.members}
    index.doc_shingles = {d: s for d, s in index.doc_shingles.items() if d in grouped}


def _lsh_candidates(index: CorpusIndex, docs: list[int]) -> Iterator[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    # MinHash only estimates similarity: ask LSH for a looser threshold so that pairs just
    # above the real one are not lost to estimation error; `_jaccard` then decides exactly.
    loose = max(0.3, index.options["duplicate_threshold"] - LSH_SLACK)
    lsh = MinHashLSH(threshold=loose, num_perm=NUM_PERM)
    # One MinHash at a time (generator, not bulk): only the LSH's band hashes stay in memory.
    hashes = MinHash.generator(
        (index.doc_shingles[d].tolist() for d in docs), num_perm=NUM_PERM, hashfunc=_identity
    )
    for doc, minhash in zip(docs, hashes, strict=True):
        for other in lsh.query(minhash):
            yield other, doc
        lsh.insert(doc, minhash, check_duplication=False)


def _identity(value: int) -> int:
    # Shingles are already stable 32-bit hashes (crc32); MinHash only permutes them.
    return value


def _jaccard(index: CorpusIndex, a: int, b: int) -> float:
    import numpy as np

    sa, sb = index.doc_shingles[a], index.doc_shingles[b]
    common = int(np.intersect1d(sa, sb, assume_unique=True).size)
    union = int(sa.size + sb.size) - common
    return common / union if union else 0.0


def document_similarity(index: CorpusIndex, a: int, b: int) -> tuple[str, float]:
    """How two grouped documents relate: byte-identical, same words, or near (Jaccard)."""
    ha, hb = index.doc_hashes[a], index.doc_hashes[b]
    if ha[0] == hb[0]:
        return "byte-identical", 1.0
    ra, rb = index.representative.get(a), index.representative.get(b)
    if ha[1] == hb[1] or ra is None or rb is None or ra == rb:
        return "same words", 1.0
    return "near-identical", _jaccard(index, ra, rb)


# --- quotes ---------------------------------------------------------------------------


def _index_quotes(index: CorpusIndex) -> None:
    opts = index.options
    variant_ids: dict[tuple[str, ...], int] = {}
    for d, doc in enumerate(index.docs):
        for quote in doc.quotes:
            if quote.nested or not _opens_like_a_quote(doc.text, quote):
                continue
            # Interned: a word held by thousands of variants is then stored once.
            seq = tuple(map(sys.intern, words(quote.text)))
            if len(seq) < opts["min_words"]:
                continue
            variant = variant_ids.setdefault(seq, len(variant_ids))
            if variant == len(index.variants):
                index.variants.append(seq)
                index.by_variant.append([])
            occ_id = len(index.occurrences)
            index.occurrences.append(Occurrence(d, quote, variant))
            index.by_variant[variant].append(occ_id)
            index.by_doc.setdefault(d, []).append(occ_id)
    for a, b in _quote_candidates(index):
        va, vb = index.variants[a], index.variants[b]
        # Compare in a canonical order so that the answer never depends on input order.
        ov = overlap(va, vb) if va <= vb else overlap(vb, va)
        if _similar(ov, va, vb, opts):
            index.edges.setdefault(a, {})[b] = ov
            index.edges.setdefault(b, {})[a] = ov


def _opens_like_a_quote(text: str, quote: Quote) -> bool:
    # A quotation starts right after its opening mark. Text starting with a space or with
    # punctuation is what lies *between* two quotes when the marks were paired wrongly
    # (`..." she said. Earlier she told BBC Radio: "...`), not a quotation.
    after = text[quote.open_mark.offset + 1 : quote.open_mark.offset + 2]
    return after.isalnum() or after in ("[", "(", "‘", "'", "…")


def _similar(ov: Overlap, a: tuple[str, ...], b: tuple[str, ...], opts: Mapping[str, Any]) -> bool:
    if ov.shorter < opts["min_words"] or ov.longest < opts["min_run"]:
        return False
    if ov.longest < ov.matched and ov.shorter < opts["min_divergent_words"]:
        return False
    if ov.ratio < opts["min_overlap"] or ov.coverage < opts["min_coverage"]:
        return False
    # Shared words scattered over a long quote ("I ... in the first half ... in the second")
    # are common words, not one statement.
    if ov.spread > opts["max_spread"] * ov.shorter:
        return False
    shared_content = len((set(a) & set(b)) - STOPWORDS)
    return shared_content >= int(opts["min_shared_content"])


def _quote_candidates(index: CorpusIndex) -> Iterator[tuple[int, int]]:
    """Pairs of variants sharing a rare, contentful 4-word shingle, each pair once."""
    import numpy as np

    key_parts = []
    value_parts = []
    window = np.ones(QUOTE_SHINGLE, dtype=np.int64)
    for variant, seq in enumerate(index.variants):
        hashes = shingle_array(seq, QUOTE_SHINGLE)
        content = np.fromiter((w not in STOPWORDS for w in seq), dtype=np.int64, count=len(seq))
        # A shingle made only of function words ("i don't think we") pairs everything.
        contentful = np.convolve(content, window[: len(seq)], mode="valid") > 0
        hashes = np.unique(hashes[contentful])
        key_parts.append(hashes.astype(np.int64))
        value_parts.append(np.full(hashes.size, variant, dtype=np.int64))
    if not key_parts:
        return
    k = np.concatenate(key_parts)
    v = np.concatenate(value_parts)
    if not k.size:
        return
    order = np.lexsort((v, k))
    k, v = k[order], v[order]
    bounds = np.flatnonzero(np.diff(k)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [k.size]))
    sizes = ends - starts
    keep = (sizes >= 2) & (sizes <= index.options["max_posting"])
    # All pairs within each posting, built in numpy by posting size (no Python set of
    # tuples: at 100k documents there are millions), encoded as a * n + b, then counted.
    n = len(index.variants)
    encoded = []
    for size in np.unique(sizes[keep]).tolist():
        first = starts[keep & (sizes == size)]
        left, right = np.triu_indices(size, 1)
        a = v[first[:, None] + left[None, :]].ravel()
        b = v[first[:, None] + right[None, :]].ravel()
        encoded.append(a * n + b)
    if not encoded:
        return
    pairs, shared = np.unique(np.concatenate(encoded), return_counts=True)
    # One shared shingle is enough when the shorter quote has few of them to share.
    shingles = np.array([max(1, len(seq) - QUOTE_SHINGLE + 1) for seq in index.variants])
    a, b = pairs // n, pairs % n
    needed = np.where(np.minimum(shingles[a], shingles[b]) <= SHORT_QUOTE_SHINGLES, 1, 2)
    chosen = shared >= needed
    yield from zip(a[chosen].tolist(), b[chosen].tolist(), strict=True)
