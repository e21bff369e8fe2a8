"""Test-only rules and a pinned run for the reporter tests.

The registered rules mostly report whole files; reporters must also handle spans, fixes,
cross-file `related` places and multi-line spans, so these stand-ins produce all of them.
They are never registered: tests pass them to `run(all_rules=...)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from seedcheck.checks.dates.missing_date import MissingDate
from seedcheck.config import Config
from seedcheck.document import Document
from seedcheck.model import Family, Fix, Hit, Related, Severity, Span
from seedcheck.rules import CorpusContext, CorpusRule, DocumentRule, RuleContext
from seedcheck.runner import RunResult, run
from tests.conftest import FIXED_TODAY, FIXTURES

REPORT_FIXTURES = FIXTURES / "reports"


class AllCapsAcronym(DocumentRule):
    """
    ## What it does
    Test rule: reports `NATO` written in capitals, with a replacement.

    ## Why it matters
    Exercises spans and fixes in reporters.

    ## Example
    `NATO ministers` -> `Nato ministers`
    """

    code = "SC990"
    name = "test-acronym"
    family = Family.HYGIENE
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for match in re.finditer(r"\bNATO\b", doc.text):
            yield Hit(
                "Acronym in capitals",
                Span(match.start(), match.end()),
                fix=Fix("Write it as a word", "Nato"),
            )


class SharedQuote(CorpusRule):
    """
    ## What it does
    Test rule: reports a quote whose text appears in another file, with `related` places.

    ## Why it matters
    Exercises cross-file findings in reporters.

    ## Example
    Two files quoting "We will not give up".
    """

    code = "SC991"
    name = "test-shared-quote"
    family = Family.QUOTES
    severity = Severity.INFO

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        places: dict[str, list[tuple[Document, Span]]] = {}
        for doc in docs:
            for quote in doc.quotes:
                places.setdefault(quote.text, []).append((doc, quote.span))
        for text in sorted(places):
            found = places[text]
            if len({d.path for d, _ in found}) < 2:
                continue
            for doc, span in found:
                related = tuple(
                    Related(other.path, other.source.position(s.start)[0], "same quote")
                    for other, s in found
                    if other.path != doc.path
                )
                yield doc, Hit(f"Quote also appears in {len(related)} other file(s)", span, related)


class TitleToBody(DocumentRule):
    """
    ## What it does
    Test rule: a span from the title to the first body paragraph (multi-line).

    ## Why it matters
    Exercises multi-line spans in reporters.

    ## Example
    A title and the paragraph under it.
    """

    code = "SC992"
    name = "test-multiline"
    family = Family.PROVENANCE
    severity = Severity.INFO

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if doc.title and doc.paragraphs and doc.title.value.startswith("Talks"):
            yield Hit(
                "Title and first paragraph", Span(doc.title.span.start, doc.paragraphs[0].span.end)
            )


TEST_RULES = (MissingDate, AllCapsAcronym, SharedQuote, TitleToBody)


def fixture_run(monkeypatch: pytest.MonkeyPatch, folder: Path = REPORT_FIXTURES) -> RunResult:
    """Run the test rules on a.txt and b.txt, named relatively, as a user would."""
    monkeypatch.chdir(folder)
    return run(["a.txt", "b.txt"], Config(today=FIXED_TODAY), all_rules=TEST_RULES)
