"""Temporary git repositories of seed files for the end-to-end tests (real git, subprocess)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Stable rules for the plumbing tests: whatever rules land later, these two decide.
SEEDCHECK_TOML = 'select = ["SC101", "SC201"]\ntoday = "2025-01-01"\n'


def seed(title: str, date: str | None = "7 April 2021", url: bool = True, extra: str = "") -> str:
    """A plausible seed in the header layout; `date=None` leaves the date out."""
    header = [f"Title: {title}"]
    if date is not None:
        header.append(f"Date: {date}")
    if url:
        slug = title.lower().replace(" ", "-")
        header.append(f"URL: https://news.example.com/{slug}")
    body = (
        f"{extra}Officials said on Tuesday that the talks about {title.lower()} would resume "
        "next week after a short pause.\n\n"
        "The ministry declined to give further details, citing the ongoing negotiations.\n"
    )
    return "\n".join(header) + "\n\n" + body


def need_git() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            [
                "git",
                "-c",
                "user.name=Seed Tester",
                "-c",
                "user.email=tester@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.hooksPath=.git/hooks",
                *args,
            ],
            cwd=self.path,
            capture_output=True,
            text=True,
            check=False,
            env=git_env(),
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # Ignore the machine's git config (hooks paths, signing, templates).
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", LC_ALL="C")
    return env


def seedcheck(
    args: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the seedcheck of this checkout as a separate process."""
    full_env = {**git_env(), "NO_COLOR": "1", **(env or {})}
    for key in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        if env is None or key not in env:
            full_env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "seedcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=full_env,
    )
