"""Who a quote occurrence pairs with, summarised per kind, without enumerating all pairs.

`CorpusIndex.partners` is the plain definition (every pair, classified one by one); a quote
syndicated into thousands of documents makes that quadratic. Here the occurrences of each
variant are split into *speaker classes* (the firm, name-like speaker's surname, or None).
Two occurrences of compatible classes (same surname, or one unknown) always relate the same
way, so whole classes are taken at once: their documents are united as sets and their
occurrences, kept sorted, are merged only as far as the listed places need. Only pairs of
two different firm speakers are classified one by one (possible misattributions: rare).
The tests check that this agrees with `CorpusIndex.partners`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from .index import CorpusIndex, Occurrence, PairKind
from .text import Overlap


@dataclass(slots=True)
class KindSummary:
    files: set[int] = field(default_factory=set)  # other documents, copies excluded
    streams: list[list[int]] = field(default_factory=list)  # sorted occurrence ids
    extra: list[int] = field(default_factory=list)  # pairs classified one by one
    count: int = 0  # partner occurrences

    def listed(self, index: CorpusIndex, exclude: set[int], limit: int) -> list[int]:
        """The first `limit` partner occurrences by (path, offset)."""
        key = _sort_key(index)
        # Streams are sorted: the first `limit` kept items of each are all that can be listed.
        candidates = list(self.extra)
        for stream in self.streams:
            kept = (o for o in stream if index.occurrences[o].doc not in exclude)
            candidates.extend(itertools.islice(kept, limit))
        return sorted(candidates, key=key)[:limit]


@dataclass(slots=True)
class _Class:
    speaker: str | None
    members: list[int]  # occurrence ids sorted by (path, offset)
    docs: frozenset[int]


@dataclass(frozen=True, slots=True)
class Partners:
    files: int  # other documents (copies excluded)
    count: int  # partner occurrences
    listed: tuple[int, ...]  # the first `limit` of them by (path, offset)


def summarise(index: CorpusIndex, occ_id: int, limit: int) -> dict[PairKind, Partners]:
    """Partners of one occurrence by kind, compact, cached on the index: the four rules
    share one computation and memory holds counts and a few ids, not the partner sets."""
    cache: dict[tuple[int, int], dict[PairKind, Partners]] = index.cache.setdefault("summaries", {})
    key = (occ_id, limit)
    if key not in cache:
        exclude = copies_of(index, index.occurrences[occ_id].doc)
        cache[key] = {
            kind: Partners(len(s.files), s.count, tuple(s.listed(index, exclude, limit)))
            for kind, s in _summarise(index, occ_id).items()
        }
    return cache[key]


def copies_of(index: CorpusIndex, doc: int) -> set[int]:
    """The document and its copies: never partners of its quotes."""
    group = index.group_of.get(doc)
    return {doc} if group is None else set(index.groups[group].members)


def _summarise(index: CorpusIndex, occ_id: int) -> dict[PairKind, KindSummary]:
    occ = index.occurrences[occ_id]
    if len(index.by_variant[occ.variant]) == 1 and not index.edges.get(occ.variant):
        return {}  # a quote found once, like no other: most quotes (the loop finds none)
    mine = speaker_class(index, occ)
    exclude = copies_of(index, occ.doc)
    out: dict[PairKind, KindSummary] = {}
    related: list[tuple[int, Overlap | None]] = [(occ.variant, None)]
    related.extend(index.edges.get(occ.variant, {}).items())
    for variant, ov in related:
        for cls in _classes(index, variant):
            if cls.speaker is None or mine is None or cls.speaker == mine:
                kind = _plain_kind(ov)
                summary = out.setdefault(kind, KindSummary())
                summary.streams.append(cls.members)
                summary.files |= cls.docs - exclude
                summary.count += (
                    sum(1 for o in cls.members if index.occurrences[o].doc not in exclude)
                    if len(cls.docs & exclude)
                    else len(cls.members)
                )
                continue
            for other in cls.members:  # two different firm speakers: pair by pair
                other_occ = index.occurrences[other]
                if other_occ.doc in exclude:
                    continue
                pair_kind = index.pair_kind(occ, other_occ, ov)
                if pair_kind is not None:
                    summary = out.setdefault(pair_kind, KindSummary())
                    summary.extra.append(other)
                    summary.files.add(other_occ.doc)
                    summary.count += 1
    return {kind: s for kind, s in out.items() if s.count}


def speaker_class(index: CorpusIndex, occ: Occurrence) -> str | None:
    speaker = occ.quote.speaker
    return speaker.key if index.firm_speaker(speaker) and speaker is not None else None


def _plain_kind(ov: Overlap | None) -> PairKind:
    if ov is None:
        return PairKind.IDENTICAL
    return PairKind.TRUNCATED if ov.longest == ov.matched else PairKind.DIVERGENT


def _classes(index: CorpusIndex, variant: int) -> list[_Class]:
    cache: dict[int, list[_Class]] = index.cache.setdefault("classes", {})
    if variant not in cache:
        by_speaker: dict[str | None, list[int]] = {}
        for o in index.by_variant[variant]:
            by_speaker.setdefault(speaker_class(index, index.occurrences[o]), []).append(o)
        key = _sort_key(index)
        cache[variant] = [
            _Class(
                speaker,
                sorted(members, key=key),
                frozenset(index.occurrences[o].doc for o in members),
            )
            for speaker, members in sorted(by_speaker.items(), key=lambda kv: kv[0] or "")
        ]
    return cache[variant]


def _sort_key(index: CorpusIndex):  # type: ignore[no-untyped-def]
    def key(o: int) -> tuple[str, int]:
        occ = index.occurrences[o]
        return index.docs[occ.doc].path, occ.quote.span.start

    return key


def iter_partners(index: CorpusIndex, occ_id: int) -> Iterator[tuple[int, PairKind]]:
    """Every partner with its kind, from the summary (for tests against `partners`)."""
    exclude = copies_of(index, index.occurrences[occ_id].doc)
    for kind, summary in _summarise(index, occ_id).items():
        for o in summary.listed(index, exclude, summary.count + len(exclude) + 1_000_000):
            yield o, kind
