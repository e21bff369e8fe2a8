"""The GX stage: suite files, findings on unexpected rows, broken suites, and the rule that
`check` never imports Great Expectations unless asked to."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seedcheck.cli import main
from seedcheck.config import Config, load_config
from seedcheck.expectations.gx import run_expectations
from seedcheck.expectations.suites import DEFAULT_SUITES, SuiteError, load_suite
from seedcheck.runner import RunResult, run
from tests.conftest import FIXED_TODAY, ROOT, SEEDS

HTTP_SEED = (
    "---\ntitle: NATO and Ukraine\ndate: 2021-04-07\n"
    "url: http://www.example.com/2021/04/07/nato-ukraine\n---\n\n"
    "The alliance said on Tuesday that it was ready to talk to the government in Kiev.\n"
)


def _run(paths: list[str], config: Config) -> RunResult:
    result = run(paths, config)
    run_expectations(result, config)
    return result


def _write_suite(folder: Path, name: str, table: str, expectations: list[dict[str, Any]]) -> Path:
    suite = {"name": name, "meta": {"seedcheck": {"table": table}}, "expectations": expectations}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(suite), "utf-8")
    return path


def _config_with(folder: Path, *suites: str) -> Config:
    toml = folder / "seedcheck.toml"
    listed = ", ".join(json.dumps(s) for s in suites)
    toml.write_text(f'expectations = [{listed}]\ntoday = "2025-01-01"\n', "utf-8")
    return load_config(toml)


def test_default_suites_load() -> None:
    names = sorted(p.stem for p in DEFAULT_SUITES.glob("*.json"))
    assert names == ["documents", "links", "quotes"]
    for path in DEFAULT_SUITES.glob("*.json"):
        suite = load_suite(path)
        assert suite.table == path.stem and suite.expectations
        assert suite.file == f"seedcheck:suites/{path.name}"


def test_seeds_with_expectations_report_each_problem_once() -> None:
    config = Config(today=FIXED_TODAY)
    result = _run([str(SEEDS)], config)
    found = sorted(
        (Path(p).name[:3], f.rule)
        for p, f in result.findings()
        if f.rule in ("SC101", "SC201", "GX") or f.family.value == "schema"
    )
    assert found == [("002", "SC201"), ("003", "SC101"), ("003", "SC201")]
    assert result.expectations is not None
    suites = {s["name"]: s for s in result.expectations["suites"]}
    url = next(
        r
        for r in suites["documents"]["results"]
        if r["type"] == "expect_column_values_to_not_be_null"
    )
    # 2 of 3 seeds lack a URL: the corpus-level expectation fails, its rows are SC201's.
    assert url["success"] is False and url["owned"] == 2 and url["findings"] == 0
    assert suites["quotes"]["success"] is True  # 5 of 20 quotes without speaker <= 50%
    assert result.expectations["success"] is False


def test_validation_result_is_json_and_deterministic() -> None:
    config = Config(today=FIXED_TODAY)
    first = _run([str(SEEDS)], config).expectations
    second = _run([str(SEEDS)], config).expectations
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert "NaN" not in json.dumps(first)


def test_user_expectation_without_code_change(tmp_path: Path) -> None:
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "http.txt").write_text(HTTP_SEED, "utf-8")
    regex = {
        "type": "expect_column_values_to_match_regex",
        "kwargs": {"column": "source_url", "regex": "^https://"},
    }
    _write_suite(tmp_path, "mine", "documents", [regex])
    config = _config_with(tmp_path, "mine.json")
    result = _run([str(tmp_path)], config)
    gx = [(Path(p).name, f) for p, f in result.findings() if f.rule == "GX"]
    assert len(gx) == 1
    name, finding = gx[0]
    assert name == "http.txt"
    assert finding.name == "expect_column_values_to_match_regex"
    assert finding.family.value == "schema" and finding.severity.value == "error"
    assert (
        finding.line == 4 and finding.evidence == "http://www.example.com/2021/04/07/nato-ukraine"
    )
    assert "suite 'mine'" in finding.message and "http://www.example.com" in finding.message


def test_quotes_rows_map_to_lines(tmp_path: Path) -> None:
    _write_suite(
        tmp_path,
        "long-quotes",
        "quotes",
        [
            {
                "type": "expect_column_value_lengths_to_be_between",
                "kwargs": {"column": "text", "max_value": 40},
                "severity": "info",
            }
        ],
    )
    config = _config_with(tmp_path, "long-quotes.json")
    result = _run([str(SEEDS / "003_fff007b84d78eb8b.txt")], config)
    gx = [f for _, f in result.findings() if f.rule == "GX"]
    assert [(f.line, f.column, f.severity.value) for f in gx] == [
        (7, 1, "info"),
        (9, 1, "info"),
        (29, 1, "info"),
        (29, 82, "info"),
    ]
    assert gx[0].evidence is not None and gx[0].evidence.startswith("“We’re being honest")


def test_configured_suite_replaces_default_of_same_name(tmp_path: Path) -> None:
    _write_suite(tmp_path, "documents", "documents", [])
    config = _config_with(tmp_path, "documents.json")
    result = _run([str(SEEDS)], config)
    assert result.expectations is not None
    documents = [s for s in result.expectations["suites"] if s["name"] == "documents"]
    assert len(documents) == 1 and documents[0]["results"] == []


def test_owner_ignored_means_gx_reports(tmp_path: Path) -> None:
    config = Config(today=FIXED_TODAY, ignore=("SC201",))
    result = _run([str(SEEDS)], config)
    gx = sorted(
        (Path(p).name[:3], f.name, f.severity.value) for p, f in result.findings() if f.rule == "GX"
    )
    assert gx == [
        ("002", "expect_column_values_to_not_be_null", "warning"),
        ("003", "expect_column_values_to_not_be_null", "warning"),
    ]


BROKEN = {
    "bad_json": ('{"name": "x", "expectations": [', "invalid JSON at line 1"),
    "unknown_type": (
        {"type": "expect_the_unexpected", "kwargs": {"column": "path"}},
        "unknown expectation type",
    ),
    "unknown_column": (
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "sha1"}},
        "unknown column 'sha1'",
    ),
    "bad_arguments": (
        {"type": "expect_column_values_to_be_unique", "kwargs": {"colum": "path"}},
        "invalid arguments",
    ),
    "bad_regex": (
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "path", "regex": "("}},
        "expectations[0]",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_suite_is_one_line_exit_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = BROKEN[case]
    suite = tmp_path / f"{case}.json"
    if isinstance(content, str):
        suite.write_text(content, "utf-8")
    else:
        data = {"name": case, "meta": {"seedcheck": {"table": "documents"}}}
        suite.write_text(json.dumps(data | {"expectations": [content]}), "utf-8")
    _config_with(tmp_path, suite.name)
    code = main(
        ["check", "--expectations", "--config", str(tmp_path / "seedcheck.toml"), str(SEEDS)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(suite) in err and expected in err


def test_unknown_table_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"name": "odd", "expectations": []}', "utf-8")
    with pytest.raises(SuiteError, match="unknown table"):
        load_suite(path)
    with pytest.raises(SuiteError, match="cannot read"):
        load_suite(tmp_path / "missing.json")


def test_cli_check_with_expectations_prints_gx_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "http.txt").write_text(HTTP_SEED, "utf-8")
    _write_suite(
        tmp_path,
        "mine",
        "documents",
        [
            {
                "type": "expect_column_values_to_match_regex",
                "kwargs": {"column": "source_url", "regex": "^https://"},
            }
        ],
    )
    config = _config_with(tmp_path, "mine.json")
    assert config.expectations == ("mine.json",)
    args = ["check", "--config", str(tmp_path / "seedcheck.toml"), str(tmp_path / "http.txt")]
    assert main(args) == 0
    assert "GX" not in capsys.readouterr().out
    assert main([*args, "--expectations"]) == 1
    out = capsys.readouterr().out
    assert "http.txt:4:6: GX [error] Expectation expect_column_values_to_match_regex" in out


def _imported_modules(args: list[str]) -> str:
    """The modules the command and its schema helper (seedcheck.preload) import: the helper
    inherits `-X importtime` and writes to the same stderr, so a helper forked when no schema
    rule runs would show up as pandas imports."""
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "seedcheck", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.stderr


def test_check_does_not_import_great_expectations() -> None:
    imports = _imported_modules(["check", str(SEEDS)])
    assert "great_expectations" not in imports
    assert "pandera" in imports  # the schema stage runs on every check


def test_check_without_schema_rules_imports_no_pandas() -> None:
    imports = _imported_modules(["check", "--ignore", "schema", str(SEEDS)])
    assert "pandera" not in imports and "pandas" not in imports


def test_check_with_expectations_imports_great_expectations() -> None:
    imports = _imported_modules(["check", "--expectations", str(SEEDS)])
    assert "great_expectations" in imports


def test_gx_stage_writes_nothing_to_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    config = dataclasses.replace(Config(), today=FIXED_TODAY)
    result = run([str(SEEDS)], config)
    capfd.readouterr()
    run_expectations(result, config)
    assert capfd.readouterr().out == ""
