"""The shape shared by the cross-file quote rules (SC403-SC406): one finding per quote
occurrence in a target file that has partners of the rule's kind in other documents."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Hit, Related
from seedcheck.rules import CorpusContext

from .index import CorpusIndex, IndexedRule, Occurrence, PairKind, options_doc
from .partners import summarise
from .text import word_diff


class QuoteClusterRule(IndexedRule):
    pair_kind: ClassVar[PairKind]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__doc__ = (cls.__doc__ or "") + options_doc()

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        index = self.index(docs, ctx)
        limit = ctx.option("max_related")
        for d, occ_ids in sorted(index.by_doc.items()):
            doc = index.docs[d]
            if doc.path not in ctx.targets:
                continue
            for occ_id in occ_ids:
                summary = summarise(index, occ_id, limit).get(self.pair_kind)
                if summary is None:
                    continue
                occ = index.occurrences[occ_id]
                others = [index.occurrences[p] for p in summary.listed]
                related = tuple(self._related(index, occ, p) for p in summary.listed)
                message = self.describe(index, occ, others[0], summary.files)
                if summary.count > limit:
                    message += f" ({limit} of {summary.count} places listed)"
                yield doc, Hit(message, occ.quote.span, related=related)

    def describe(self, index: CorpusIndex, occ: Occurrence, first: Occurrence, files: int) -> str:
        raise NotImplementedError

    def _related(self, index: CorpusIndex, occ: Occurrence, other_id: int) -> Related:
        # One Related object per partner (and per variant of the quote when the relation
        # depends on it), shared by every finding that lists it: a quote syndicated into
        # thousands of files would otherwise hold millions of equal objects.
        cache: dict[tuple[str, int, int], Related] = index.cache.setdefault("related", {})
        key = (self.code, occ.variant if self.relation_depends_on_quote else -1, other_id)
        found = cache.get(key)
        if found is None:
            other = index.occurrences[other_id]
            doc = index.docs[other.doc]
            line = doc.source.position(other.quote.span.start)[0]
            found = cache[key] = Related(doc.path, line, self.relation(index, occ, other))
        return found

    # Whether `relation` reads the reported quote (a diff) or only the partner (its speaker).
    relation_depends_on_quote: ClassVar[bool] = False

    def relation(self, index: CorpusIndex, occ: Occurrence, other: Occurrence) -> str:
        return f"said by {speaker_name(other)}"


def speaker_name(occ: Occurrence) -> str:
    speaker = occ.quote.speaker
    return speaker.name if speaker is not None and speaker.name else "an unnamed speaker"


def diff_between(index: CorpusIndex, occ: Occurrence, other: Occurrence) -> str:
    """Word differences between two renderings, computed once per pair of variants."""
    cache: dict[tuple[int, int], str] = index.cache.setdefault("diffs", {})
    key = (occ.variant, other.variant)
    if key not in cache:
        cache[key] = word_diff(index.variants[occ.variant], index.variants[other.variant])
    return cache[key]


def files_phrase(files: int) -> str:
    return "1 other file" if files == 1 else f"{files} other files"
