"""The command line: exact output, exit codes, JSON contract, bad input, config errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from seedcheck.cli import main
from tests.conftest import SEEDS

SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.startswith("seedcheck ")


def test_check_seeds_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", "--select", "SC101,SC201", *SEED_FILES)
    assert code == 1, err
    lines = out.splitlines()
    name2, name3 = Path(SEED_FILES[1]).as_posix(), Path(SEED_FILES[2]).as_posix()
    assert lines == [
        f"{name2}: SC201 [error] No source URL found "
        "(expected an 'Original url:' footer or a url: field)",
        f"{name3}: SC101 [error] No publication date found",
        f"{name3}: SC201 [error] No source URL found "
        "(expected an 'Original url:' footer or a url: field)",
        "Found 3 findings (3 errors, 0 warnings, 0 info) in 2 of 3 files.",
    ]


def test_check_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--format", "json", *SEED_FILES)
    assert code == 1
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "seedcheck"
    assert [f["path"] for f in data["files"]] == SEED_FILES
    by_file = {Path(f["path"]).name[:3]: f["findings"] for f in data["files"]}
    rules_003 = {f["rule"] for f in by_file["003"] if f["severity"] == "error"}
    assert {"SC101", "SC201"} <= rules_003
    assert "SC201" in {f["rule"] for f in by_file["002"]}
    assert not {"SC101", "SC201"} & {f["rule"] for f in by_file["000"]}
    finding = by_file["003"][0]
    assert set(finding) == {
        "rule", "name", "family", "severity", "message", "line", "column",
        "end_line", "end_column", "evidence", "related", "fix",
    }  # fmt: skip
    # Byte-identical on a second run.
    again = run_cli(capsys, "check", "--format", "json", *SEED_FILES)[1]
    assert again == out


def test_bad_inputs_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "latin1.txt").write_bytes(b"Prices\n\nThe cost rose to \xa3600m.\n")
    nested = tmp_path / "folder" / "deeper"
    nested.mkdir(parents=True)
    (nested / "a.txt").write_text("Headline\n\nText.\n")
    (nested / "ignored.md").write_text("not a seed by default")
    code, out, err = run_cli(capsys, "check", str(tmp_path))
    assert code == 1 and err == ""
    assert "Traceback" not in out
    root = tmp_path.as_posix()
    assert f"{root}/empty.txt: SC601 [error] File is empty" in out
    assert (
        f"{root}/image.txt: SC501 [error] File looks binary (NUL or control bytes), "
        "not a text seed" in out
    )
    assert (
        f"{root}/latin1.txt:3:18: SC502 [error] File is not valid UTF-8: "
        "1 non-UTF-8 byte (0xA3) here; read as cp1252. Re-save it as UTF-8" in out
    )
    assert f"{root}/folder/deeper/a.txt: SC101" in out
    assert "ignored.md" not in out


def test_include_exclude_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("y")
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "c.txt").write_text("z")
    (tmp_path / "seedcheck.toml").write_text('include = ["*.txt", "*.md"]\nexclude = ["skip/*"]\n')
    _, out, _ = run_cli(
        capsys, "check", "--config", str(tmp_path / "seedcheck.toml"), "-f", "json", str(tmp_path)
    )
    paths = [Path(f["path"]).name for f in json.loads(out)["files"]]
    assert paths == ["a.txt", "b.md"]


def test_missing_path_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", "/no/such/seed.txt")
    assert code == 2
    assert err == "seedcheck: error: no such file or directory: /no/such/seed.txt\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("selekt = ['SC101']\n", "unknown key(s): selekt"),
        ("fail-on = 'fatal'\n", "'fatal' is not a severity"),
        ("select = ['SC999']\n", "unknown rule, prefix or family in select/ignore: 'SC999'"),
        ("[rules.missing-date]\nnope = 1\n", "rules.missing-date: unknown option(s) nope"),
        ("this is not toml", "invalid TOML"),
    ],
)
def test_invalid_config_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str
) -> None:
    config = tmp_path / "seedcheck.toml"
    config.write_text(toml)
    code, _, err = run_cli(capsys, "check", "--config", str(config), SEED_FILES[0])
    assert code == 2
    assert err.startswith("seedcheck: error: ") and message in err
    assert "Traceback" not in err


def test_pyproject_config_and_severity_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.seedcheck]\nselect = ['dates']\n"
        "[tool.seedcheck.severity]\nmissing-date = 'warning'\n"
    )
    (tmp_path / "s.txt").write_text("Headline\n\nBody.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "check", "s.txt")
    assert out.splitlines()[0] == "s.txt: SC101 [warning] No publication date found"
    assert code == 0  # warnings do not fail by default
    code, _, _ = run_cli(capsys, "check", "--fail-on", "warning", "s.txt")
    assert code == 1


def test_ignore_family(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--ignore", "dates", "--select", "SC101", SEED_FILES[2])
    assert code == 0
    assert out == "All clear: 1 file checked, no findings.\n"


def test_rules_list_and_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0 and out.splitlines()[0].startswith("SC101  missing-date")
    code, out, _ = run_cli(capsys, "rules", "SC101")
    assert code == 0
    assert out.startswith("# SC101 missing-date\nfamily: dates  default severity: error")
    assert "## What it does" in out and "## Why it matters" in out and "## Example" in out
    code, _, err = run_cli(capsys, "rules", "SC999")
    assert code == 2 and "unknown rule: SC999" in err


def test_real_subprocess_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Title: A\nDate: 2021-04-07\nURL: https://www.example.com/a\n\nNothing wrong here.\n"
    )
    command = [sys.executable, "-m", "seedcheck", "check", "--select", "SC101,SC201"]
    ok = subprocess.run([*command, str(good)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "All clear: 1 file checked, no findings.\n"
    bad = subprocess.run([*command, SEED_FILES[2]], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "SC101 [error]" in bad.stdout
    usage = subprocess.run(
        [*command, "--format", "yaml", str(good)], capture_output=True, text=True
    )
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_check_does_not_import_great_expectations() -> None:
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "seedcheck", "check", *SEED_FILES],
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 1
    imported = {line.split("|")[-1].strip() for line in probe.stderr.splitlines() if "|" in line}
    assert "seedcheck.cli" in imported  # the probe really ran seedcheck
    assert not any(name.startswith("great_expectations") for name in imported)


def test_typer_runner_and_hostile_file_name(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from seedcheck.cli import app

    hostile = tmp_path / "evil\nseed.txt"
    hostile.write_text("Headline\n\nBody.\n")
    result = CliRunner().invoke(app, ["check", "--select", "SC101", str(hostile)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        lines[0]
        == f"{tmp_path.as_posix()}/evil\\nseed.txt: SC101 [error] No publication date found"
    )
    assert len(lines) == 2


def test_internal_error_says_what_to_set_when_spark_workers_lack_seedcheck() -> None:
    """As a standalone master's executors (or a Connect server) without seedcheck fail."""
    from seedcheck.cli import internal_error

    worker = "PythonException: \nModuleNotFoundError: No module named 'seedcheck'"
    assert "set PYSPARK_PYTHON" in internal_error(RuntimeError(worker))
    assert "PYSPARK_PYTHON" not in internal_error(RuntimeError("something else"))
