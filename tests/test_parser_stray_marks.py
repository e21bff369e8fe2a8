"""The parser records closing quote marks that close nothing, and only those."""

from __future__ import annotations

from seedcheck.parsing import parse
from seedcheck.source import decode_source


def stray(text: str) -> list[tuple[str, int]]:
    doc = parse(decode_source("x.txt", text.encode()))
    return [(m.char, m.offset) for m in doc.stray_quote_marks]


def test_closing_mark_with_nothing_open_is_recorded() -> None:
    text = "Title\n\nLavrov said the talks were useful.” He left.\n"
    assert stray(text) == [("”", text.index("”"))]


def test_paired_and_continued_quotes_leave_no_stray_mark() -> None:
    text = (
        "Title\n\n“We will work together, and we will not stop.\n\n"
        "“Our partnership is strong,” he said. Die Zeitung: „Das ist gut“.\n"
    )
    assert stray(text) == []


def test_stray_mark_after_a_closed_quote() -> None:
    text = "Title\n\n“Yes,” he said.” Then he left.\n"
    assert stray(text) == [("”", text.rindex("”"))]
