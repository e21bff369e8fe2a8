"""SC403 syndicated-quote."""

from __future__ import annotations

from seedcheck.model import Family, Severity

from .cluster_rule import QuoteClusterRule, files_phrase
from .index import CorpusIndex, Occurrence, PairKind


class SyndicatedQuote(QuoteClusterRule):
    """
    ## What it does
    Reports a quote that appears word for word (after normalising quote marks, case,
    punctuation and spacing) in other documents of the corpus that are not copies of this one.

    ## Why it matters
    Identical wording across outlets is the trace of syndicated copy (one wire story reused).
    It is not an error, but the seeds are not independent witnesses: counting them as separate
    confirmations of a statement over-weights one source.

    ## Example
    ```text
    a.txt: "We remain committed to our close partnership," he said.
    b.txt: "We remain committed to our close partnership," Stoltenberg said.
    ```
    Both files get an info finding pointing at the other.
    """

    code = "SC403"
    name = "syndicated-quote"
    family = Family.QUOTES
    severity = Severity.INFO
    pair_kind = PairKind.IDENTICAL

    def describe(self, index: CorpusIndex, occ: Occurrence, first: Occurrence, files: int) -> str:
        return f"Quote appears word for word in {files_phrase(files)} (syndicated copy)"
