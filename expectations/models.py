"""pandera models of the three tables: the schema checks, declared apart from their execution.

Importing this module imports pandas and pandera; only the schema stage does (lazily).
Every check is named after the seedcheck rule that reports it (see `CHECK_CODES`): a failure
case's `check` is looked up there, so the models are the single place where the schema rules
live. `seedcheck.expectations.schema` runs them and turns failure cases into findings.

Ownership (see expectations/README.md for the whole table): problems that have a place in
the text belong to the content rules, which have their own docs and fixtures, so the models
leave them alone:
- a missing publication date is SC101 and impossible, future or too old dates are the dates
  family's: `published` is nullable and carries no range check here;
- a missing source URL is SC201 and malformed, plain-http or tracking URLs are the provenance
  family's: `source_url` is nullable and its form is not checked here;
- a URL date far from the publication date is SC206 url-date-mismatch: `url_date` is only
  typed here;
- a body whose detected language is outside the set is SC304 document-language: only a
  *declared* language is checked here.
The schema owns types and the identity columns (path, sha256, size, encoding), the declared
language against the configured set, uniqueness, counts and lines, known categories, and the
consistency of derived columns (url_domain is the host of source_url).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandera.pandas as pa
from pandera.engines.pandas_engine import Date
from pandera.typing import DataFrame, Series

from seedcheck.document import LinkKind
from seedcheck.expectations.tables import QUOTE_HASH_LENGTH, url_domain

SHA256_PATTERN = r"^[0-9a-f]{64}$"
QUOTE_HASH_PATTERN = rf"^[0-9a-f]{{{QUOTE_HASH_LENGTH}}}$"
LANGUAGE_ORIGINS = ("declared", "detected")

# pandera's own check names (and our named checks) -> rule code. Built-in checks are named by
# pandera: "not_nullable", "field_uniqueness", "dtype('int64')", "greater_than_or_equal_to(0)"...
# (column, check prefix) wins over (None, check prefix).
CHECK_CODES: dict[tuple[str | None, str], str] = {
    (None, "column_in_dataframe"): "SC701",
    (None, "not_nullable"): "SC701",
    (None, "dtype"): "SC702",
    (None, "coerce_dtype"): "SC702",
    (None, "column_in_schema"): "SC702",
    (None, "str_matches"): "SC703",
    ("size", "greater_than_or_equal_to"): "SC704",
    ("paragraphs", "greater_than_or_equal_to"): "SC704",
    ("quotes", "greater_than_or_equal_to"): "SC704",
    ("links", "greater_than_or_equal_to"): "SC704",
    (None, "language_in_configured_set"): "SC705",
    ("sha256", "field_uniqueness"): "SC706",
    (None, "url_domain_matches_source_url"): "SC707",
    ("line", "greater_than_or_equal_to"): "SC709",
    ("column", "greater_than_or_equal_to"): "SC709",
    (None, "multiple_fields_uniqueness"): "SC710",
    ("path", "field_uniqueness"): "SC710",
    (None, "isin"): "SC711",
}


def code_for(column: str | None, check: str) -> str | None:
    """The rule code of a pandera failure case (its column and check name)."""
    name = check.split("(", 1)[0]
    return CHECK_CODES.get((column, name)) or CHECK_CODES.get((None, name))


class DocumentsModel(pa.DataFrameModel):
    """One row per readable document of the run.

    Nullable on purpose (content rules own their absence): `published` (SC101), `source_url`
    (SC201), and date range / URL form (dates and provenance families). Not nullable: the
    identity of the file (path, sha256, size, encoding) and the counts.
    """

    path: Series[str] = pa.Field(nullable=False, unique=True)
    sha256: Series[str] = pa.Field(nullable=False, unique=True, str_matches=SHA256_PATTERN)
    size: Series[int] = pa.Field(nullable=False, ge=0)
    encoding: Series[str] = pa.Field(nullable=False)
    title: Series[str] = pa.Field(nullable=True)
    published: Series[Date] = pa.Field(nullable=True)
    outlet: Series[str] = pa.Field(nullable=True)
    agency: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(nullable=True)
    url_domain: Series[str] = pa.Field(nullable=True)
    url_date: Series[Date] = pa.Field(nullable=True)
    language: Series[str] = pa.Field(nullable=True)
    language_origin: Series[str] = pa.Field(nullable=True, isin=LANGUAGE_ORIGINS)
    paragraphs: Series[int] = pa.Field(ge=0)
    quotes: Series[int] = pa.Field(ge=0)
    links: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True

    # Settings of a run, as methods because pandera reads every class attribute as a
    # column; `configured()` makes a subclass that returns the run's values.
    @classmethod
    def languages(cls) -> tuple[str, ...]:
        return ("en",)

    # A *declared* language outside the set is the schema's; a detected one is SC304
    # document-language's (it reads the text, with its own thresholds), so it passes here.
    @pa.dataframe_check
    def language_in_configured_set(cls, frame: DataFrame[Any]) -> Series[bool]:  # type: ignore[misc]
        declared = frame["language_origin"].eq("declared")
        allowed: Series[bool] = (
            ~declared | frame["language"].isna() | frame["language"].isin(cls.languages())
        ).astype(bool)
        return allowed

    # pandera turns these into classmethods; mypy cannot see through its decorator.
    @pa.dataframe_check
    def url_domain_matches_source_url(cls, frame: DataFrame[Any]) -> Series[bool]:  # type: ignore[misc]
        expected = frame["source_url"].map(_domain_or_none)
        same = frame["url_domain"].eq(expected) | (frame["url_domain"].isna() & expected.isna())
        result: Series[bool] = same.astype(bool)
        return result


class QuotesModel(pa.DataFrameModel):
    """One row per quote: where it opens (line, column), its text, hash and speaker.

    The quote hash is not unique: one quote may stand in several files (the quotes family
    decides whether that is a problem); a quote's position is.
    """

    path: Series[str] = pa.Field(nullable=False)
    line: Series[int] = pa.Field(ge=1)
    column: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(nullable=False)
    hash: Series[str] = pa.Field(nullable=False, str_matches=QUOTE_HASH_PATTERN)
    speaker: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        unique = ["path", "line", "column"]  # noqa: RUF012 (pandera reads a plain list)


class LinksModel(pa.DataFrameModel):
    """One row per link: where it stands, its anchor text (Markdown links), href and kind."""

    path: Series[str] = pa.Field(nullable=False)
    line: Series[int] = pa.Field(ge=1)
    column: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(nullable=True)
    href: Series[str] = pa.Field(nullable=False)
    kind: Series[str] = pa.Field(nullable=False, isin=[k.value for k in LinkKind])

    class Config:
        strict = True
        unique = ["path", "line", "column"]  # noqa: RUF012


@lru_cache(maxsize=16)
def configured(languages: tuple[str, ...]) -> type[DocumentsModel]:
    """DocumentsModel with a run's language set."""
    name = f"DocumentsModel[{','.join(languages)}]"
    return type(name, (DocumentsModel,), {"languages": classmethod(lambda cls: languages)})


def _domain_or_none(url: Any) -> str | None:
    return url_domain(url) if isinstance(url, str) else None
