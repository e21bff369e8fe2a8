"""Three tidy tables from the parsed documents of a run: documents, quotes and links.

One row per item, the file's path on every row, and the line of each quote and link, so that
a schema or expectation failure on a row maps back to a file and a line. `rows_of` runs where
the document is parsed (in a worker process for parallel runs) and keeps, beside the rows,
where each value stands in the text (`Place`), so that the documents themselves need not be
kept. pandas is imported inside `build_tables` only.

Only documents with readable text are tabulated. A file that cannot be read, is binary or is
empty has nothing to tabulate, and its problem is already a finding of its own rule (SC501,
SC601); leaving it out keeps the schema from reporting it a second time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from seedcheck.document import Document
from seedcheck.language import guess_language
from seedcheck.model import Span
from seedcheck.pickling import PickleByFields
from seedcheck.source import is_blank

if TYPE_CHECKING:
    import pandas as pd

DOCUMENT_COLUMNS = (
    "path",
    "sha256",
    "size",
    "encoding",
    "title",
    "published",
    "outlet",
    "agency",
    "source_url",
    "url_domain",
    "url_date",
    "language",
    "language_origin",
    "paragraphs",
    "quotes",
    "links",
)
QUOTE_COLUMNS = ("path", "line", "column", "text", "hash", "speaker")
LINK_COLUMNS = ("path", "line", "column", "text", "href", "kind")

# /2021/04/06/ or /2021-04-06 or /20210406/ in a URL path: the date a site put in its URL.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:/|-|)(?P<m>0[1-9]|1[0-2])(?:/|-|)(?P<d>0[1-9]|[12]\d|3[01])(?=/|\b)"
)
_NON_WORD = re.compile(r"[\W_]+")
# The same for ASCII text: every ASCII character that is not a letter or digit to a space.
_ASCII_NON_WORD_TO_SPACE = str.maketrans({c: " " for c in range(128) if not chr(c).isalnum()})
QUOTE_HASH_LENGTH = 16


EVIDENCE_LIMIT = 300
# documents column -> the Document field its value comes from (for the finding's place)
FIELD_OF_COLUMN = {
    "title": "title",
    "published": "date",
    "outlet": "outlet",
    "agency": "agency",
    "source_url": "source_url",
    "url_domain": "source_url",
    "url_date": "source_url",
    "language": "language",
}


@dataclass(frozen=True, slots=True)
class Place(PickleByFields):
    """Where a value stands: 1-based line and column of its start and end, and its text."""

    line: int
    column: int
    end_line: int
    end_column: int
    evidence: str | None


@dataclass(frozen=True, slots=True)
class DocumentRows(PickleByFields):
    """One document's rows of the three tables, and the places of their values."""

    path: str
    document: dict[str, Any]
    quotes: list[dict[str, Any]]
    links: list[dict[str, Any]]
    fields: dict[str, Place]  # documents column -> its field's place
    items: dict[tuple[str, int, int], Place]  # (table, line, column) -> the quote or link

    def table(self, table: str) -> list[dict[str, Any]]:
        """This document's rows of `table`."""
        return [self.document] if table == "documents" else getattr(self, table)

    def place(self, table: str, column: str | None, row: Mapping[str, Any]) -> Place | None:
        """Documents rows: the column's field (None: the whole file). Quotes and links rows:
        the item that starts at the row's line and column."""
        if table == "documents":
            return self.fields.get(column) if column else None
        try:
            key = (table, int(row["line"]), int(row["column"]))
        except (KeyError, TypeError, ValueError):
            return None
        return self.items.get(key)


@dataclass(frozen=True)
class Tables:
    documents: pd.DataFrame
    quotes: pd.DataFrame
    links: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [("documents", self.documents), ("quotes", self.quotes), ("links", self.links)]


def rows_of(doc: Document) -> DocumentRows | None:
    """The document's rows; None for a file without readable text (nothing to tabulate)."""
    if not doc.source.readable or is_blank(doc.source.text):
        return None
    fields = {}
    for column, attribute in FIELD_OF_COLUMN.items():
        field = getattr(doc, attribute)
        if field is not None:
            fields[column] = place_of(doc, field.span)
    # Each quote's and link's place once: its line and column are also its row's.
    quote_places = [place_of(doc, q.span) for q in doc.quotes]
    link_places = [place_of(doc, k.span) for k in doc.links]
    items = {}
    for table, places in (("quotes", quote_places), ("links", link_places)):
        for place in places:
            items[(table, place.line, place.column)] = place
    return DocumentRows(
        doc.path,
        document_row(doc),
        quote_rows_of(doc, quote_places),
        link_rows_of(doc, link_places),
        fields,
        items,
    )


def place_of(doc: Document, span: Span) -> Place:
    line, column = doc.source.position(span.start)
    end_line, end_column = doc.source.position(span.end)
    evidence = span.slice(doc.text) or None
    if evidence is not None and len(evidence) > EVIDENCE_LIMIT:
        evidence = evidence[: EVIDENCE_LIMIT - 1] + "…"
    return Place(line, column, end_line, end_column, evidence)


