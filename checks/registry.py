"""The rule table: every rule, registered by code. Add a rule here to make it exist."""

from __future__ import annotations

from seedcheck.checks.dates.conflicting_dates import ConflictingDates
from seedcheck.checks.dates.date_label_leak import DateLabelLeak
from seedcheck.checks.dates.date_out_of_range import DateOutOfRange
from seedcheck.checks.dates.invalid_date import InvalidDate
from seedcheck.checks.dates.missing_date import MissingDate
from seedcheck.checks.encoding.control_character import ControlCharacter
from seedcheck.checks.encoding.invisible_character import InvisibleCharacter
from seedcheck.checks.encoding.mixed_line_endings import MixedLineEndings
from seedcheck.checks.encoding.mojibake import Mojibake
from seedcheck.checks.encoding.not_utf8 import NotUtf8
from seedcheck.checks.encoding.stray_bom import StrayBom
from seedcheck.checks.encoding.unreadable_file import UnreadableFile
from seedcheck.checks.hygiene.broken_paragraph import BrokenParagraph
from seedcheck.checks.hygiene.empty_document import EmptyDocument
from seedcheck.checks.hygiene.image_credit import ImageCredit
from seedcheck.checks.hygiene.injected_headline import InjectedHeadline
from seedcheck.checks.hygiene.navigation_residue import NavigationResidue
from seedcheck.checks.provenance.insecure_source_url import InsecureSourceUrl
from seedcheck.checks.provenance.malformed_source_url import MalformedSourceUrl
from seedcheck.checks.provenance.missing_source_url import MissingSourceUrl
from seedcheck.checks.provenance.outlet_domain_mismatch import OutletDomainMismatch
from seedcheck.checks.provenance.placeholder_link import PlaceholderLink
from seedcheck.checks.provenance.tracking_parameters import TrackingParameters
from seedcheck.checks.provenance.url_date_mismatch import UrlDateMismatch
from seedcheck.checks.quotes.divergent_quote import DivergentQuote
from seedcheck.checks.quotes.duplicate_document import DuplicateDocument
from seedcheck.checks.quotes.misattributed_quote import MisattributedQuote
from seedcheck.checks.quotes.name_variants_corpus import CorpusNameVariant
from seedcheck.checks.quotes.repeated_quote import RepeatedQuote
from seedcheck.checks.quotes.repeated_sentence import RepeatedSentence
from seedcheck.checks.quotes.syndicated_quote import SyndicatedQuote
from seedcheck.checks.quotes.truncated_quote import TruncatedQuote
from seedcheck.checks.translation.document_language import DocumentLanguage
from seedcheck.checks.translation.misplaced_quote_mark import MisplacedQuoteMark
from seedcheck.checks.translation.name_variant import NameVariant
from seedcheck.checks.translation.quote_person_shift import QuotePersonShift
from seedcheck.checks.translation.unbalanced_quote_marks import UnbalancedQuoteMarks
from seedcheck.checks.translation.untranslated_passage import UntranslatedPassage
from seedcheck.expectations.schema_rules import SCHEMA_RULES
from seedcheck.rules import Rule

RULES: tuple[type[Rule], ...] = (
    MissingDate,
    InvalidDate,
    DateOutOfRange,
    ConflictingDates,
    DateLabelLeak,
    MissingSourceUrl,
    MalformedSourceUrl,
    InsecureSourceUrl,
    TrackingParameters,
    PlaceholderLink,
    UrlDateMismatch,
    OutletDomainMismatch,
    MisplacedQuoteMark,
    UnbalancedQuoteMarks,
    UntranslatedPassage,
    DocumentLanguage,
    QuotePersonShift,
    UnreadableFile,
    NotUtf8,
    Mojibake,
    ControlCharacter,
    MixedLineEndings,
    StrayBom,
    InvisibleCharacter,
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
    NavigationResidue,
    InjectedHeadline,
    ImageCredit,
    BrokenParagraph,
    *SCHEMA_RULES,  # SC701-SC711: checks declared in the pandera models (expectations/)
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}
assert len(BY_CODE) == len(RULES) and len(BY_NAME) == len(RULES), "duplicate rule code or name"


def lookup(key: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or by name."""
    return BY_CODE.get(key.upper()) or BY_NAME.get(key)
