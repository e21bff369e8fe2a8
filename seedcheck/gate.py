"""The CI gate: check what a change adds or modifies, against the corpus after the change.

1. git: the merge base of `--base` and HEAD, then the seed files added, modified, renamed or
   copied since (deletions ignored; include/exclude globs applied);
2. every per-document rule on those files; the cross-file rules between them and the corpus
   (the folders holding them, or `--corpus`); the dataset expectations if this build has them;
3. the baseline (known findings, matched by file, rule and evidence; renames followed);
4. the policy (`fail-on`, per-family thresholds) decides the exit code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from seedcheck.baseline import Baseline
from seedcheck.cache import FindingCache
from seedcheck.config import Config
from seedcheck.discovery import matches
from seedcheck.gitdiff import Change, changed_files, git, merge_base, repo_root
from seedcheck.model import FileResult, Finding
from seedcheck.policy import failing
from seedcheck.runner import RunResult, run


@dataclass
class GateOutcome:
    result: RunResult  # findings that count (baselined ones removed)
    base: str  # the merge-base commit
    changes: list[Change]  # every added/modified/renamed file, seed or not
    targets: list[str]  # the seed files checked, relative to the working folder
    corpus: list[str]
    baselined: int = 0
    notes: list[str] = field(default_factory=list)

    def failing(self) -> list[tuple[str, Finding]]:
        return failing(self.result.findings(), self.result.config)


def run_gate(
    base_ref: str,
    config: Config,
    corpus: Sequence[str] = (),
    baseline: Baseline | None = None,
    cache: FindingCache | None = None,
    expectations: bool = True,
    cwd: Path | None = None,
    jobs: int = 1,
) -> GateOutcome:
    cwd = (cwd or Path.cwd()).resolve()
    root = repo_root(cwd)
    base = merge_base(base_ref, cwd)
    changes = changed_files(base, cwd)
    notes: list[str] = []
    if cache is not None and _tracked(cache.root, cwd):
        # A change could commit forged entries that hide its own findings.
        notes.append(f"cache folder {cache.root} is tracked by git; not using it")
        cache = None

    targets: list[str] = []
    renamed: dict[str, str] = {}
    for change in changes:
        if not matches(change.path, config.include) or matches(change.path, config.exclude):
            continue
        local = _local(root / change.path, cwd)
        if not (cwd / local).is_file():
            continue
        targets.append(local)
        if change.status == "R" and change.old_path is not None:
            renamed[local] = _local(root / change.old_path, cwd)
    corpus_paths = list(corpus) or sorted({os.path.dirname(t) or "." for t in targets})

    # Paths are relative to `cwd`; the runner reads them from the process's working folder.
    with contextlib.chdir(cwd):
        result = run(
            targets, config, corpus=corpus_paths if targets else (), cache=cache, jobs=jobs
        )
        if targets and expectations:
            by_path = {r.path: r for r in result.files}
            extras = _expectation_results(corpus_paths, targets, config, notes, cache, jobs)
            for extra in extras:
                if extra.path in by_path:
                    by_path[extra.path].findings.extend(extra.findings)
                    by_path[extra.path].findings.sort(key=Finding.sort_key)
                else:
                    result.files.append(extra)
    baselined = 0
    if baseline is not None:
        files, baselined = baseline.filter(result.files, renamed)
        result = replace(result, files=files)
    return GateOutcome(result, base, changes, targets, corpus_paths, baselined, notes)


def run_expectations_hook(corpus_result: RunResult, config: Config) -> bool:
    """The single call site of the dataset expectations. The runner, when this build has one,
    adds its findings to `corpus_result.files` (or returns them); False when there is none."""
    runner = _expectations_runner()
    if runner is None:
        return False
    returned = runner(corpus_result, config)
    if isinstance(returned, list | tuple):
        by_path = {r.path: r for r in corpus_result.files}
        for path, finding in _pairs(returned):
            if path not in by_path:
                by_path[path] = FileResult(path)
                corpus_result.files.append(by_path[path])
            by_path[path].findings.append(finding)
    return True


def _expectations_runner() -> Callable[[RunResult, Config], Any] | None:
    import importlib

    for module in ("seedcheck.expectations.gx", "seedcheck.expectations"):
        try:
            found = getattr(importlib.import_module(module), "run_expectations", None)
        except ImportError:
            continue
        if callable(found):
            return cast(Callable[[RunResult, Config], Any], found)
    return None


def _expectation_results(
    corpus: Sequence[str],
    targets: Sequence[str],
    config: Config,
    notes: list[str],
    cache: FindingCache | None = None,
    jobs: int = 1,
) -> list[FileResult]:
    """Expectation findings on the changed files, and dataset-level ones (on no single file
    of the corpus); findings on unchanged files are the corpus's history, not this change's."""
    if _expectations_runner() is None:
        notes.append("dataset expectations are not available in this build; skipped")
        return []
    # The corpus after the change, checked with the rules (cached per file): the expectations
    # skip rows that a rule already reported, so they must see the rules' findings.
    corpus_result = run(corpus, config, cache=cache, jobs=jobs)
    corpus_files = {r.path for r in corpus_result.files}
    before = Counter(corpus_result.findings())
    run_expectations_hook(corpus_result, config)
    added = Counter(corpus_result.findings()) - before
    by_path: dict[str, list[Finding]] = {}
    for (path, finding), count in added.items():
        by_path.setdefault(path, []).extend([finding] * count)
    wanted = set(targets)
    return [
        FileResult(path, sorted(by_path[path], key=Finding.sort_key))
        for path in sorted(by_path)
        if path in wanted or path not in corpus_files
    ]


def _pairs(returned: Iterable[Any]) -> Iterable[tuple[str, Finding]]:
    """(path, Finding) pairs from FileResults or pairs."""
    for item in returned:
        if isinstance(item, FileResult):
            for finding in item.findings:
                yield item.path, finding
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Finding):
            yield str(item[0]), item[1]
        else:
            raise TypeError(f"unexpected expectation result: {item!r}")


def _local(path: Path, cwd: Path) -> str:
    return Path(os.path.relpath(path, cwd)).as_posix()


def _tracked(folder: Path, cwd: Path) -> bool:
    try:
        return bool(git(["ls-files", "--", str(folder.resolve())], cwd).strip())
    except Exception:
        return False


def warn(message: str) -> None:
    sys.stderr.write(f"seedcheck: {message}\n")
