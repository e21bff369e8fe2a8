"""SC405 misattributed-quote."""

from __future__ import annotations

from seedcheck.model import Family, Severity

from .cluster_rule import QuoteClusterRule, files_phrase, speaker_name
from .index import CorpusIndex, Occurrence, PairKind


class MisattributedQuote(QuoteClusterRule):
    """
    ## What it does
    Reports a quote whose words (identical or nearly so) another document attributes to a
    different speaker. Speakers are compared by surname, and only when both documents name
    the speaker explicitly (`"...," said X`, `X said: "..."`, `according to X`), never through
    a pronoun.

    ## Why it matters
    Putting one person's words in another's mouth is the most damaging error a news seed can
    carry: every fact derived from it (who said what, who holds which position) is wrong.
    At least one of the documents is wrong; a human has to check which.

    ## Example
    ```text
    a.txt: "We will not allow anyone to redraw the borders of Europe," said Stoltenberg.
    b.txt: "We will not allow anyone to redraw the borders of Europe," said Blinken.
    ```
    """

    code = "SC405"
    name = "misattributed-quote"
    family = Family.QUOTES
    severity = Severity.ERROR
    pair_kind = PairKind.MISATTRIBUTED

    def describe(self, index: CorpusIndex, occ: Occurrence, first: Occurrence, files: int) -> str:
        return (
            f"Quote attributed here to {speaker_name(occ)} is attributed to "
            f"{speaker_name(first)} in {files_phrase(files)}"
        )
