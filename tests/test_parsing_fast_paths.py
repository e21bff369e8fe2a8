"""The parser's fast paths against their plain definitions: gates, lazy scans and the
reworked loops must give exactly the same answers as the code they replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.document import Field
from seedcheck.expectations.tables import hash_words
from seedcheck.model import Span
from seedcheck.parsing.dates import _PATTERNS, DateMatch, _to_date, find_dates
from seedcheck.parsing.metadata import (
    READ_MORE_FROM,
    iter_lines,
    outlet_mentions,
)
from seedcheck.parsing.quotes import (
    _LEADING_WORDS,
    _TOKEN,
    TITLE_WORDS,
    _continues,
    _name_from,
    _reopens,
    _surname_like_title,
)
from seedcheck.source import is_blank


def plain_find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """find_dates before the gates: every pattern over the whole range."""
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        found.extend(map(_to_date, pattern.finditer(text, start, end)))
    found.sort(key=lambda m: (m.start, -m.end))
    result: list[DateMatch] = []
    for item in found:
        if not result or item.start >= result[-1].end:
            result.append(item)
    return result


_DATE_PIECES = [
    *"0123456789",
    "2021",
    "March 5, 2021",
    "5 March 2021",
    "5th of May, 1999",
    "February 30, 2021",
    "2021-04-07",
    "2021-13-01",
    "7, 2021",
    "1999",
    "٢٠٢١",  # Arabic-Indic digits are \d too
    "-",
    "-04-",
    " ",
    "  ",
    "\n",
    "\t",
    ",",
    ".",
    "st",
    "nd",
    "TH",
    "of ",
    "March",
    "feb",
    "Sept.",
    "MAY",
    "dec",
    "Tuesday, ",
    "monday ",
    "a",
    "x",
    "é",
]
date_texts = st.lists(st.sampled_from(_DATE_PIECES), max_size=40).map("".join) | st.text(
    max_size=60
)


@given(date_texts, st.integers(0, 10), st.integers(0, 10))
@settings(max_examples=2000)
def test_find_dates_matches_the_ungated_scan(text: str, cut_start: int, cut_end: int) -> None:
    assert find_dates(text) == plain_find_dates(text)
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    if start <= end:
        assert find_dates(text, start, end) == plain_find_dates(text, start, end)


# --- lines ---------------------------------------------------------------------------------


def plain_outlet_mentions(text: str, start: int, end: int) -> list[Field[str]]:
    """outlet_mentions without the gate."""
    found: list[Field[str]] = []
    for line in iter_lines(text, start, end):
        if len(line.text) > 200:
            continue
        match = READ_MORE_FROM.search(line.text.strip())
        if match:
            name = match.group("name").strip()
            offset = line.start + line.text.index(name, line.text.lower().find("read more"))
            found.append(Field(name, Span(offset, offset + len(name))))
    return found


_FOOTER_PIECES = [
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "Body text.",
    "Original url:",
    "Source: ",
    "URL:",
    "https://example.org/a",
    "<https://x.org>",
    "[BBC](https://bbc.co.uk)",
    "READ MORE FROM The Times",
    "read more at ",
    "Read More on",
    "CNN.",
    "x",
]
footer_texts = st.lists(st.sampled_from(_FOOTER_PIECES), max_size=25).map("".join)


@given(footer_texts, st.integers(0, 30))
@settings(max_examples=1500)
def test_outlets_match_their_plain_definition(text: str, start: int) -> None:
    start = min(start, len(text))
    assert outlet_mentions(text, start, len(text)) == plain_outlet_mentions(text, start, len(text))


# --- quotes --------------------------------------------------------------------------------


def plain_name_from(phrase: str, from_start: bool) -> tuple[str, int] | None:
    """_name_from tokenising the whole phrase first."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(phrase)]
    run: list[tuple[str, int]] = []
    sequence = tokens if from_start else list(reversed(tokens))
    for token, offset in sequence:
        word = token.rstrip(".’'").removesuffix("’s").removesuffix("'s")
        if word[:1].isupper() or word.lower() in TITLE_WORDS:
            run.append((word, offset))
            if token != word and from_start:
                break
            continue
        break
    if not from_start:
        run.reverse()
    kept: list[tuple[str, int]] = []
    for position, (word, offset) in enumerate(reversed(run)):
        if position == 0 and _surname_like_title(run):
            kept.append((word, offset))
            continue
        if word.lower() in TITLE_WORDS or (word.isupper() and len(word) > 1):
            if kept:
                break
            continue
        if not word[:1].isupper():
            break
        kept.append((word, offset))
    kept.reverse()
    while kept and kept[0][0].lower() in _LEADING_WORDS:
        kept.pop(0)
    kept = kept[-3:]
    if not kept:
        return None
    start = kept[0][1]
    end = kept[-1][1] + len(kept[-1][0])
    return phrase[start:end], start


def plain_reopens(text: str, offset: int, open_char: str, floor: int) -> bool:
    """_reopens copying the paragraph so far to see how it ends."""
    char = text[offset]
    if not _continues(open_char, char) or open_char not in '“"':
        return False
    before = text[offset - 1] if offset > floor else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    ended = text[floor:offset].rstrip()[-1:] in (".", "!", "?")
    return before.isspace() and ended and (after.isalnum() or after in "‘'")


_NAME_PIECES = [
    " ",
    "  ",
    ",",
    ";",
    ":",
    "(",
    ")",
    "\n",
    ".",
    "'s",
    "’s",
    "’",
    "Mr",
    "Mr.",
    "Prime",
    "Minister",
    "Mervyn",
    "King",
    "NATO",
    "But",
    "the",
    "Jens",
    "Stoltenberg",
    "O'Neill",
    "said",
    "chief",
    "executive",
    "a",
    "É",
    "İ",
]
name_phrases = st.lists(st.sampled_from(_NAME_PIECES), max_size=25).map("".join) | st.text(
    max_size=40
)


@given(name_phrases, st.booleans())
@settings(max_examples=3000)
def test_name_from_matches_its_plain_definition(phrase: str, from_start: bool) -> None:
    assert _name_from(phrase, from_start) == plain_name_from(phrase, from_start)


_QUOTE_PIECES = ['"', "“", "”", "„", "«", "»", "‘", "'", " ", "\n", ".", "!", "?", "a", "B", "\t"]


@given(st.lists(st.sampled_from(_QUOTE_PIECES), min_size=1, max_size=20).map("".join), st.data())
@settings(max_examples=3000)
def test_reopens_matches_its_plain_definition(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text) - 1))
    floor = data.draw(st.integers(0, offset))
    for open_char in '“„«»"':
        expected = plain_reopens(text, offset, open_char, floor)
        assert _reopens(text, offset, open_char, floor) == expected


# --- source and rows -----------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000a_")))
def test_is_blank_is_an_empty_strip(text: str) -> None:
    assert is_blank(text) == (not text.strip())


_NON_WORD = re.compile(r"[\W_]+")


@given(st.text(alphabet=st.sampled_from("aZ09_ -.,'’\t\n\x1c\x7féß٣")) | st.text())
@settings(max_examples=1500)
def test_hash_words_match_the_regex(text: str) -> None:
    assert hash_words(text) == _NON_WORD.sub(" ", text).strip()
