"""SC408 corpus-name-variant."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import CorpusContext, CorpusRule

from ..translation.names import name_mentions, variant_groups

FEATURE_KEY = ("names.mentions",)
# A document's first offset of each variant-capable spelling, and the capitalised words
# written next to each spelling (case-folded).
Mentions = tuple[dict[str, int], dict[str, frozenset[str]]]


def mentions_of(doc: Document) -> Mentions:
    seen: dict[str, int] = {}
    near_here: dict[str, set[str]] = {}
    for token, offset, near in name_mentions(doc.text, doc.body.start, doc.body.end):
        seen.setdefault(token, offset)
        near_here.setdefault(token, set()).update(n.casefold() for n in near)
    return seen, {token: frozenset(near) for token, near in near_here.items()}


class CorpusNameVariant(CorpusRule):
    """
    ## What it does
    Reports a name that the corpus spells in several ways across files, where the spellings
    differ the way transliterations do (Zelenskiy / Zelenskyi / Zelensky, Dmitry / Dmitri,
    Lugansk / Luhansk). Spellings that differ by their ending must also be written once next
    to the same other name ("Volodymyr Zelenskiy", "Volodymyr Zelensky"): a first name alone
    is not a person. One finding per variant group in each target file that uses one of
    the spellings, at its first use, with the number of files per spelling; `related` lists
    files that use the other spellings. Inconsistency inside one file is `name-variant`.

    ## Why it matters
    A corpus that spells one person three ways splits every count, search and entity link
    in three. Seeds from different outlets and translation pipelines drift apart this way
    without any single file being wrong.

    ## Example
    ```text
    000.txt: Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO ...
    003.txt: Ukrainian President Volodymyr Zelensky asked NATO ...
    ```
    Agree on one spelling for the corpus (or record the variants as aliases).
    """

    code = "SC408"
    name = "corpus-name-variant"
    family = Family.QUOTES
    severity = Severity.INFO
    options: ClassVar[Mapping[str, Any]] = {"max_related": 20}
    slim_documents = True

    def feature_key(self, options: Mapping[str, Any]) -> Hashable:
        return FEATURE_KEY

    def document_features(self, doc: Document, options: Mapping[str, Any]) -> Mentions:
        return mentions_of(doc)

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        # Per document: first use of each variant-capable spelling and the capitalised words
        # written next to it (computed where the document was parsed, when the engine did).
        firsts: list[dict[str, int]] = []
        nears: list[dict[str, frozenset[str]]] = []
        neighbours: dict[str, set[str]] = {}
        for doc in docs:
            given = ctx.features.get(doc.path, {}).get(FEATURE_KEY)
            seen, near_here = given if given is not None else mentions_of(doc)
            for token, folded in near_here.items():
                neighbours.setdefault(token, set()).update(folded)
            firsts.append(seen)
            nears.append(near_here)
        # Spellings in a canonical order (not input order) so groups never depend on it.
        groups = sorted(variant_groups(sorted(neighbours), neighbours), key=lambda g: g.key)
        limit = ctx.option("max_related")
        for group in groups:
            # A file takes part when it ties one of the spellings to the person (writes it
            # next to a linking name), or always for variants that need no link.
            users: dict[str, list[int]] = {s: [] for s in group.spellings}
            for d, seen in enumerate(firsts):
                mine = [s for s in group.spellings if s in seen]
                if mine and (not group.links or any(nears[d][s] & group.links for s in mine)):
                    for s in mine:
                        users[s].append(d)
            if sum(1 for s in group.spellings if users[s]) < 2:
                continue
            counts = ", ".join(
                f"{s} ({len(users[s])} file{'s' if len(users[s]) != 1 else ''})"
                for s in group.spellings
                if users[s]
            )
            involved = sorted({d for s in group.spellings for d in users[s]})
            for d in involved:
                doc = docs[d]
                if doc.path not in ctx.targets:
                    continue
                mine = [s for s in group.spellings if d in users[s]]
                others = sorted(
                    (docs[o].path, docs[o].source.position(firsts[o][s])[0], s)
                    for s in group.spellings
                    if s not in mine
                    for o in users[s]
                )
                related = tuple(Related(p, line, s) for p, line, s in others[:limit])
                start, first = min((firsts[d][s], s) for s in mine)
                uses = " and ".join(mine)
                yield (
                    doc,
                    Hit(
                        f"Name spelled differently across the corpus: {counts}; "
                        f"this file uses {uses}",
                        Span(start, start + len(first)),
                        related=related,
                    ),
                )
