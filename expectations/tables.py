"""Three tidy tables from the parsed documents of a run: documents, quotes and links.

One row per item, the file's path on every row, and the line of each quote and link, so that
a schema or expectation failure on a row maps back to a file and a line. pandas is imported
inside `build_tables`: the `check` path pays for it only when the schema stage runs.

Only documents with readable text are tabulated. A file that cannot be read, is binary or is
empty has nothing to tabulate, and its problem is already a finding of its own rule (SC501,
SC601); leaving it out keeps the schema from reporting it a second time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from seedcheck.document import Document
from seedcheck.language import guess_language

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
QUOTE_HASH_LENGTH = 16


@dataclass(frozen=True)
class Tables:
    documents: pd.DataFrame
    quotes: pd.DataFrame
    links: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [("documents", self.documents), ("quotes", self.quotes), ("links", self.links)]


def tabulated(documents: Iterable[Document]) -> list[Document]:
    """The documents that get a row: readable, with some text."""
    return [d for d in documents if d.source.readable and d.source.text.strip()]


def build_tables(documents: Sequence[Document]) -> Tables:
    import pandas as pd

    docs = tabulated(documents)
    doc_rows = [document_row(d) for d in docs]
    quote_rows = [row for d in docs for row in quote_rows_of(d)]
    link_rows = [row for d in docs for row in link_rows_of(d)]
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


def quote_rows_of(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for quote in doc.quotes:
        line, column = doc.source.position(quote.span.start)
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


def link_rows_of(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for link in doc.links:
        line, column = doc.source.position(link.span.start)
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
    words = _NON_WORD.sub(" ", folded).strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:QUOTE_HASH_LENGTH]


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
