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
from collections.abc import Hashable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from seedcheck.document import Document, Quote, Speaker, SpeakerHow
from seedcheck.rules import CorpusContext, CorpusRule

from .features import (
    DocumentFeatures,
    document_features,
    jaccard,
    shared_needed,
    shingle_count,
    shingle_table,
    sorted_unique,
)
from .features import warm_up as features_warm_up
from .text import STOPWORDS, Overlap, overlap, words

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
    doc_hashes: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # bytes, words
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
    docs: Sequence[Document],
    options: Mapping[str, Any],
    shared: dict[Any, Any] | None = None,
    features: Mapping[str, Mapping[Hashable, Any]] | None = None,
    links: Mapping[Hashable, Any] | None = None,
) -> CorpusIndex:
    """The index of `docs`, built once per run (in the corpus rules' `shared` space) and
    read by every rule of the family. `features` (by path, then `feature_key`) are the
    documents' precomputed `DocumentFeatures`; `links` (by `feature_key`) the pairs an
    engine found and verified itself (`Links`)."""
    opts = index_options(options)
    key = feature_key(opts)
    store = {} if shared is None else shared
    if key not in store:
        given = features or {}
        # Documents without features (findings from the cache: parsed here) get them here.
        found = [
            given[d.path][key] if key in given.get(d.path, ()) else document_features(d, opts)
            for d in docs
        ]
        store[key] = build_index(docs, opts, found, (links or {}).get(key))
        del found
        # Consumed: the index keeps what it needs (the shingles of grouped documents only).
        # Freed now, they no longer sit beside the findings of the rules (100k documents:
        # hundreds of megabytes of shingles, band keys and quote words).
        for per_document in given.values():
            if isinstance(per_document, MutableMapping):
                per_document.pop(key, None)
    index: CorpusIndex = store[key]
    return index


class IndexedRule(CorpusRule):
    """A corpus rule that reads the corpus index (SC403-SC407)."""

    options = INDEX_OPTIONS
    slim_documents = True
    min_documents = 2  # pairs of documents

    @classmethod
    def warm_up(cls) -> None:
        # The index's arrays, MinHash and LSH bands are numpy's; the bands of other
        # thresholds than the default are computed on first use.
        features_warm_up(INDEX_OPTIONS["duplicate_threshold"])

    def feature_key(self, options: Mapping[str, Any]) -> Hashable:
        return feature_key(options)

    def document_features(self, doc: Document, options: Mapping[str, Any]) -> DocumentFeatures:
        return document_features(doc, index_options(options))

    def index(self, docs: Sequence[Document], ctx: CorpusContext) -> CorpusIndex:
        return corpus_index(docs, ctx.options, ctx.shared, ctx.features, ctx.links)


def index_options(options: Mapping[str, Any]) -> dict[str, Any]:
    return {name: options.get(name, default) for name, default in INDEX_OPTIONS.items()}


def feature_key(options: Mapping[str, Any]) -> Hashable:
    """Rules with the same index options share one index and one set of features."""
    return ("quotes.index", tuple(sorted(index_options(options).items())))


@dataclass(frozen=True, slots=True)
class Links:
    """Pairs found and verified outside `build_index` (the Spark engine), by path: near
    copies among the documents that hold their words' shingles (`representative`), with
    those shingles, and similar quote variants with their overlap. Variants are named by
    their key (`QuoteFeatures.key`, 16 bytes), not their words: an edge then costs the
    same whatever the quotes' length, and the words are in the documents' features."""

    near: Sequence[tuple[str, str]]
    shingles: Mapping[str, Any]  # path -> sorted shingle array, every path in `near`
    quote_edges: Sequence[tuple[bytes, bytes, Overlap]]


def build_index(
    docs: Sequence[Document],
    options: Mapping[str, Any],
    features: Sequence[DocumentFeatures] | None = None,
    links: Links | None = None,
) -> CorpusIndex:
    """The index of `docs`. `features` are their `document_features` computed elsewhere
    (worker processes); with `links`, they may be `light()` ones."""
    if features is None:
        features = [document_features(doc, options) for doc in docs]
    index = CorpusIndex(docs=docs, options=options)
    _find_duplicate_documents(index, features, links)
    _index_quotes(index, features, links)
    return index


# --- documents ------------------------------------------------------------------------


def _find_duplicate_documents(
    index: CorpusIndex, features: Sequence[DocumentFeatures], links: Links | None
) -> None:
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

    first_by_hash: dict[tuple[int, bytes], int] = {}
    representatives: list[int] = []
    for i, feat in enumerate(features):
        index.doc_hashes[i] = (feat.digest, feat.word_hash)
        if not feat.word_count:
            continue
        exact = (feat.word_count, feat.word_hash)
        if exact in first_by_hash:
            union(i, first_by_hash[exact])
            index.representative[i] = first_by_hash[exact]
            continue
        first_by_hash[exact] = i
        index.representative[i] = i
        if feat.word_count < opts["min_document_words"]:
            continue  # copies of a short text count; near-copies need more text to judge
        representatives.append(i)
        if links is None:
            index.doc_shingles[i] = feat.shingles

    if links is not None:
        number = {doc.path: i for i, doc in enumerate(index.docs)}
        for path, shingles in links.shingles.items():
            index.doc_shingles[number[path]] = shingles
        for path_a, path_b in links.near:
            union(number[path_a], number[path_b])
    elif len(representatives) > 1:
        threshold = opts["duplicate_threshold"]
        for a, b in _lsh_candidates(features, representatives):
            if find(a) != find(b) and near_copies(index.doc_shingles, a, b, threshold):
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


