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
# Gates: what a pattern's matches must contain, so that a pattern runs only on text where
# its gate is found (most text has no date at all). A gate may accept more than its
# pattern, never less. The patterns start with a lookbehind and month or weekday names,
# tried at every position; a gate starts with a literal or a character class, which the
# regex engine skips to quickly. The ISO gate starts at the first dash: a gate starting
# with `\d{4}` (a repeat) would be tried at every position too.
_ISO_GATE = re.compile(r"-\d\d-\d\d(?!\d)")
# After a day's last digit: "5, 2021" or "5th 2021" (month first), "5 of March, 2021" (day
# first). One scan of both finds where either named-month pattern may match.
_GATE_DAY = r"\d(?:st|nd|rd|th)?"
_MONTH_FIRST_TAIL = r",?\s{1,3}\d{4}(?!\d)"
_DAY_FIRST_TAIL = rf"\s{{1,3}}(?:of\s)?{_MONTH},?\s{{1,3}}\d{{4}}(?!\d)"
_NAMED_GATE = re.compile(
    rf"{_GATE_DAY}(?:(?P<month_first>{_MONTH_FIRST_TAIL})|{_DAY_FIRST_TAIL})", re.IGNORECASE
)
_MONTH_FIRST_GATE = re.compile(_GATE_DAY + _MONTH_FIRST_TAIL, re.IGNORECASE)
_DAY_FIRST_GATE = re.compile(_GATE_DAY + _DAY_FIRST_TAIL, re.IGNORECASE)


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
    for pattern in _patterns_due(text, start, end):
        found.extend(map(_to_date, pattern.finditer(text, start, end)))
    found.sort(key=lambda m: (m.start, -m.end))
    result: list[DateMatch] = []
    for item in found:
        if not result or item.start >= result[-1].end:
            result.append(item)
    return result


def _patterns_due(text: str, start: int, end: int) -> list[re.Pattern[str]]:
    """The patterns whose gates are found in text[start:end], in `_PATTERNS` order."""
    due = [ISO_DATE] if _ISO_GATE.search(text, start, end) is not None else []
    named = _NAMED_GATE.search(text, start, end)
    if named is None:
        return due
    # Nothing of either gate starts before `named`; the other gate may match at or after it.
    at = named.start()
    if named.group("month_first") is not None:
        month_first = True
        day_first = _DAY_FIRST_GATE.search(text, at, end) is not None
    else:
        day_first = True
        month_first = _MONTH_FIRST_GATE.search(text, at, end) is not None
    return due + [p for p, on in ((MONTH_FIRST, month_first), (DAY_FIRST, day_first)) if on]


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
