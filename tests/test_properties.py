"""Hypothesis properties: parsing and checking arbitrary text or bytes never raises, every
span lies inside the text and holds the value it claims, and output is deterministic."""

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

# Text made of the characters seeds are made of, so the parser's paths are actually reached.
NEWS_ALPHABET = st.sampled_from(
    [*"abcXYZ 019.,:;-–—#*[]()<>/\n\r\t\"'“”„«»‘’", "said ", "date ", "http://", "By "]
)
news_text = st.lists(NEWS_ALPHABET, max_size=400).map("".join)
any_text = st.one_of(st.text(max_size=400), news_text)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def all_spans(doc: Document) -> list[tuple[Span, str | None]]:
    """Every span in the document with the text it should hold (None: any text)."""
    spans: list[tuple[Span, str | None]] = [(doc.body, None)]
    for item in (doc.title, doc.dateline, doc.agency, doc.byline, doc.outlet, doc.language):
        if item is not None:
            spans.append((item.span, item.value))
    for item in (*doc.source_urls, *doc.outlet_mentions, *doc.metadata.values()):
        spans.append((item.span, item.value))
    for date in doc.dates:
        spans.append((date.span, date.raw))
    for link in doc.links:
        spans.append((link.span, None))
        spans.append((link.href_span, link.href))
    for paragraph in doc.paragraphs:
        spans.append((paragraph.span, None))
    for quote in doc.quotes:
        spans.append((quote.span, None))
        spans.extend((part, None) for part in quote.parts)
        if quote.speaker is not None and quote.speaker.span is not None:
            expected = None if quote.speaker.how.value in ("pronoun",) else quote.speaker.name
            spans.append((quote.speaker.span, expected))
    return spans


@given(any_text)
@SETTINGS
def test_parse_never_raises_and_spans_hold_their_values(text: str) -> None:
    doc = parse(decode_source("x.txt", text.encode("utf-8", "surrogatepass")))
    for span, value in all_spans(doc):
        assert 0 <= span.start <= span.end <= len(doc.text)
        if value is not None:
            assert span.slice(doc.text) == value


@given(st.binary(max_size=600))
@SETTINGS
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    doc = parse(decode_source("x.bin", data))
    assert doc.source.size == len(data)


@given(any_text)
@SETTINGS
def test_rules_never_raise_and_findings_lie_inside(text: str) -> None:
    doc = parse(decode_source("x.txt", text.encode("utf-8", "surrogatepass")))
    config = Config(today=dt.date(2025, 1, 1))
    lines = doc.source.line_count
    for rule in RULES:
        if not issubclass(rule, DocumentRule):
            continue
        ctx = RuleContext(rule_context(rule, config), config.languages, config.today)
        for hit in rule().check(doc, ctx):
            finding = to_finding(rule, hit, doc, config)
            if finding.line is not None:
                assert 1 <= finding.line <= lines


@given(any_text)
@settings(max_examples=100, deadline=None)
def test_parsing_is_deterministic(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert repr(parse(decode_source("x.txt", data))) == repr(parse(decode_source("x.txt", data)))


def test_one_megabyte_line_parses() -> None:
    text = ("word “quote” said X, [a](b) http://e.x/y " * 25000)[:1_000_000]
    doc = parse(decode_source("big.txt", text.encode()))
    assert doc.paragraphs
