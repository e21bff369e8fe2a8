"""A small corpus rule for the tests of the machinery (cache, gate) that carries corpus rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity
from seedcheck.rules import CorpusContext, CorpusRule, DocumentRule, RuleContext


class SameTitle(CorpusRule):
    """## What it does
    Flags a target whose title another document also has (test-only rule).
    ## Why it matters
    Tests only.
    ## Example
    Two files titled "A".
    """

    code = "SC698"
    name = "test-same-title"
    family = Family.HYGIENE
    severity = Severity.ERROR
    calls = 0  # how many times the rule really ran (the cache must skip it)

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        type(self).calls += 1
        by_title: dict[str, list[Document]] = defaultdict(list)
        for doc in docs:
            if doc.title is not None:
                by_title[doc.title.value].append(doc)
        for title in sorted(by_title):
            group = by_title[title]
            for doc in group:
                if doc.path in ctx.targets and len(group) > 1:
                    others = tuple(Related(d.path) for d in group if d is not doc)
                    yield (
                        doc,
                        Hit(
                            f"Title also used by {len(others)} other file(s)",
                            span=doc.title.span,
                            related=others,
                        ),
                    )


class WhichProcess(DocumentRule):
    """## What it does
    Reports the id of the process that checked the document (test-only rule).
    ## Why it matters
    Tests of the runner's scheduling only.
    ## Example
    Any file: `pid 1234`.
    """

    code = "SC697"
    name = "test-which-process"
    family = Family.HYGIENE
    severity = Severity.INFO
    needs_text = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        import os

        yield Hit(f"pid {os.getpid()}")
