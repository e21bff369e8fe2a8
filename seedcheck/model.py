"""The vocabulary every layer shares: spans, severities, families, hits and findings.

A rule yields `Hit`s that point at character spans of the decoded text; the runner turns
them into `Finding`s with 1-based lines and columns. Only `Finding` is part of the public
JSON contract (see DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from seedcheck.pickling import PickleByFields


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Family(StrEnum):
    SCHEMA = "schema"
    DATES = "dates"
    TRANSLATION = "translation"
    QUOTES = "quotes"
    PROVENANCE = "provenance"
    HYGIENE = "hygiene"
    ENCODING = "encoding"


@dataclass(frozen=True, slots=True, order=True)
class Span(PickleByFields):
    """Half-open range of character offsets into `Source.text`."""

    start: int
    end: int

    # Written out rather than generated: a frozen dataclass's __init__ sets each field through
    # object.__setattr__, then calls __post_init__. Tens of thousands of spans are built per
    # run; checking and setting the slots directly costs about a third less.
    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"invalid span {start}..{end}")
        _set_span_start(self, start)
        _set_span_end(self, end)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


# The slots' own setters (a frozen dataclass forbids setattr), for Span.__init__.
_set_span_start: Callable[[Span, int], None] = vars(Span)["start"].__set__
_set_span_end: Callable[[Span, int], None] = vars(Span)["end"].__set__


@dataclass(frozen=True, slots=True)
class Related(PickleByFields):
    """Another place (usually in another file) that a cross-file finding involves."""

    path: str
    line: int | None = None
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "line": self.line}
        if self.message is not None:
            out["message"] = self.message
        return out


@dataclass(frozen=True, slots=True)
class Fix(PickleByFields):
    """A suggested replacement for the finding's span (or a description when none applies)."""

    message: str
    replacement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Hit(PickleByFields):
    """What a rule reports: a message about a span, before it is located in lines."""

    message: str
    span: Span | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    severity: Severity | None = None  # overrides the rule's default for this hit only
    evidence: str | None = None  # defaults to the spanned text


@dataclass(frozen=True, slots=True)
class Finding(PickleByFields):
    rule: str
    name: str
    family: Family
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    evidence: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line or 0, self.column or 0, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "family": self.family.value,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "evidence": self.evidence,
            "related": [r.to_dict() for r in self.related],
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(slots=True)
class FileResult(PickleByFields):
    """Everything a run learned about one input file."""

    path: str
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)
