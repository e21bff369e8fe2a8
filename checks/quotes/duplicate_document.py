"""SC407 near-duplicate-document."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity
from seedcheck.rules import CorpusContext

from .index import IndexedRule, document_similarity, options_doc


class DuplicateDocument(IndexedRule):
    """
    ## What it does
    Reports documents that are copies of other documents of the corpus: byte-identical
    files, files with the same words (differing only in spacing, line endings, punctuation
    or case), and near-identical
    ones (at least `duplicate_threshold` of their 5-word shingles shared, Jaccard). Candidates
    come from exact hashes and MinHash LSH, so large corpora are never compared pair by pair.

    ## Why it matters
    A duplicated seed counts twice: it over-weights one story in whatever is built from the
    corpus and inflates agreement between "sources". Quotes shared by copies are not reported
    again as cross-file quote findings; this finding is the one to act on.

    ## Example
    ```text
    business/012.txt and business/048.txt: same article, one with an extra closing sentence
    ```
    Keep one copy (or mark the other as a deliberate variant). Byte-identical files that are
    both being checked are reported once, by the schema check SC706 (`duplicate-document`);
    this rule reports copies that differ in spacing or a few sentences, and copies of files
    of the reference corpus (`--corpus`), byte-identical ones included.
    """

    code = "SC407"
    name = "near-duplicate-document"
    family = Family.QUOTES
    severity = Severity.WARNING

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        index = self.index(docs, ctx)
        limit = ctx.option("max_related")
        for group in index.groups:
            for d in group.members:
                doc = index.docs[d]
                if doc.path not in ctx.targets:
                    continue
                others = [o for o in group.members if o != d]
                kinds: dict[str, list[float]] = {}
                related = []
                copies = 0
                for o in others:
                    kind, similarity = document_similarity(index, d, o)
                    if kind == "byte-identical" and index.docs[o].path in ctx.targets:
                        continue  # SC706 (schema) owns byte-identical files among the checked
                    copies += 1
                    if copies > limit:
                        continue
                    kinds.setdefault(kind, []).append(similarity)
                    note = kind
                    if kind == "near-identical":
                        note = f"{kind}, similarity {similarity:.2f}"
                    related.append(Related(index.docs[o].path, None, note))
                if not related:
                    continue
                parts = []
                for kind in ("byte-identical", "same words", "near-identical"):
                    if kind in kinds:
                        n = len(kinds[kind])
                        what = f"{kind} as {n} other file{'s' if n > 1 else ''}"
                        if kind != "same words":
                            what = f"{kind} to {n} other file{'s' if n > 1 else ''}"
                        if kind == "near-identical":
                            low, high = min(kinds[kind]), max(kinds[kind])
                            span = f"{low:.2f}" if low == high else f"{low:.2f}-{high:.2f}"
                            what += f" (similarity {span})"
                        parts.append(what)
                message = "Duplicate document: " + ", ".join(parts)
                if copies > limit:
                    message += f" ({limit} of {copies} copies listed)"
                yield doc, Hit(message, None, related=tuple(related))


DuplicateDocument.__doc__ = (DuplicateDocument.__doc__ or "") + options_doc()
