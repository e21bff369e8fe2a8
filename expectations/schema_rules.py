"""The schema rules SC701-SC711 (SC708 unused): one code per pandera check of `models.py`.

These classes only name and document the checks (so that `seedcheck rules`, select/ignore,
severity overrides and rule options work as for every other rule); the checks themselves are
declared once, in the pandera models, and run by `seedcheck.expectations.schema`.

`structural` rules guard invariants of the tables that seedcheck itself builds (types,
identity columns, positions): no seed text can break them, so they have no text fixtures and
are tested on generated tables instead (tests/test_expectations_schema.py).
"""

from __future__ import annotations

from typing import ClassVar

from seedcheck.model import Family, Severity
from seedcheck.rules import Rule


class SchemaRule(Rule):
    """A check of the dataset contract, run by the schema stage over the run's tables."""

    family = Family.SCHEMA
    severity = Severity.ERROR
    structural: ClassVar[bool] = True

    @classmethod
    def kind(cls) -> str:
        return "schema"


class SchemaRequiredField(SchemaRule):
    """
    ## What it does
    Reports a row of a table that lacks a required field: a document without path, content
    hash, size or encoding; a quote without text or hash; a link without href or kind.

    ## Why it matters
    These fields identify a seed; reports, baselines and deduplication key on them. A row
    without them cannot be traced back to a file.

    ## Example
    A documents row with `sha256 = null`. Missing *content* fields (publication date,
    source URL) are not schema failures: SC101 and SC201 report them on the text.
    """

    code = "SC701"
    name = "schema-required-field"


class SchemaFieldType(SchemaRule):
    """
    ## What it does
    Reports a column of the wrong type (or a missing or unexpected column) in the documents,
    quotes or links table.

    ## Why it matters
    Expectation suites and downstream tools read these tables; a date column holding strings
    or a count holding text makes every later comparison silently wrong.

    ## Example
    `published` holding the string `"April 6"` instead of a date.
    """

    code = "SC702"
    name = "schema-field-type"


class SchemaHashFormat(SchemaRule):
    """
    ## What it does
    Reports a content hash that is not a lower-case hex digest of the expected length: the
    document's `sha256` (64 digits) or a quote's normalised `hash` (16 digits).

    ## Why it matters
    Duplicate detection and baselines compare hashes as strings; a truncated or upper-case
    hash never matches its twin.

    ## Example
    `sha256 = "4382B2BB"`.
    """

    code = "SC703"
    name = "schema-hash-format"


class SchemaNegativeCount(SchemaRule):
    """
    ## What it does
    Reports a negative file size or a negative paragraph, quote or link count.

    ## Why it matters
    Counts feed corpus statistics and expectations (e.g. "most documents have quotes"); a
    negative count means the table was built or edited wrongly.

    ## Example
    `paragraphs = -1`.
    """

    code = "SC704"
    name = "schema-negative-count"


class LanguageNotAllowed(SchemaRule):
    """
    ## What it does
    Reports a document that *declares* a language (`language:` or `lang:` metadata; the
    region is dropped, `en-GB` is `en`) outside the configured set (`languages` in
    `[tool.seedcheck]`, default `["en"]`). A body whose detected language is outside the set
    is SC304 document-language's finding, not this one.

    ## Why it matters
    The declared language is what downstream tools trust to route a seed (tokenisers, quote
    matching, translation). A seed declared `fr` in an English corpus is either mislabelled
    or the wrong file.

    ## Example
    ```text
    ---
    title: NATO and Ukraine
    language: fr
    ---
    ```
    in a corpus configured with `languages = ["en"]`: fix the label, or add `fr` to
    `languages` if such seeds are expected.
    """

    code = "SC705"
    name = "language-not-allowed"
    structural = False


class DuplicateDocument(SchemaRule):
    """
    ## What it does
    Reports files with byte-identical content (the same `sha256`) among the files checked.
    Each copy is reported, with the others as related locations.

    ## Why it matters
    A copied seed counts one story twice: it skews statistics, and a fix made in one copy
    is missing from the other.

    ## Example
    `seeds/ukraine-nato.txt` and `seeds/copy-of-ukraine-nato.txt` with the same bytes.
    Delete one of them.
    """

    code = "SC706"
    name = "duplicate-document"
    structural = False


class UrlDomainMismatch(SchemaRule):
    """
    ## What it does
    Reports a documents row whose `url_domain` is not the host of its `source_url`.

    ## Why it matters
    Reports and expectations group seeds by domain; a domain that disagrees with its URL
    attributes a seed to the wrong site.

    ## Example
    `source_url = "https://www.themoscowtimes.com/..."` with `url_domain = "dpa.com"`.
    """

    code = "SC707"
    name = "url-domain-mismatch"


class SchemaInvalidPosition(SchemaRule):
    """
    ## What it does
    Reports a quote or link whose line or column is below 1.

    ## Why it matters
    Every finding must point at a place in the file; a position of 0 points nowhere.

    ## Example
    A quotes row with `line = 0`.
    """

    code = "SC709"
    name = "schema-invalid-position"


class SchemaDuplicateRow(SchemaRule):
    """
    ## What it does
    Reports two rows for one item: two documents with the same path, or two quotes (or
    links) starting at the same path, line and column.

    ## Why it matters
    Duplicate rows double-count quotes and links in every statistic and expectation.

    ## Example
    Two quotes rows `seed.txt:23:1`.
    """

    code = "SC710"
    name = "schema-duplicate-row"


class SchemaUnknownCategory(SchemaRule):
    """
    ## What it does
    Reports a value outside its known set: a link `kind` other than markdown, angle or bare;
    a `language_origin` other than declared or detected.

    ## Why it matters
    Reports and expectations branch on these categories; an unknown one falls through them.

    ## Example
    A links row with `kind = "html"`.
    """

    code = "SC711"
    name = "schema-unknown-category"


SCHEMA_RULES: tuple[type[SchemaRule], ...] = (
    SchemaRequiredField,
    SchemaFieldType,
    SchemaHashFormat,
    SchemaNegativeCount,
    LanguageNotAllowed,
    DuplicateDocument,
    UrlDomainMismatch,
    SchemaInvalidPosition,
    SchemaDuplicateRow,
    SchemaUnknownCategory,
)
