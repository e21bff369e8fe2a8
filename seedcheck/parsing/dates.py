"""Recognising full calendar dates in text (day, month and year), including impossible ones.

The patterns are anchored on digits and month names with bounded repetition, so they stay
linear on hostile input. An impossible date ("February 30, 2021") is still a match: the
caller gets it with `value=None` and the reason, so a rule can report it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

ISO_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
MONTH_FIRST = re.compile(
    rf"(?<![\w]){_WEEKDAY}{_MONTH}\s{{1,3}}{_DAY},?\s{{1,3}}{_YEAR}(?!\d)", re.IGNORECASE
)
DAY_FIRST = re.compile(
    rf"(?<![\w]){_WEEKDAY}{_DAY}\s{{1,3}}(?:of\s)?{_MONTH},?\s{{1,3}}{_YEAR}(?!\d)",
    re.IGNORECASE,
)
_PATTERNS = (ISO_DATE, MONTH_FIRST, DAY_FIRST)
# What each pattern's matches must contain, from the day (or the year) on: a pattern runs
# only where its gate is found. The gates start with a digit, which the regex engine skips
# to quickly; the patterns start with a lookbehind and month or weekday names, tried at
# every position (ten times slower, and most text has no date at all).
_GATES = {
    ISO_DATE: re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)"),
    MONTH_FIRST: re.compile(rf"\d(?:st|nd|rd|th)?,?\s{{1,3}}{_YEAR}(?!\d)", re.IGNORECASE),
    DAY_FIRST: re.compile(
        rf"\d(?:st|nd|rd|th)?\s{{1,3}}(?:of\s)?{_MONTH},?\s{{1,3}}{_YEAR}(?!\d)", re.IGNORECASE
    ),
}


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    value: dt.date | None
    error: str | None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every full date in text[start:end], in order, without overlaps."""
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        if _GATES[pattern].search(text, start, end) is not None:
            found.extend(map(_to_date, pattern.finditer(text, start, end)))
    found.sort(key=lambda m: (m.start, -m.end))
    result: list[DateMatch] = []
    for item in found:
        if not result or item.start >= result[-1].end:
            result.append(item)
    return result


def match_whole(text: str) -> DateMatch | None:
    """A date that is the whole of `text` (surrounding whitespace allowed)."""
    stripped = text.strip()
    if not stripped:
        return None
    offset = text.index(stripped)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(stripped)
        if match:
            found = _to_date(match)
            return DateMatch(found.start + offset, found.end + offset, found.value, found.error)
    return None


def parse_free_date(text: str) -> tuple[dt.date | None, str | None]:
    """Parse a metadata value such as 'Tue, 06 Apr 2021 10:00:00 GMT' with dateutil."""
    whole = match_whole(text)
    if whole is not None:
        return whole.value, whole.error
    from dateutil import parser as date_parser

    value = text.strip()
    if not value or len(value) > 64:
        return None, "not a date"
    sentinel_a, sentinel_b = dt.datetime(1, 1, 1), dt.datetime(2, 2, 2)
    try:
        first = date_parser.parse(value, default=sentinel_a)
        second = date_parser.parse(value, default=sentinel_b)
    except (ValueError, OverflowError) as error:
        return None, str(error) or "not a date"
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None, "incomplete date (needs day, month and year)"
    return first.date(), None


def _to_date(match: re.Match[str]) -> DateMatch:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    try:
        value = dt.date(int(match.group("year")), month, int(match.group("day")))
        error = None
    except ValueError as problem:
        value, error = None, str(problem)
    return DateMatch(match.start(), match.end(), value, error)
