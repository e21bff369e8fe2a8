"""Machine formats of `check`: exact output for the small ones, schema validity for SARIF."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from seedcheck.cli import main
from seedcheck.config import Config
from seedcheck.model import Family, Finding, Fix, Related, Severity
from seedcheck.model import FileResult as FileResultModel
from seedcheck.reports.formats import FORMATS, render
from seedcheck.reports.github import escape_data, escape_property
from seedcheck.runner import RunResult, run
from tests.conftest import FIXED_TODAY, SEEDS
from tests.reports_support import TEST_RULES, fixture_run

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def test_every_check_format_is_registered() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "junit", "github", "markdown"}


def test_github_annotations_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    result = fixture_run(monkeypatch)
    assert render(result, "github") == (
        "::error file=a.txt,title=SC101 missing-date::No publication date found\n"
        "::notice file=a.txt,line=1,endLine=3,title=SC992 test-multiline::"
        "Title and first paragraph\n"
        "::warning file=a.txt,line=3,endLine=3,col=1,endColumn=5,title=SC990 test-acronym::"
        "Acronym in capitals%0ASuggested fix: Write it as a word\n"
        "::notice file=a.txt,line=5,endLine=5,col=1,endColumn=23,title=SC991 test-shared-quote::"
        "Quote also appears in 1 other file(s)%0AAlso in: b.txt:3\n"
        "::error file=b.txt,title=SC101 missing-date::No publication date found\n"
        "::notice file=b.txt,line=3,endLine=3,col=1,endColumn=23,title=SC991 test-shared-quote::"
        "Quote also appears in 1 other file(s)%0AAlso in: a.txt:5\n"
    )


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("dir:x,y%z\n") == "dir%3Ax%2Cy%25z%0A"
    assert escape_data("red \x1b[31m") == "red \\x1b[31m"
    finding = Finding("SC101", "missing-date", Family.DATES, Severity.ERROR, "a\nb: c, d%")
    result = RunResult([FileResultModel("we,ird:name%.txt", [finding])], [], config=Config())
    assert render(result, "github") == (
        "::error file=we%2Cird%3Aname%25.txt,title=SC101 missing-date::a%0Ab: c, d%25\n"
    )


def test_junit_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    result = fixture_run(monkeypatch)
    expected = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="seedcheck" tests="2" failures="2" errors="0" skipped="0">
  <testsuite name="seedcheck" tests="2" failures="2" errors="0" skipped="0">
    <testcase classname="seedcheck" name="a.txt" file="a.txt">
      <failure message="1 finding at or above error" type="error">\
SC101 [error] No publication date found</failure>
      <system-out>1:1: SC992 [info] Title and first paragraph
3:1: SC990 [warning] Acronym in capitals
5:1: SC991 [info] Quote also appears in 1 other file(s)</system-out>
    </testcase>
    <testcase classname="seedcheck" name="b.txt" file="b.txt">
      <failure message="1 finding at or above error" type="error">\
SC101 [error] No publication date found</failure>
      <system-out>3:1: SC991 [info] Quote also appears in 1 other file(s)</system-out>
    </testcase>
  </testsuite>
</testsuites>
"""
    assert render(result, "junit") == expected


