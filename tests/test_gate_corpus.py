"""The gate's wiring: changed seeds against the whole corpus, and the expectations call site."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import seedcheck.checks.registry as registry
from seedcheck.config import parse_config
from seedcheck.gate import run_gate
from seedcheck.model import Family, FileResult, Finding, Severity
from seedcheck.runner import RunResult
from tests.corpus_rule import SameTitle
from tests.gitrepo import Repo, need_git, seed

CONFIG = parse_config({"select": ["SC101", "SC698"], "today": "2025-01-01"})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    need_git()
    monkeypatch.setattr(registry, "RULES", (*registry.RULES, SameTitle))
    repo = Repo(tmp_path / "r")
    repo.write("seeds/old/a.txt", seed("Budget vote"))
    repo.write("seeds/old/b.txt", seed("Port strike"))
    repo.commit("corpus")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def test_a_changed_seed_is_compared_with_the_unchanged_corpus(repo: Repo) -> None:
    repo.write("seeds/new/c.txt", seed("Budget vote", extra="Reworded. "))
    repo.commit("c repeats a's title")
    # Default corpus: the changed seed's own folder, which holds no other seed.
    outcome = run_gate("main", CONFIG, cwd=repo.path)
    assert outcome.corpus == ["seeds/new"]
    assert not list(outcome.result.findings())
    outcome = run_gate("main", CONFIG, corpus=["seeds"], cwd=repo.path)
    [(path, finding)] = list(outcome.result.findings())
    assert path == "seeds/new/c.txt" and finding.rule == "SC698"
    assert [r.path for r in finding.related] == ["seeds/old/a.txt"]
    # Findings on unchanged files (a.txt has the same title) are not the change's.
    assert [r.path for r in outcome.result.files] == ["seeds/new/c.txt"]


def _fake_expectations(monkeypatch: pytest.MonkeyPatch, mutate: bool) -> dict[str, list[str]]:
    """A stand-in for the expectations stage, in either style: adding findings to the
    result's files (as seedcheck.expectations.gx does) or returning them."""
    seen: dict[str, list[str]] = {}
    finding = Finding("SC701", "x", Family.SCHEMA, Severity.ERROR, "m")

    def run_expectations(result: RunResult, config: object) -> object:
        seen["corpus"] = sorted(result.documents)
        # On a changed file, on an unchanged one, and on the dataset as a whole.
        placed = [FileResult(p, [finding]) for p in ("seeds/old/c.txt", "seeds/old/a.txt")]
        if not mutate:
            return [*placed, FileResult("seeds", [finding])]
        by_path = {r.path: r for r in result.files}
        for extra in placed:
            by_path[extra.path].findings.extend(extra.findings)
        return {"success": False}

    fake = types.ModuleType("seedcheck.expectations.gx")
    fake.run_expectations = run_expectations  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "seedcheck.expectations.gx", fake)
    return seen


@pytest.mark.parametrize("mutate", [True, False])
def test_expectations_call_site(repo: Repo, monkeypatch: pytest.MonkeyPatch, mutate: bool) -> None:
    repo.write("seeds/old/c.txt", seed("New one"))
    repo.commit("c")
    seen = _fake_expectations(monkeypatch, mutate)
    outcome = run_gate("main", CONFIG, cwd=repo.path)
    assert seen["corpus"] == ["seeds/old/a.txt", "seeds/old/b.txt", "seeds/old/c.txt"]
    expected = [("seeds/old/c.txt", "SC701")] + ([] if mutate else [("seeds", "SC701")])
    assert [(p, f.rule) for p, f in outcome.result.findings()] == expected
    outcome = run_gate("main", CONFIG, cwd=repo.path, expectations=False)
    assert not list(outcome.result.findings())
