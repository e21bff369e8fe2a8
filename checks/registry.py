"""The rule table: every rule, registered by code. Add a rule here to make it exist."""

from __future__ import annotations

from seedcheck.checks.dates.missing_date import MissingDate
from seedcheck.checks.encoding.not_utf8 import NotUtf8
from seedcheck.checks.encoding.unreadable_file import UnreadableFile
from seedcheck.checks.hygiene.empty_document import EmptyDocument
from seedcheck.checks.provenance.missing_source_url import MissingSourceUrl
from seedcheck.checks.quotes.divergent_quote import DivergentQuote
from seedcheck.checks.quotes.duplicate_document import DuplicateDocument
from seedcheck.checks.quotes.misattributed_quote import MisattributedQuote
from seedcheck.checks.quotes.name_variants_corpus import CorpusNameVariant
from seedcheck.checks.quotes.repeated_quote import RepeatedQuote
from seedcheck.checks.quotes.repeated_sentence import RepeatedSentence
from seedcheck.checks.quotes.syndicated_quote import SyndicatedQuote
from seedcheck.checks.quotes.truncated_quote import TruncatedQuote
from seedcheck.checks.translation.name_variant import NameVariant
from seedcheck.rules import Rule

RULES: tuple[type[Rule], ...] = (
    MissingDate,
    MissingSourceUrl,
    UnreadableFile,
    NotUtf8,
    EmptyDocument,
    NameVariant,
    RepeatedQuote,
    RepeatedSentence,
    SyndicatedQuote,
    DivergentQuote,
    MisattributedQuote,
    TruncatedQuote,
    DuplicateDocument,
    CorpusNameVariant,
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}
assert len(BY_CODE) == len(RULES) and len(BY_NAME) == len(RULES), "duplicate rule code or name"


def lookup(key: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or by name."""
    return BY_CODE.get(key.upper()) or BY_NAME.get(key)
