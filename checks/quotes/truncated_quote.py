"""SC406 truncated-quote."""

from __future__ import annotations

from seedcheck.model import Family, Severity

from .cluster_rule import QuoteClusterRule, files_phrase
from .index import CorpusIndex, Occurrence, PairKind


class TruncatedQuote(QuoteClusterRule):
    """
    ## What it does
    Reports a quote that is contained, word for word, in a longer quote of another document
    (or that contains a shorter one), or that shares one unbroken run of words with a quote
    of another document and differs only beyond it: the same statement cut at a different
    place.

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
        where = files_phrase(files)
        relation = self.relation(index, occ, first)
        if relation == "longer form":
            return f"Quote is a shortened form of a longer quote in {where}"
        if relation == "shorter form":
            return f"A shortened form of this quote appears in {where}"
        return f"Quote is cut at a different place in {where} (same words where they overlap)"

    relation_depends_on_quote = True

    def relation(self, index: CorpusIndex, occ: Occurrence, other: Occurrence) -> str:
        mine, theirs = index.variants[occ.variant], index.variants[other.variant]
        if _contains(theirs, mine):
            return "longer form"
        if _contains(mine, theirs):
            return "shorter form"
        return "cut differently"


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return 0 < n <= len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))
