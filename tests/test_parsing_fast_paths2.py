"""The parser's second round of fast paths against the code they replaced: paragraphs read by
one regex scan, the footer read from the end, the quote scan's cheaper steps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.document import Paragraph, ParagraphKind
from seedcheck.model import Span
from seedcheck.parsing import paragraphs
from seedcheck.parsing.metadata import iter_lines


def plain_paragraph(
    text: str, start: int, end: int, kind: ParagraphKind = ParagraphKind.TEXT
) -> Paragraph:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return Paragraph(Span(start + lead, start + len(chunk.rstrip())), kind)


def plain_paragraphs(text: str, body: Span) -> list[Paragraph]:
    """paragraphs as a Python loop over the body's lines."""
    found: list[Paragraph] = []
    block_start: int | None = None
    block_end = body.start
    for line in iter_lines(text, body.start, body.end):
        if line.blank:
            if block_start is not None:
                found.append(plain_paragraph(text, block_start, block_end))
                block_start = None
            continue
        if line.text.lstrip().startswith("#"):
            if block_start is not None:
                found.append(plain_paragraph(text, block_start, block_end))
                block_start = None
            found.append(plain_paragraph(text, line.start, line.end, ParagraphKind.HEADING))
            continue
        if block_start is None:
            block_start = line.start
        block_end = line.end
    if block_start is not None:
        found.append(plain_paragraph(text, block_start, block_end))
    return found


_LINE_PIECES = [
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\xa0",
    "\u2028",
    "\u3000",
    "#",
    "# Title",
    " ## Sub",
    "a#",
    "Text.",
    "x",
    "é",
]
line_texts = st.lists(st.sampled_from(_LINE_PIECES), max_size=30).map("".join) | st.text(
    max_size=40
)


def _cuts(text: str, data: st.DataObject) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    return start, end


@given(line_texts, st.data())
@settings(max_examples=3000)
def test_paragraphs_match_the_line_loop(text: str, data: st.DataObject) -> None:
    assert paragraphs(text, Span(0, len(text))) == plain_paragraphs(text, Span(0, len(text)))
    body = Span(*_cuts(text, data))
    assert paragraphs(text, body) == plain_paragraphs(text, body)
