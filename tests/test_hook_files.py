"""The files users copy: the hook manifest (validated by pre-commit itself) and the workflow."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    [hook] = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "seedcheck"
    assert hook["entry"] == "seedcheck check"
    assert hook["language"] == "python"
    assert hook["types"] == ["text"]
    assert re.search(hook["files"], "seeds/a.txt") and not re.search(hook["files"], "a.md")
    assert hook["require_serial"] is True  # cross-file rules see every staged seed at once


def test_example_workflow_runs_the_gate_and_uploads_sarif() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the merge base must be in the clone
    gate = next(s for s in steps if "seedcheck gate" in s.get("run", ""))
    assert "--sarif seedcheck.sarif" in gate["run"]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "seedcheck.sarif"
    assert workflow["permissions"]["security-events"] == "write"
