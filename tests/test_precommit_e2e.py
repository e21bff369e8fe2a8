"""The pre-commit hook end to end: the real `pre-commit` installs this checkout as a remote
hook repository (`repo:` + `rev:`), and real `git commit`s are accepted or rejected.

pre-commit clones a hook repository at a committed revision, so the test snapshots this
checkout (tracked and untracked-but-not-ignored files, uncommitted edits included) into a
commit whose id depends only on the content. With PRE_COMMIT_HOME kept between runs
($SEEDCHECK_E2E_CACHE, default ~/.cache/seedcheck-e2e), pre-commit builds the hook's
virtualenv (pip install from PyPI) once per content, not once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.gitrepo import SEEDCHECK_TOML, Repo, git_env, need_git, seed

pytestmark = pytest.mark.e2e

FIXED_DATE = "2000-01-01T00:00:00+0000"
# Not part of what the hook installs: editing them must not force a new hook environment.
SKIP = ("tests/", "docs/", "benchmarks/", ".github/")


def e2e_cache() -> Path:
    default = Path.home() / ".cache" / "seedcheck-e2e"
    return Path(os.environ.get("SEEDCHECK_E2E_CACHE") or default)


def _git(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env or git_env()
    )
    assert done.returncode == 0, f"git {args}: {done.stderr}"
    return done.stdout


def snapshot_checkout(dest: Path) -> str:
    """Commit the checkout's package files into `dest` (a git repo); return the commit id."""
    if not (ROOT / ".git").exists():
        pytest.skip("the checkout is not a git repository")
    listed = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    files = sorted(
        f
        for f in set(listed.split("\0"))
        if f and not f.startswith(SKIP) and ((ROOT / f).is_file() or (ROOT / f).is_symlink())
    )
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _git(["init", "-q", "-b", "main"], dest)
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():  # seedcheck/checks -> ../checks and the like
            os.symlink(os.readlink(ROOT / name), target)
        else:
            shutil.copy2(ROOT / name, target)
    _git(["add", "-A"], dest)
    tree = _git(["write-tree"], dest).strip()
    env = {
        **git_env(),
        "GIT_AUTHOR_NAME": "snapshot",
        "GIT_AUTHOR_EMAIL": "snapshot@example.com",
        "GIT_COMMITTER_NAME": "snapshot",
        "GIT_COMMITTER_EMAIL": "snapshot@example.com",
        "GIT_AUTHOR_DATE": FIXED_DATE,
        "GIT_COMMITTER_DATE": FIXED_DATE,
    }
    commit = _git(["commit-tree", tree, "-m", "snapshot"], dest, env).strip()
    _git(["update-ref", "refs/heads/main", commit], dest)
    _git(["reset", "-q", "--hard", commit], dest)
    return commit


@pytest.fixture(scope="module")
def hook_repo() -> tuple[Path, str]:
    need_git()
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed")
    source = e2e_cache() / "hook-source"
    # Drop the environments of earlier snapshots (about 0.5 GB each).
    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=pre_commit_env(), check=False,
                   capture_output=True)  # fmt: skip
    return source, snapshot_checkout(source)


def pre_commit_env() -> dict[str, str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(e2e_cache() / "pre-commit")
    env.pop("SEEDCHECK_CACHE_DIR", None)
    return env


def commit(repo: Repo, message: str) -> tuple[int, str]:
    """Exit code and output (git shows the hook's output on stderr)."""
    done = subprocess.run(
        ["git", "-c", "user.name=Seed Tester", "-c", "user.email=tester@example.com",
         "-c", "commit.gpgsign=false", "commit", "-m", message],
        cwd=repo.path, capture_output=True, text=True, env=pre_commit_env(), timeout=1800,
    )  # fmt: skip
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def seed_repo(tmp_path: Path, hook_repo: tuple[Path, str]) -> Repo:
    """A seed repository set up as docs/usage-hooks-and-gate.md says."""
    source, rev = hook_repo
    repo = Repo(tmp_path / "seed-repo")
    repo.write(
        ".pre-commit-config.yaml",
        "repos:\n"
        f"  - repo: {source.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: seedcheck\n"
        "        files: ^seeds/.*\\.txt$\n"
        "        args: [--corpus, seeds/]\n",
    )
    repo.write("seedcheck.toml", SEEDCHECK_TOML)
    repo.write("seeds/alpha.txt", seed("Alpha talks"))
    shutil.copy(SEEDS / "000_0e4e21fef0fe375a.txt", repo.path / "seeds" / "000.txt")
    repo.commit("corpus and hook config (no hook installed yet)")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo.path, capture_output=True, text=True, env=pre_commit_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return repo


def test_bad_seed_is_rejected_and_good_seed_accepted(seed_repo: Repo) -> None:
    seed_repo.write("seeds/beta.txt", seed("Beta summit"))
    seed_repo.write("notes.txt", "Outside seeds/: the hook's files: pattern skips it.\n")
    seed_repo.git("add", "-A")
    code, output = commit(seed_repo, "a good seed")
    assert code == 0, output
    assert "seedcheck...." in output and "Passed" in output

    seed_repo.write("seeds/gamma.txt", seed("Gamma vote", date=None))
    seed_repo.git("add", "seeds/gamma.txt")
    code, output = commit(seed_repo, "a seed without a date")
    assert code != 0, output
    assert "Failed" in output
    assert "seeds/gamma.txt: SC101 [error] No publication date found" in output
    # Rejected: the commit did not happen.
    log = seed_repo.git("log", "--format=%s")
    assert "a seed without a date" not in log
    # Only the staged seed is reported, not the committed corpus given with --corpus.
    assert "alpha.txt" not in output and "000.txt" not in output
    # The hook's cache folder ignores itself: nothing new to commit but the rejected seed.
    assert seed_repo.git("status", "--porcelain").splitlines() == ["A  seeds/gamma.txt"]
