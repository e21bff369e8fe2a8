"""What a change touched, asked of git itself (subprocess; no git library needed).

The gate compares the merge base of `--base` and HEAD with HEAD, so a pull request is judged
by what it adds, whatever else happened on the base branch since it forked. Uncommitted
changes are not part of a change: commit them first.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from seedcheck.config import ConfigError


class GitError(ConfigError):
    """git is missing, this is not a repository, or a revision is unknown (exit 2)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One file the change adds or modifies. `old_path` is set for renames and copies."""

    status: str  # A, M, R, C or T (type change)
    path: str  # relative to the repository root, / separated
    old_path: str | None = None


def git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            # Paths come back raw (no octal quoting) and messages in English for our errors.
            env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        raise GitError(f"`git {' '.join(args)}` failed: {detail}")
    return done.stdout.decode("utf-8", "surrogateescape")


def repo_root(cwd: Path) -> Path:
    try:
        return Path(git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        raise GitError(f"not inside a git repository: {cwd}") from None


def merge_base(ref: str, cwd: Path) -> str:
    """The commit where HEAD forked from `ref` (an unknown ref is a usage error)."""
    repo_root(cwd)
    if ref.startswith("-"):
        raise GitError(f"not a git revision: {ref!r}")
    try:
        git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(
            f"unknown git revision: {ref!r} (in CI, fetch it first, e.g. "
            "`git fetch origin main` or actions/checkout with fetch-depth: 0)"
        ) from None
    try:
        return git(["merge-base", ref, "HEAD"], cwd).strip()
    except GitError:
        raise GitError(
            f"no common ancestor between {ref!r} and HEAD (a shallow clone? fetch more history)"
        ) from None


def changed_files(base: str, cwd: Path) -> list[Change]:
    """Files added, modified, renamed or copied between `base` and HEAD; deletions are left out."""
    out = git(["diff", "--name-status", "-M", "-z", "--no-color", base, "HEAD", "--"], cwd)
    fields = out.split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":  # R100\0old\0new
            changes.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
            continue
        if status in "AMT":
            changes.append(Change(status, fields[i + 1]))
        i += 2  # D (deleted), U (unmerged), X: nothing to check
    return sorted(changes, key=lambda c: c.path)