def near_copies(shingles: Mapping[Any, Any], a: Any, b: Any, threshold: float) -> bool:
    """The verification of an LSH candidate pair: exact Jaccard of the shingle sets."""
    return jaccard(shingles[a], shingles[b]) >= threshold


def _lsh_candidates(
    features: Sequence[DocumentFeatures], docs: list[int]
) -> Iterator[tuple[int, int]]:
    """Pairs of `docs` filed under the same key of some band: what MinHashLSH's `query`
    returns for each document against those inserted before it (see features.band_keys)."""
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for doc in docs:
        seen: set[int] = set()
        for band, key in enumerate(features[doc].bands):
            bucket = buckets[band, key]
            for other in bucket:
                if other not in seen:
                    seen.add(other)
                    yield other, doc
            bucket.append(doc)


def document_similarity(index: CorpusIndex, a: int, b: int) -> tuple[str, float]:
    """How two grouped documents relate: byte-identical, same words, or near (Jaccard)."""
    ha, hb = index.doc_hashes[a], index.doc_hashes[b]
    if ha[0] == hb[0]:
        return "byte-identical", 1.0
    ra, rb = index.representative.get(a), index.representative.get(b)
    if ha[1] == hb[1] or ra is None or rb is None or ra == rb:
        return "same words", 1.0
    return "near-identical", jaccard(index.doc_shingles[ra], index.doc_shingles[rb])


# --- quotes ---------------------------------------------------------------------------


def _index_quotes(
    index: CorpusIndex, features: Sequence[DocumentFeatures], links: Links | None
) -> None:
    opts = index.options
    variant_ids: dict[tuple[str, ...], int] = {}
    variant_of_key: dict[bytes, int] = {}  # QuoteFeatures.key -> variant (Links' edges)
    for d, (doc, feat) in enumerate(zip(index.docs, features, strict=True)):
        for quote in feat.quotes:
            # Interned: a word held by thousands of variants is then stored once.
            seq = tuple(map(sys.intern, quote.words))
            variant = variant_ids.setdefault(seq, len(variant_ids))
            if variant == len(index.variants):
                index.variants.append(seq)
                index.by_variant.append([])
                if links is not None:
                    variant_of_key[quote.key] = variant
            occ_id = len(index.occurrences)
            index.occurrences.append(Occurrence(d, doc.quotes[quote.quote], variant))
            index.by_variant[variant].append(occ_id)
            index.by_doc.setdefault(d, []).append(occ_id)
    edges: Iterator[tuple[int, int, Overlap | None]]
    if links is not None:
        edges = ((variant_of_key[a], variant_of_key[b], ov) for a, b, ov in links.quote_edges)
    else:
        variants = index.variants
        pairs = _quote_candidates(index, shingle_table(variants))
        edges = ((a, b, similar_quotes(variants[a], variants[b], opts)) for a, b in pairs)
    for a, b, ov in edges:
        if ov is not None:
            index.edges.setdefault(a, {})[b] = ov
            index.edges.setdefault(b, {})[a] = ov


def similar_quotes(
    a: tuple[str, ...], b: tuple[str, ...], opts: Mapping[str, Any]
) -> Overlap | None:
    """The verification of a candidate pair of quote variants: their overlap when they
    render one statement, else None."""
    if not _may_be_similar(a, b, opts):
        return None  # most candidates: difflib, below, is the cost of verifying
    # Compared in a canonical order so that the answer never depends on input order.
    ov = overlap(a, b) if a <= b else overlap(b, a)
    return ov if _similar(ov, a, b, opts) else None


def _may_be_similar(a: tuple[str, ...], b: tuple[str, ...], opts: Mapping[str, Any]) -> bool:
    """False when `_similar` rejects the pair whatever their overlap: the shorter quote is
    too short, they share too few content words, or too few of the shorter's words are in
    the other at all (an upper bound of `Overlap.matched`: each matched word is one of them)."""
    shorter = min(len(a), len(b))
    if shorter < opts["min_words"]:
        return False
    set_a, set_b = set(a), set(b)
    if len((set_a & set_b) - STOPWORDS) < int(opts["min_shared_content"]):
        return False
    counted, other = (a, set_b) if len(a) <= len(b) else (b, set_a)
    present = sum(map(other.__contains__, counted))
    return not (shorter and present / shorter < opts["min_overlap"])


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


def _quote_candidates(index: CorpusIndex, table: tuple[Any, Any]) -> Iterator[tuple[int, int]]:
    """Pairs of variants sharing a rare, contentful 4-word shingle, each pair once; `table`
    is the variants' `shingle_table`."""
    import numpy as np

    k, v = table
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
    for size in sorted_unique(sizes[keep]).tolist():  # (np.unique would import numpy.ma)
        first = starts[keep & (sizes == size)]
        left, right = np.triu_indices(size, 1)
        a = v[first[:, None] + left[None, :]].ravel()
        b = v[first[:, None] + right[None, :]].ravel()
        encoded.append(a * n + b)
    if not encoded:
        return
    pairs, shared = np.unique(np.concatenate(encoded), return_counts=True)
    counts = np.array([shingle_count(seq) for seq in index.variants])
    a, b = pairs // n, pairs % n
    chosen = shared >= shared_needed(np.minimum(counts[a], counts[b]))
    yield from zip(a[chosen].tolist(), b[chosen].tolist(), strict=True)
