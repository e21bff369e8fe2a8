"""SC503 scans only near non-ASCII text: the same matches as ftfy's full scan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from hypothesis import given, settings
from hypothesis import strategies as st

from seedcheck.checks.encoding.mojibake import BADNESS_WIDTH, badness_matches

SHARED = Path(__file__).resolve().parents[2] / "shared"
_MOJIBAKE = "Ã©â€œâ€™Â£Ð¾ÐµØ§Ù„ÃƒÂ©ŒœæøâÂ €£½°×²√±‚Äì¢вЂГўВЂВβ€ΒΓā€\xa0\x85"
texts = st.text(alphabet=st.sampled_from(_MOJIBAKE + "abcXYZ ,.\n\t'\"-")) | st.text()


def spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def test_every_match_is_short_and_holds_a_non_ascii_character() -> None:
    # The two facts the windowed scan rests on, checked against the installed ftfy: the
    # categories hold no ASCII (the other alternatives name non-ASCII letters themselves).
    width = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()  # type: ignore[attr-defined]
    assert width[1] <= BADNESS_WIDTH
    for name, chars in MOJIBAKE_CATEGORIES.items():
        in_class = re.compile(f"[{chars}]")
        assert not any(in_class.match(chr(c)) for c in range(128)), name


@given(texts)
@settings(max_examples=500)
def test_windowed_scan_finds_what_the_full_scan_finds(text: str) -> None:
    assert spans(badness_matches(text)) == spans(BADNESS_RE.finditer(text))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_windowed_scan_on_real_text() -> None:
    files = sorted((SHARED / "corpora" / "bbc").rglob("*.txt"))[::10] + sorted(
        (SHARED / "seeds").iterdir()
    )
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        assert spans(badness_matches(text)) == spans(BADNESS_RE.finditer(text)), path
