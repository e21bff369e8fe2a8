"""The hygiene and encoding rules' fast paths against their plain definitions: rewritten
regexes, gates and the combined residue pattern must give exactly the same answers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.checks.encoding.control_character import _CONTROLS
from seedcheck.checks.hygiene.broken_paragraph import _LAST_WORD, _ends_in_word_character
from seedcheck.checks.hygiene.image_credit import _TRAILING_CREDIT
from seedcheck.checks.hygiene.residue_patterns import (
    _MARKDOWN_LINK,
    MAX_LINE,
    RESIDUE_PATTERNS,
    plain_line,
    residue_label,
)
from seedcheck.checks.translation.quote_person_shift import _SHIFT

_PLAIN_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]{1,64}")
_PLAIN_EMPHASIS = re.compile(r"[*_#>]{1,6}")
_COMPILED = tuple(
    (label, re.compile(pattern, re.IGNORECASE)) for label, pattern in RESIDUE_PATTERNS
)


def plain_plain_line(line: str) -> str:
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _PLAIN_EMPHASIS.sub("", line)
    return " ".join(line.split())


def plain_residue_label(line: str) -> str | None:
    """residue_label before the combined pattern and the cache: one pattern at a time."""
    if len(line) > MAX_LINE * 4:
        return None
    plain = plain_plain_line(line)
    if not plain or len(plain) > MAX_LINE:
        return None
    for label, pattern in _COMPILED:
        if pattern.fullmatch(plain):
            return label
    return None


_RESIDUE_PIECES = [
    "click here",
    "Click here to read more",
    "READ MORE FROM THE EXAMINER",
    "Related Content",
    "related:",
    "Advertisement",
    "(ad)",
    "Comments (12)",
    "© 2021 ",
    "copyright",
    "we use cookies",
    "share on twitter",
    "Sign up for our daily newsletter",
    "subscribe now",
    "loading...",
    "**",
    "__",
    "#",
    "> ",
    "[",
    "]",
    "(",
    ")",
    "[Read more](#)",
    "[x](http://a.b/c)",
    " ",
    "  ",
    "\t",
    "\n",
    ".",
    ":",
    "!",
    "a",
    "The minister said",
    "K",
    "\u212a",  # Kelvin sign: matches k when case is ignored
    "\u0130",
    "é",
    "\u00a0",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_RESIDUE_PIECES), max_size=14) | st.lists(st.text(), max_size=3))
def test_residue_label_is_the_pattern_loop(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert plain_line(line) == plain_plain_line(line)
    assert residue_label(line) == plain_residue_label(line)
    assert residue_label(line) == plain_residue_label(line)  # again, from the cache


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "Z", "é", "1", "_", "'", "’", "-", " ", ".", "\n", "in", "\u0663"]),
        max_size=70,
    )
    | st.text(max_size=70)
)
def test_last_word_gate_only_skips_tails_without_a_match(pieces: list[str] | str) -> None:
    tail = "".join(pieces)[-60:]
    if not _ends_in_word_character(tail):
        assert _LAST_WORD.search(tail) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "\n", "\t", "\r", "\x00", "\x0b", "\x1b", "\x7f", "\x85"]))
    | st.text()
)
def test_control_runs_are_the_repeat_pattern(pieces: list[str] | str) -> None:
    text = "".join(pieces) * 3
    assert [m.span() for m in _CONTROLS.finditer(text)] == [
        m.span() for m in _PLAIN_CONTROLS.finditer(text)
    ]


_PLAIN_SHIFT = re.compile(_SHIFT.pattern.replace("I(?<!\\wI)", "\\bI", 1))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "I",
                " ",
                "\n",
                "a",
                "AI",
                "_I",
                "1I",
                "é",
                "want ",
                "to express ",
                "to ",
                "voice ",
                "his",
                "her",
                ".",
                "x",
            ]
        ),
        max_size=20,
    ),
    st.integers(0, 5),
)
def test_shift_is_the_word_boundary_pattern(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    assert _PLAIN_SHIFT.pattern != _SHIFT.pattern
    assert [m.span() for m in _SHIFT.finditer(text, start)] == [
        m.span() for m in _PLAIN_SHIFT.finditer(text, start)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([" ", "(", ")", "AFP", "Reuters", "/x", "\n", "a", "."]), max_size=12)
)
def test_trailing_credit_gate_only_skips_paragraphs_without_one(pieces: list[str]) -> None:
    body = "".join(pieces)
    if not body.endswith((")", ")\n")):
        assert _TRAILING_CREDIT.search(body[-200:]) is None
