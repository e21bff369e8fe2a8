"""The findings cache: reused across runs, invalidated by any input, never changes results."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from seedcheck.cache import FindingCache
from seedcheck.checks.registry import RULES
from seedcheck.config import Config
from seedcheck.model import Severity
from seedcheck.reports.json_output import render_json
from seedcheck.runner import run
from tests.conftest import FIXED_TODAY, FIXTURES, SEEDS
from tests.corpus_rule import SameTitle
from tests.gitrepo import seed, seedcheck

CONFIG = Config(today=FIXED_TODAY)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Real seeds, every rule fixture (binary, Latin-1, empty files...) and a duplicate title."""
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "seeds")
    for case in sorted((FIXTURES / "rules").glob("*/*.txt")):
        shutil.copy(case, root / f"{case.parent.name}_{case.name}")
    (root / "dup1.txt").write_text(seed("Same title"))
    (root / "dup2.txt").write_text(seed("Same title", extra="Other words. "))
    return root


def json_of(paths: list[str], cache: FindingCache | None, rules: tuple = RULES) -> str:
    return render_json(run(paths, CONFIG, all_rules=rules, cache=cache))


def test_cached_output_is_byte_identical(corpus: Path, tmp_path: Path) -> None:
    rules = (*RULES, SameTitle)
    uncached = json_of([str(corpus)], None, rules)
    cache = FindingCache(tmp_path / "cache")
    first = json_of([str(corpus)], cache, rules)
    assert cache.hits == 0 and cache.misses > 0
    warm = FindingCache(tmp_path / "cache")
    SameTitle.calls = 0
    second = json_of([str(corpus)], warm, rules)
    assert warm.misses == 0 and warm.hits == len(list(corpus.rglob("*.txt"))) + 1
    assert SameTitle.calls == 0  # the corpus rule's result came from the cache too
    assert uncached == first == second
    assert '"rule": "SC698"' in uncached  # the corpus rule did find something


def test_cli_output_is_byte_identical(corpus: Path, tmp_path: Path) -> None:
    args = ["check", "--format", "json", str(corpus), "--cache-dir", str(tmp_path / "c")]
    runs = [seedcheck(args, tmp_path) for _ in range(2)]
    runs.append(seedcheck([*args, "--no-cache"], tmp_path))
    assert {r.returncode for r in runs} == {1}
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert (tmp_path / "c" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / "c" / ".gitignore").read_text().endswith("*\n")


def test_a_changed_file_is_rechecked(corpus: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    rules = (*RULES, SameTitle)
    json_of([str(corpus)], FindingCache(cache_dir), rules)
    target = corpus / "seeds" / "000_0e4e21fef0fe375a.txt"
    target.write_text(target.read_text().replace("April 06, 2021", "the other day"))
    cache = FindingCache(cache_dir)
    assert json_of([str(corpus)], cache, rules) == json_of([str(corpus)], None, rules)
    # The changed file's entry, and the corpus rules' entry (they depend on every file).
    assert cache.misses == 2


def test_settings_are_part_of_the_key(corpus: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    json_of([str(corpus)], FindingCache(cache_dir))
    for changed in (
        dataclasses.replace(CONFIG, today=FIXED_TODAY.replace(year=2030)),
        dataclasses.replace(CONFIG, severity={"SC101": Severity.WARNING}),
        dataclasses.replace(CONFIG, select=("SC101",)),
    ):
        cache = FindingCache(cache_dir)
        cached = render_json(run([str(corpus)], changed, cache=cache))
        assert cache.hits == 0
        assert cached == render_json(run([str(corpus)], changed))


def test_corrupt_entries_are_ignored(corpus: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected = json_of([str(corpus)], FindingCache(cache_dir))
    entries = sorted(cache_dir.glob("*/*.json"))
    assert entries
    garbage = [b"", b"{", b'{"v": 1}', b"\xff\xfe", b'{"v": 1, "key": "x", "files": {}}']
    for i, entry in enumerate(entries):
        entry.write_bytes(garbage[i % len(garbage)])
    cache = FindingCache(cache_dir)
    assert json_of([str(corpus)], cache) == expected
    assert cache.hits == 0
    # ...and the entries were rewritten, so the next run hits.
    again = FindingCache(cache_dir)
    assert json_of([str(corpus)], again) == expected and again.misses == 0


def test_unwritable_cache_is_not_an_error(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert json_of([str(corpus)], FindingCache(blocker / "cache")) == json_of([str(corpus)], None)


def test_cache_with_worker_processes(corpus: Path, tmp_path: Path) -> None:
    for i in range(70):  # enough files for the process pool to start
        (corpus / f"extra_{i:02}.txt").write_text(
            seed(f"Story {i}", date=None if i % 3 else "1 May 2021")
        )
    paths = [str(corpus)]
    expected = render_json(run(paths, CONFIG, all_rules=(*RULES, SameTitle)))
    for _ in range(2):  # cold, then warm
        cache = FindingCache(tmp_path / "cache")
        got = render_json(run(paths, CONFIG, all_rules=(*RULES, SameTitle), jobs=2, cache=cache))
        assert got == expected
    assert cache.misses == 0


def test_rules_of_other_kinds_bypass_the_cache(corpus: Path, tmp_path: Path) -> None:
    """A rule that is neither per-document nor a corpus rule (a stage over every file's data)
    would miss the files the cache skips: the cache steps aside rather than change results."""
    from seedcheck.rules import Rule

    class TableRule(Rule):
        code = "SC797"
        name = "test-table-rule"
        family = SameTitle.family
        severity = SameTitle.severity

    cache = FindingCache(tmp_path / "cache")
    run([str(corpus)], CONFIG, all_rules=(*RULES, TableRule), cache=cache)
    assert cache.hits == cache.misses == 0
    assert not (tmp_path / "cache").exists()