def test_junit_threshold_and_hostile_text() -> None:
    nasty = 'bad \x00\x1b byte <tag> & "quote" ]]>'
    findings = [
        Finding("SC101", "missing-date", Family.DATES, Severity.ERROR, nasty),
        Finding("SC201", "missing-source-url", Family.PROVENANCE, Severity.WARNING, "w", 2, 3),
    ]
    config = Config(fail_on=Severity.WARNING)
    result = RunResult([FileResultModel("x\x01<y>.txt", findings)], [], config=config)
    root = ET.fromstring(render(result, "junit").encode("utf-8"))  # well-formed despite input
    case = root.find("testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "2 findings at or above warning"
    assert '<tag> & "quote" ]]>' in (failure.text or "")
    assert case.find("system-out") is None


_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _check_uris(node: object) -> None:
    """jsonschema skips `format: uri` without optional packages: check URI syntax here."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uri":
                assert _URI_CHARS.fullmatch(value), value
                assert urlsplit(value).scheme in ("", "file"), value
            _check_uris(value)
    elif isinstance(node, list):
        for item in node:
            _check_uris(item)


def _validate(log: dict[str, object]) -> None:
    _validator().validate(log)
    _check_uris(log["runs"])


def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_of_the_seeds_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEEDS.parent.parent)
    result = run(["examples/seeds"], Config(today=FIXED_TODAY))
    log = json.loads(render(result, "sarif"))
    _validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert {r["ruleId"] for r in run_["results"]} <= set(rule_ids)
    for rule in run_["tool"]["driver"]["rules"]:
        assert "## Why it matters" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    # Whole-file findings point at the artifact, without a region; others have one.
    findings = [f for _, f in result.findings()]
    assert len(findings) == len(run_["results"])
    for finding, sarif_result in zip(findings, run_["results"], strict=True):
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("examples/seeds/")
        assert ("region" in location) == (finding.line is not None)
    assert any(f.line is None for f in findings)


def test_sarif_regions_related_and_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    result = fixture_run(monkeypatch)
    log = json.loads(render(result, "sarif"))
    _validate(log)
    results = log["runs"][0]["results"]
    acronym = next(r for r in results if r["ruleId"] == "SC990")
    region = acronym["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 5,
        "snippet": {"text": "NATO"},
    }
    replacement = acronym["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "Nato"}
    assert replacement["deletedRegion"]["endColumn"] == 5
    shared = next(r for r in results if r["ruleId"] == "SC991")
    related = shared["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    assert related["physicalLocation"]["region"] == {"startLine": 3}
    assert [r["level"] for r in results].count("note") == 3


def test_sarif_uris_of_odd_paths_validate() -> None:
    finding = Finding(
        "SC101",
        "missing-date",
        Family.DATES,
        Severity.ERROR,
        "m",
        related=(Related("/abs/other file.txt", 2),),
        fix=Fix("no replacement here"),
    )
    files = [FileResultModel(p, [finding]) for p in ("a b/c:d.txt", "../up/x#1?.txt", "/abs/é.txt")]
    rules = [TEST_RULES[0]]
    log = json.loads(render(RunResult(files, list(rules), config=Config()), "sarif"))
    _validate(log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["a%20b/c%3Ad.txt", "../up/x%231%3F.txt", "file:///abs/%C3%A9.txt"]
    assert "fixes" not in log["runs"][0]["results"][0]


def test_markdown_summary_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    finding = Finding("SC101", "missing-date", Family.DATES, Severity.ERROR, "<img src=x> *x* |y|")
    result = RunResult([FileResultModel("a_[b](c).txt", [finding])], [], config=Config())
    text = render(result, "markdown")
    assert "<img" not in text and "&lt;img src=x&gt;" in text
    assert "a\\_\\[b\\]\\(c\\).txt" in text and "\\*x\\* \\|y\\|" in text
    assert text.startswith("## seedcheck ❌ failed\n")


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown"])
def test_check_cli_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--format", fmt, str(SEEDS)])
    out = capsys.readouterr()
    assert code == 1  # the seeds have errors
    assert out.out.strip()
    assert "\r" not in out.err  # no progress output mixed into machine formats


@pytest.mark.parametrize("paths", [[], [str(SEEDS)]], ids=["no files", "seeds"])
def test_streamed_json_is_the_json_document(paths: list[str]) -> None:
    from seedcheck.reports.json_output import iter_json, run_to_dict

    config = Config(today=FIXED_TODAY)
    result = run(paths, config) if paths else RunResult(files=[], rules=[], config=config)
    pieces = list(iter_json(result))
    assert len(pieces) > len(result.files)  # one piece per file at least: streamed
    expected = json.dumps(run_to_dict(result), indent=2, ensure_ascii=False) + "\n"
    assert "".join(pieces) == expected
