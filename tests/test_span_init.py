"""Span's written-out __init__ behaves as the generated one with its __post_init__ check."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seedcheck.model import Span


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class PlainSpan:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")


@given(st.integers(-3, 50), st.integers(-3, 50))
def test_span_init_matches_the_generated_one(start: int, end: int) -> None:
    try:
        plain = PlainSpan(start, end)
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error)):
            Span(start, end)
        return
    span = Span(start, end)
    assert (span.start, span.end) == (plain.start, plain.end)
    assert span == Span(end=end, start=start)
    assert repr(span) == repr(plain).replace("PlainSpan", "Span")
    assert hash(span) == hash(Span(start, end))
    assert pickle.loads(pickle.dumps(span)) == span
    assert dataclasses.replace(span, end=end + 1) == Span(start, end + 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 0  # type: ignore[misc]
