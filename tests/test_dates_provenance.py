"""Dates and provenance rules (SC102-SC105, SC202-SC207): golden findings on the real seeds,
helper units, option validation, and the property that no input makes them raise."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.checks.provenance._urls import (
    original_host,
    tracking_parameters,
    url_path_date,
    url_problem,
)
from seedcheck.checks.provenance.outlets import BUILTIN, registry_from_options
from seedcheck.checks.registry import BY_CODE
from seedcheck.config import Config, ConfigError, parse_config
from seedcheck.parsing import parse
from seedcheck.parsing.links import find_links
from seedcheck.rules import DocumentRule, RuleContext
from seedcheck.runner import run
from seedcheck.source import decode_source
from tests.conftest import FIXED_TODAY, ROOT, SEEDS

CODES = ("SC102", "SC103", "SC104", "SC105", "SC202", "SC203", "SC204", "SC205", "SC206", "SC207")
GOLDEN = ROOT / "tests" / "golden" / "seeds_dates_provenance.txt"


def _render_seeds() -> list[str]:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = run(paths, Config(select=CODES, today=FIXED_TODAY))
    lines = []
    for file in result.files:
        name = Path(file.path).name
        for f in file.findings:
            where = f"{f.line}:{f.column}" if f.line is not None else "-"
            lines.append(f"{name}:{where}: {f.rule} [{f.severity.value}] {f.message}")
    return lines


def test_seed_golden() -> None:
    """Hand-verified: 000 has placeholder links on lines 5 and 19 and AFP copy syndicated on
    themoscowtimes.com; 002 has the leaked date label on line 1; 003 has nothing."""
    expected = [ln for ln in GOLDEN.read_text("utf-8").splitlines() if ln.strip()]
    assert _render_seeds() == expected


def test_silent_on_bbc_corpus(bbc_corpus: Path) -> None:
    """The BBC articles have no metadata, URL or impossible date (70 valid full dates in their
    text, none impossible): every finding here would be a false alarm."""
    result = run([str(bbc_corpus)], Config(select=CODES, today=FIXED_TODAY))
    assert len(result.files) == 2225
    assert [(f.path, x.rule, x.line) for f in result.files for x in f.findings] == []


# ---- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.themoscowtimes.com/2021/04/06/a73491", None),
        ("http://127.0.0.1:8080/x", None),
        ("https://xn--80ak6aa92e.com/", None),
        ("https://bücher.de/x", None),
        ("https://https://www.example.com/a", "not a domain name"),
        ("https://example/a", "not a domain name"),
        ("htps://example.com", "scheme 'htps'"),
        ("https://exa mple.com", "a space"),
        ("https://example.com:99999/", "cannot be parsed"),
        ("https://[::1/", "cannot be parsed"),
        ("https://ex_ample.com/", "not a valid domain name"),
        ("https:example.com", "lacks '//'"),
    ],
)
def test_url_problem(url: str, problem: str | None) -> None:
    found = url_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/2021/04/06/story", (dt.date(2021, 4, 6), True)),
        ("https://x.com/world/2021/apr/06/story", (dt.date(2021, 4, 6), True)),
        ("https://x.com/2021/4/6/story", (dt.date(2021, 4, 6), True)),
        ("https://x.com/2021/04/story.html", (dt.date(2021, 4, 1), False)),
        ("https://x.com/news/2021-04-06/story", (dt.date(2021, 4, 6), True)),
        ("https://x.com/news/story-20210406", (dt.date(2021, 4, 6), True)),
        ("https://x.com/2021/02/30/story", (None, True)),
        ("https://x.com/news/world-europe-56649346", None),
        ("https://x.com/story/20213456/x", None),  # month 34: an id, not a date
        ("https://x.com/story/20210230/x", None),  # 8 impossible digits: an id, not a date
        ("https://x.com/2021/13/05/x", None),
        ("https://x.com/a?date=2021-04-06", None),  # the query is not the path
        ("https://2021.example.com/", None),
        ("https://x.com/img/1920/1080/photo", None),  # a size, not a date
        ("https://x.com/article/e7d8f0a20210406b9c", None),  # inside a hex id
        ("https://www.aljazeera.com/news/2021/4/6/ukraine", (dt.date(2021, 4, 6), True)),
        ("https://www.bloomberg.com/news/articles/2021-04-06/x", (dt.date(2021, 4, 6), True)),
        ("https://tass.com/politics/20101234", None),
        ("https://news.yahoo.com/ukraine-101500123.html", None),
    ],
)
def test_url_path_date(url: str, expected: tuple[dt.date | None, bool] | None) -> None:
    found = url_path_date(url)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.value, found.day is not None) == expected


def test_tracking_parameters_keep_order_and_fragment() -> None:
    url = "https://x.com/a?utm_source=tw&id=7&fbclid=Iw&UTM_Medium=s&b=#top"
    names, cleaned = tracking_parameters(url) or ([], "")
    assert names == ["utm_source", "fbclid", "UTM_Medium"]
    assert cleaned == "https://x.com/a?id=7&b=#top"
    assert tracking_parameters("https://x.com/a?utm_source=tw") == (
        ["utm_source"],
        "https://x.com/a",
    )
    assert tracking_parameters("https://x.com/a?id=7&source=rss") is None


def test_original_host_looks_through_archives() -> None:
    inner = "https://www.nytimes.com/2021/04/06/x.html"
    for wrapper in (
        f"https://web.archive.org/web/20210407000000/{inner}",
        f"https://archive.ph/20210407/{inner}",
    ):
        host, at = original_host(wrapper) or ("", 0)
        assert host == "www.nytimes.com"
        assert wrapper[at : at + len(host)] == host
    amp = "https://www-nytimes-com.cdn.ampproject.org/c/s/www.nytimes.com/2021/x.amp.html"
    assert (original_host(amp) or ("",))[0] == "www.nytimes.com"


def test_registry_subdomains_aliases_and_overrides() -> None:
    registry = registry_from_options({}, "SC207")
    assert registry.named("THE WASHINGTON EXAMINER") is registry.for_host("washingtonexaminer.com")
    nyt = registry.for_host("mobile.nytimes.com")
    assert nyt is not None and nyt.name == "The New York Times"
    assert registry.named("Huffington Post") is registry.for_host("www.huffingtonpost.com")
    assert registry.for_host("notnytimes.com") is None
    custom = registry_from_options(
        {"outlets": [{"name": "BBC", "domains": ["bbc.example"]}], "builtin-outlets": True},
        "SC207",
    )
    bbc = custom.named("BBC News")
    assert bbc is None  # the replacement has no aliases: the built-in entry is gone
    assert (custom.named("BBC") or BUILTIN[0]).domains == ("bbc.example",)
    assert custom.for_host("bbc.co.uk") is None
    assert len(BUILTIN) >= 40


@pytest.mark.parametrize(
    "options",
    [
        {"outlets": {"name": "X"}},
        {"outlets": [{"domains": ["x.com"]}]},
        {"outlets": [{"name": "X", "domains": "x.com"}]},
        {"outlets": [{"name": "X", "kind": "blog"}]},
        {"outlets": [{"name": "X", "url": "x.com"}]},
    ],
)
def test_registry_rejects_bad_entries(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        registry_from_options(options, "SC207")


@pytest.mark.parametrize(
    ("rule", "option", "value"),
    [
        ("date-out-of-range", "earliest", "yesterday"),
        ("date-out-of-range", "future-grace-days", -1),
        ("conflicting-dates", "tolerance-days", "one"),
        ("url-date-mismatch", "tolerance-days", True),
        ("tracking-parameters", "extra-parameters", "ref"),
        ("outlet-domain-mismatch", "syndication", "no"),
        ("outlet-domain-mismatch", "builtin-outlets", 0),
    ],
)
def test_bad_options_are_config_errors(rule: str, option: str, value: object) -> None:
    config = dataclasses.replace(
        parse_config({"rules": {rule: {option: value}}}), today=FIXED_TODAY
    )
    with pytest.raises(ConfigError):
        run([str(SEEDS)], config)


def test_syndication_can_be_silenced_and_builtins_dropped() -> None:
    seed = str(next(SEEDS.glob("000_*.txt")))
    for options in ({"syndication": False}, {"builtin-outlets": False}):
        config = dataclasses.replace(
            parse_config({"rules": {"SC207": options}}), select=("SC207",), today=FIXED_TODAY
        )
        assert run([seed], config).files[0].findings == []


def test_fixes_carry_replacements() -> None:
    seed = str(next(SEEDS.glob("000_*.txt")))
    result = run([seed], Config(select=("SC205",), today=FIXED_TODAY))
    fixes = [(f.line, f.fix.replacement if f.fix else None) for f in result.files[0].findings]
    assert fixes == [(5, "AFP"), (19, "Are Russia and Ukraine Sliding Into War?")]
    case = ROOT / "tests" / "fixtures" / "rules" / "SC203" / "fail_http.txt"
    found = run([str(case)], Config(select=("SC203",), today=FIXED_TODAY)).files[0].findings
    assert [f.fix.replacement if f.fix else None for f in found] == [
        "https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491"
    ]


def test_markdown_link_target_with_parentheses() -> None:
    links = find_links("[a](javascript:void(0)) [w](https://en.wikipedia.org/wiki/Foo_(bar)).")
    assert [link.href for link in links] == [
        "javascript:void(0)",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
    ]


# ---- never raise -----------------------------------------------------------------------

_RULES = [BY_CODE[code] for code in CODES]
# Fragments that steer generated text into metadata, dates, links and URLs.
_FRAGMENTS = [
    "\n",
    " ",
    "---\n",
    "date: ",
    "Date: ",
    "Source: ",
    "url: ",
    "# ",
    "By [AFP](#)\n",
    "February 30, 2021",
    "2021-02-30",
    " date 2021-04-07 ",
    "Brussels (dpa) – ",
    "Original url:\n",
    "<https://www.themoscowtimes.com/2021/04/06/x>",
    "http://",
    "https://",
    "web.archive.org/web/1/",
    "?utm_source=x&",
    "[x](",
    ")",
    "(",
    "/2021/",
    "/04/",
    "20210406",
    "READ MORE FROM THE WASHINGTON EXAMINER",
    "Published: ",
    "Updated: ",
    "1970-01-01",
    "9999-12-31",
    "xn--",
    "é",
    "\u200b",
    "\r\n",
    ":",
    "#",
]
_PIECES = st.sampled_from(_FRAGMENTS)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_rules_never_raise(text: str) -> None:
    doc = parse(decode_source("fuzz.txt", text.encode("utf-8", "surrogatepass")))
    for rule_type in _RULES:
        rule = rule_type()
        assert isinstance(rule, DocumentRule)
        ctx = RuleContext(options=dict(rule_type.options), today=FIXED_TODAY)
        for hit in rule.check(doc, ctx):
            if hit.span is not None:
                assert 0 <= hit.span.start <= hit.span.end <= len(doc.text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_rules_never_raise_on_bytes(data: bytes) -> None:
    doc = parse(decode_source("fuzz.txt", data))
    for rule_type in _RULES:
        list(rule_type().check(doc, RuleContext(options=dict(rule_type.options), today=None)))
