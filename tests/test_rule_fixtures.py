"""Rule test cases are data (sqlfluff style).

For each rule, `tests/fixtures/rules/<CODE>/` holds `fail_*` and `pass_*` cases. A case is a
seed file (`fail_x.txt`) or, for corpus rules, a folder of seed files (`fail_x/`). Beside a
fail case, `fail_x.expected` lists the rule's findings, one per line, as
`[file:]line:col: CODE [severity] message` (file-level findings have no line:col; the file
is named only for folder cases). A pass case must produce no finding of the rule. An optional
`seedcheck.toml` in the rule's folder configures every case of that rule.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from seedcheck.checks.registry import RULES
from seedcheck.config import Config, load_config
from seedcheck.rules import DOC_SECTIONS
from seedcheck.runner import run
from tests.conftest import FIXED_TODAY, FIXTURES

RULE_FIXTURES = FIXTURES / "rules"


def _cases() -> list[tuple[str, Path]]:
    cases = []
    for rule in RULES:
        folder = RULE_FIXTURES / rule.code
        if folder.is_dir():
            for case in sorted(folder.iterdir()):
                if case.name.startswith(("fail_", "pass_")) and case.suffix != ".expected":
                    cases.append((rule.code, case))
    return cases


def _config(code: str) -> Config:
    folder = RULE_FIXTURES / code
    toml = folder / "seedcheck.toml"
    config = load_config(toml) if toml.is_file() else Config()
    return dataclasses.replace(
        config, select=(code,), today=config.today or FIXED_TODAY, include=("*.txt", "*.md")
    )


def render_case(code: str, case: Path) -> list[str]:
    result = run([str(case)], _config(code))
    lines = []
    for result_file in result.files:
        name = Path(result_file.path).relative_to(case).as_posix() if case.is_dir() else ""
        for f in result_file.findings:
            where = f"{f.line}:{f.column}: " if f.line is not None else ""
            prefix = f"{name}:" if name else ""
            if prefix and not where:
                prefix += " "
            lines.append(f"{prefix}{where}{f.rule} [{f.severity.value}] {f.message}")
    return lines


@pytest.mark.parametrize(("code", "case"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_rule_case(code: str, case: Path) -> None:
    found = render_case(code, case)
    if case.name.startswith("pass_"):
        assert found == [], f"{case.name} should be clean for {code}"
        return
    expected_file = case.with_name(case.name.removesuffix(case.suffix) + ".expected")
    if case.is_dir():
        expected_file = case.with_name(case.name + ".expected")
    assert expected_file.is_file(), f"missing {expected_file.name} beside {case.name}"
    expected = [ln for ln in expected_file.read_text("utf-8").splitlines() if ln.strip()]
    assert found, f"{case.name} should produce findings for {code}"
    assert found == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_docs_and_fixtures(rule: type) -> None:
    docs = rule.docs()
    for section in DOC_SECTIONS:
        assert f"## {section}" in docs, f"{rule.code} docstring lacks '## {section}'"
    if getattr(rule, "structural", False):
        # Invariants of the tables seedcheck builds (types, identity columns, positions): no
        # seed text breaks them; tests/test_expectations_schema.py covers them on generated
        # tables and checks that every structural code is produced there.
        return
    folder = RULE_FIXTURES / rule.code
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    assert any(n.startswith("fail_") for n in names), f"{rule.code} has no fail_ fixture"
    assert any(n.startswith("pass_") for n in names), f"{rule.code} has no pass_ fixture"
