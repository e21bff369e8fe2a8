"""SC404 divergent-quote."""

from __future__ import annotations

from seedcheck.model import Family, Severity

from .cluster_rule import (
    QuoteClusterRule,
    diff_between,
    files_phrase,
    speaker_name,
)
from .index import CorpusIndex, Occurrence, PairKind


class DivergentQuote(QuoteClusterRule):
    """
    ## What it does
    Reports a quote that other documents render with different words: the same statement
    (a long run of shared words, most of the shorter quote found in order in the other) but
    not the same wording. The message shows the word-level difference on the overlapping
    part; each related place carries its own difference.

    ## Why it matters
    A quotation is supposed to be verbatim. Divergent renderings of one statement are typical
    of translation (a German wire story translated back into English) or of paraphrase inside
    quote marks. At most one rendering can be what was said; a seed that presents a paraphrase
    as a quotation misleads whoever relies on it.

    ## Example
    ```text
    000.txt: "We very much doubt that this will help Ukraine settle its domestic
             problem," Peskov said.
    002.txt: “We deeply doubt that this will help Ukraine solve its internal problem,”
             said Kremlin spokesman Dmitri Peskov.
    ```
    Both files get a warning: `'very much' → 'deeply', 'settle' → 'solve', ...`.
    """

    code = "SC404"
    name = "divergent-quote"
    family = Family.QUOTES
    severity = Severity.WARNING
    pair_kind = PairKind.DIVERGENT

    def describe(self, index: CorpusIndex, occ: Occurrence, first: Occurrence, files: int) -> str:
        return (
            f"Quote is rendered in other words in {files_phrase(files)} (typical of "
            f"translation): {diff_between(index, occ, first)}"
        )

    relation_depends_on_quote = True

    def relation(self, index: CorpusIndex, occ: Occurrence, other: Occurrence) -> str:
        return f"said by {speaker_name(other)}: {diff_between(index, occ, other)}"
