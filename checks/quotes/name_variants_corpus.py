"""SC408 corpus-name-variant."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from seedcheck.checks.translation.names import name_tokens, variant_groups
from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity, Span
from seedcheck.rules import CorpusContext, CorpusRule


class CorpusNameVariant(CorpusRule):
    """
    ## What it does
    Reports a name that the corpus spells in several ways across files, where the spellings
    differ the way transliterations do (Zelenskiy / Zelenskyi / Zelensky, Dmitry / Dmitri,
    Lugansk / Luhansk). One finding per variant group in each target file that uses one of
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
    options = {"max_related": 20}

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        # First use of each variant-capable spelling per document, in one tokenising pass.
        firsts: list[dict[str, int]] = []
        spellings: set[str] = set()
        for doc in docs:
            seen: dict[str, int] = {}
            for token, offset in name_tokens(doc.text, doc.body.start, doc.body.end):
                seen.setdefault(token, offset)
            firsts.append(seen)
            spellings.update(seen)
        # Spellings in a canonical order (not input order) so groups never depend on it.
        groups = sorted(variant_groups(sorted(spellings)), key=lambda g: g.key)
        users: dict[str, list[int]] = {s: [] for g in groups for s in g.spellings}
        for d, seen in enumerate(firsts):
            for spelling in seen:
                if spelling in users:
                    users[spelling].append(d)
        limit = ctx.option("max_related")
        for group in groups:
            counts = ", ".join(
                f"{s} ({len(users[s])} file{'s' if len(users[s]) != 1 else ''})"
                for s in group.spellings
            )
            involved = sorted({d for s in group.spellings for d in users[s]})
            for d in involved:
                doc = docs[d]
                if doc.path not in ctx.targets:
                    continue
                mine = [s for s in group.spellings if s in firsts[d]]
                others = sorted(
                    (docs[o].path, docs[o].source.position(firsts[o][s])[0], s)
                    for s in group.spellings
                    if s not in mine
                    for o in users[s]
                )
                related = tuple(Related(p, line, s) for p, line, s in others[:limit])
                start, first = min((firsts[d][s], s) for s in mine)
                uses = " and ".join(mine)
                yield doc, Hit(
                    f"Name spelled differently across the corpus: {counts}; "
                    f"this file uses {uses}",
                    Span(start, start + len(first)),
                    related=related,
                )
