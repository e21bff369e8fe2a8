"""SC406 truncated-quote."""

from __future__ import annotations

from seedcheck.checks.quotes.cluster_rule import QuoteClusterRule, files_phrase
from seedcheck.checks.quotes.index import CorpusIndex, Occurrence, PairKind
from seedcheck.checks.quotes.text import words
from seedcheck.model import Family, Severity


class TruncatedQuote(QuoteClusterRule):
    """
    ## What it does
    Reports a quote that is contained, word for word, in a longer quote of another document
    (or that contains a shorter one): the same statement cut at a different place.

    ## Why it matters
    Cutting a quotation can change its meaning ("we will not attack" from "we will not attack
    unless provoked"). Seeds quoting the same statement at different lengths should be checked
    against each other; the longer one is usually closer to what was said.

    ## Example
    ```text
    a.txt: "NATO firmly supports Ukraine's sovereignty and territorial integrity," he said.
    b.txt: "NATO firmly supports Ukraine's sovereignty and territorial integrity. We remain
           committed to our close partnership," Stoltenberg said.
    ```
    """

    code = "SC406"
    name = "truncated-quote"
    family = Family.QUOTES
    severity = Severity.WARNING
    pair_kind = PairKind.TRUNCATED

    def describe(self, index: CorpusIndex, occ: Occurrence, first: Occurrence, files: int) -> str:
        if len(words(occ.quote.text)) < len(words(first.quote.text)):
            return f"Quote is a shortened form of a longer quote in {files_phrase(files)}"
        return f"A shortened form of this quote appears in {files_phrase(files)}"

    def relation(self, occ: Occurrence, other: Occurrence) -> str:
        shorter = len(words(other.quote.text)) < len(words(occ.quote.text))
        return "shorter form" if shorter else "longer form"
