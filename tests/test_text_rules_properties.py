"""Properties of the translation, encoding and hygiene rules: no rule raises or hangs on
arbitrary text (including text made of the characters they look for, and a 1 MB line),
and every finding lies inside the document."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.checks.registry import RULES
from seedcheck.config import Config
from seedcheck.document import Document
from seedcheck.model import Span
from seedcheck.parsing import parse
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.runner import rule_context, to_finding
from seedcheck.source import decode_source

FAMILIES = ("translation", "encoding", "hygiene")
MY_RULES = [r for r in RULES if r.family.value in FAMILIES and issubclass(r, DocumentRule)]
# The characters these rules look for: quote marks, mojibake, controls, invisibles, caps.
ALPHABET = st.sampled_from(
    [*"ab Z.,!?\n\r\t\"“”„«»’", "Ã©", "â€œ", "â€", "\x0b", "\u200b", "\ufeff", "\u202e",
    "CLICK HERE ", "Related Content", " in\n\n", "lower ", "NATO HEIGHTENS THREAT TO ",
    "[a.com](http://a.com)", "(Getty Images)", "Die Regierung hat die ", "und der "]
)  # fmt: skip
texts = st.one_of(st.text(max_size=300), st.lists(ALPHABET, max_size=200).map("".join))


def check_all(doc: Document) -> int:
    config = Config(today=dt.date(2025, 1, 1))
    count = 0
    for rule in MY_RULES:
        ctx = RuleContext(rule_context(rule, config), config.languages, config.today)
        for hit in rule().check(doc, ctx):
            if hit.span is not None:
                assert 0 <= hit.span.start <= hit.span.end <= len(doc.text)
            finding = to_finding(rule, hit, doc, config)
            if finding.line is not None:
                assert 1 <= finding.line <= doc.source.line_count
            count += 1
    return count


@given(texts)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rules_never_raise_on_text(text: str) -> None:
    check_all(parse(decode_source("x.txt", text.encode("utf-8", "surrogatepass"))))


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_rules_never_raise_on_bytes(data: bytes) -> None:
    check_all(parse(decode_source("x.bin", data)))


def test_one_megabyte_line() -> None:
    unit = "word “quote ”said X, Ã© \x0b\u200b [a.com](http://a.com) CLICK HERE in "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    doc = parse(decode_source("big.txt", text.encode()))
    assert check_all(doc) > 0  # capped per rule, but it must get through


def test_one_megabyte_of_short_paragraphs() -> None:
    unit = "The talks resumed near the town of\n\nlower case start. “Quote ” said he\n\n"
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    doc = parse(decode_source("big.txt", text.encode()))
    assert check_all(doc) > 0


def _plain_sentences(text: str, span: Span) -> list[Span]:
    """SC303's sentence split as first written: a terminator, then white space skipped."""
    import re

    found: list[Span] = []
    start = span.start
    for match in re.compile(r"[.!?]{1,3}[”\"’»]?(?=\s)").finditer(text, span.start, span.end):
        found.append(Span(start, match.end()))
        start = match.end()
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        found.append(Span(start, span.end))
    return found if len(found) > 1 else []


@given(
    st.text(alphabet=st.sampled_from('ab .!?”"’»\n\u00a0\u2003\t')),
    st.integers(0, 40),
    st.integers(0, 40),
)
@settings(max_examples=1000)
def test_untranslated_passage_sentences_match_their_plain_definition(
    text: str, first: int, second: int
) -> None:
    from seedcheck.checks.translation.untranslated_passage import _sentences

    start, end = sorted((min(first, len(text)), min(second, len(text))))
    assert _sentences(text, Span(start, end)) == _plain_sentences(text, Span(start, end))
