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


def test_expectations_call_site(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("seeds/old/c.txt", seed("New one"))
    repo.commit("c")
    seen: dict[str, list[str]] = {}

    def run_expectations(result: object, config: object) -> list[FileResult]:
        seen["corpus"] = sorted(result.documents)  # type: ignore[attr-defined]
        finding = Finding("SC701", "x", Family.SCHEMA, Severity.ERROR, "m")
        # On a changed file, on an unchanged one, and on the dataset as a whole.
        return [FileResult(p, [finding]) for p in ("seeds/old/c.txt", "seeds/old/a.txt", "seeds")]

    fake = types.ModuleType("seedcheck.expectations")
    fake.run_expectations = run_expectations  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "seedcheck.expectations", fake)
    outcome = run_gate("main", CONFIG, cwd=repo.path)
    assert seen["corpus"] == ["seeds/old/a.txt", "seeds/old/b.txt", "seeds/old/c.txt"]
    assert [(p, f.rule) for p, f in outcome.result.findings()] == [
        ("seeds/old/c.txt", "SC701"),
        ("seeds", "SC701"),
    ]
    assert (
        run_gate("main", CONFIG, cwd=repo.path, expectations=False).result.files[0].findings == []
    )