def tables_of(documents: Iterable[Document]) -> Tables:
    return build_tables([r for r in map(rows_of, documents) if r is not None])


def build_tables(rows: Sequence[DocumentRows]) -> Tables:
    import pandas as pd

    doc_rows = [r.document for r in rows]
    quote_rows = [q for r in rows for q in r.quotes]
    link_rows = [k for r in rows for k in r.links]
    return Tables(
        documents=_frame(pd, doc_rows, DOCUMENT_COLUMNS, {"size": "int64"} | _COUNT_TYPES),
        quotes=_frame(pd, quote_rows, QUOTE_COLUMNS, {"line": "int64", "column": "int64"}),
        links=_frame(pd, link_rows, LINK_COLUMNS, {"line": "int64", "column": "int64"}),
    )


_COUNT_TYPES = {"paragraphs": "int64", "quotes": "int64", "links": "int64"}


def _frame(
    pd: Any, rows: list[dict[str, Any]], columns: tuple[str, ...], ints: dict[str, str]
) -> pd.DataFrame:
    # object columns keep None as None (not NaN) and dates as datetime.date, which is what
    # both pandera's Date type and GX's between-expectations compare against.
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    for column, dtype in ints.items():
        frame[column] = frame[column].astype(dtype)
    return frame


def document_row(doc: Document) -> dict[str, Any]:
    source = doc.source
    url = doc.source_url.value if doc.source_url else None
    language, origin = document_language(doc)
    return {
        "path": doc.path,
        "sha256": source.sha256,
        "size": source.size,
        "encoding": source.encoding,
        "title": doc.title.value if doc.title else None,
        "published": doc.date.value if doc.date else None,
        "outlet": doc.outlet.value if doc.outlet else None,
        "agency": doc.agency.value if doc.agency else None,
        "source_url": url,
        "url_domain": url_domain(url),
        "url_date": url_date(url),
        "language": language,
        "language_origin": origin,
        "paragraphs": len(doc.paragraphs),
        "quotes": len(doc.quotes),
        "links": len(doc.links),
    }


def quote_rows_of(doc: Document, places: Sequence[Place] | None = None) -> list[dict[str, Any]]:
    """The quotes table's rows; `places` (the quotes' places, in order) saves the lookups."""
    rows = []
    for index, quote in enumerate(doc.quotes):
        line, column = _start(doc, quote.span, places, index)
        rows.append(
            {
                "path": doc.path,
                "line": line,
                "column": column,
                "text": quote.text,
                "hash": quote_hash(quote.text),
                "speaker": quote.speaker.name if quote.speaker else None,
            }
        )
    return rows


def link_rows_of(doc: Document, places: Sequence[Place] | None = None) -> list[dict[str, Any]]:
    """The links table's rows; `places` (the links' places, in order) saves the lookups."""
    rows = []
    for index, link in enumerate(doc.links):
        line, column = _start(doc, link.span, places, index)
        rows.append(
            {
                "path": doc.path,
                "line": line,
                "column": column,
                "text": link.text,
                "href": link.href,
                "kind": link.kind.value,
            }
        )
    return rows


def _start(
    doc: Document, span: Span, places: Sequence[Place] | None, index: int
) -> tuple[int, int]:
    if places is None:
        return doc.source.position(span.start)
    return places[index].line, places[index].column


def document_language(doc: Document) -> tuple[str | None, str | None]:
    """The declared language (primary subtag, lower case), else a guess from the body."""
    if doc.language is not None and doc.language.value.strip():
        return primary_subtag(doc.language.value), "declared"
    guessed = guess_language(doc.body.slice(doc.text))
    return (guessed, "detected") if guessed else (None, None)


def primary_subtag(tag: str) -> str:
    """ "en-GB" and "EN_us" -> "en": the configured set lists languages, not regions."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def quote_hash(text: str) -> str:
    """Hash of a quote's words: case, punctuation, curly/straight marks and spacing ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return hashlib.sha256(hash_words(folded).encode("utf-8")).hexdigest()[:QUOTE_HASH_LENGTH]


def hash_words(text: str) -> str:
    """The words of `text` (runs of letters and digits) joined by single spaces."""
    if text.isascii():
        # Most quotes: a translate and a split, about twice as fast as the regex below.
        return " ".join(text.translate(_ASCII_NON_WORD_TO_SPACE).split())
    return _NON_WORD.sub(" ", text).strip()


def url_domain(url: str | None) -> str | None:
    """Host of a URL, lower case, without a leading "www."; None when there is none."""
    host = _host(url)
    return host.removeprefix("www.") if host else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. an unbalanced "[" in the netloc
        return None
    return host or None


def url_date(url: str | None) -> dt.date | None:
    """The date a site wrote into the URL path (/2021/04/06/), if any and if it exists."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    match = _URL_DATE.search(path)
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
