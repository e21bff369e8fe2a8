"""`seedcheck gate` end to end: real git repositories, the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from seedcheck.reports.formats import FORMATS
from tests.gitrepo import SEEDCHECK_TOML, Repo, need_git, seed, seedcheck

pytestmark = pytest.mark.e2e


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """main: a committed corpus of two clean seeds and one old seed without a date."""
    need_git()
    repo = Repo(tmp_path / "seeds-repo")
    repo.write("seedcheck.toml", SEEDCHECK_TOML)
    repo.write("seeds/alpha.txt", seed("Alpha talks"))
    repo.write("seeds/beta.txt", seed("Beta summit"))
    repo.write("seeds/old_bad.txt", seed("Old story", date=None))
    repo.write("notes/README.md", "Not a seed.\n")
    repo.commit("corpus")
    return repo


def gate(
    repo: Repo, *args: str, env: dict[str, str] | None = None, expectations: bool = False
) -> tuple[int, str, str]:
    """Run the gate against main. The dataset expectations (Great Expectations, seconds per
    run) are off except where a test is about them."""
    flags = ["--base", "main", "--no-cache"] + ([] if expectations else ["--no-expectations"])
    done = seedcheck(["gate", *flags, *args], repo.path, env)
    return done.returncode, done.stdout, done.stderr


def test_clean_seed_passes_and_old_findings_are_not_reported(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "clean")
    repo.write("seeds/gamma.txt", seed("Gamma vote"))
    repo.write("notes/README.md", "Changed, but not a seed.\n")
    repo.commit("add gamma")
    code, out, err = gate(repo)
    assert code == 0, out + err
    assert "Checked 1 changed seed file(s)" in out
    assert "against corpus seeds" in out
    assert "old_bad" not in out  # unchanged files are the corpus, not the change
    assert "Gate passed." in out


def test_flawed_seed_fails_and_is_named(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/gamma.txt", seed("Gamma vote"))
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add two")
    code, out, _ = gate(repo, expectations=True)  # with whatever expectations this build has
    assert code == 1
    assert "seeds/delta.txt: SC101 [error] No publication date found" in out
    assert "gamma.txt:" not in out  # clean files print nothing
    assert "Checked 2 changed seed file(s)" in out
    assert "Gate failed: 1 finding(s)" in out


def test_only_the_change_since_the_merge_base_counts(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("seeds/gamma.txt", seed("Gamma vote"))
    repo.commit("add gamma")
    repo.git("checkout", "-q", "main")
    repo.write("seeds/later_bad.txt", seed("Later", date=None))  # lands on main afterwards
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    code, out, _ = gate(repo)
    assert code == 0, out
    assert "later_bad" not in out


def test_modified_seed_is_checked(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "edit")
    repo.write("seeds/alpha.txt", seed("Alpha talks", date=None))
    repo.commit("drop the date")
    code, out, _ = gate(repo)
    assert code == 1
    assert "seeds/alpha.txt: SC101" in out


def test_rename_is_followed_and_deletion_ignored(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "moves")
    repo.git("mv", "seeds/alpha.txt", "seeds/alpha_renamed.txt")
    repo.git("rm", "-q", "seeds/beta.txt")
    repo.commit("rename alpha, delete beta")
    code, out, _ = gate(repo)
    assert code == 0, out
    assert "Checked 1 changed seed file(s)" in out  # the renamed file; the deleted one is gone

    repo.git("checkout", "-q", "-b", "moves-bad", "main")
    repo.git("mv", "seeds/old_bad.txt", "seeds/old_renamed.txt")
    repo.commit("rename the old flawed seed")
    code, out, _ = gate(repo)
    assert code == 1
    assert "seeds/old_renamed.txt: SC101" in out


def test_only_deletions_pass(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "delete")
    repo.git("rm", "-q", "seeds/old_bad.txt")
    repo.commit("delete")
    code, out, _ = gate(repo)
    assert code == 0
    assert "No seed files added or modified since" in out


def test_baseline_grandfathers_old_findings_across_edits_and_renames(repo: Repo) -> None:
    written = seedcheck(
        ["baseline", "write", "seeds", "--output", "seedcheck-baseline.json", "--no-cache"],
        repo.path,
    )
    assert written.returncode == 0, written.stderr
    data = json.loads((repo.path / "seedcheck-baseline.json").read_text())
    assert [(e["path"], e["rule"]) for e in data["findings"]] == [("seeds/old_bad.txt", "SC101")]
    repo.commit("adopt seedcheck with a baseline")

    # An edit above the known finding (lines shift) and a rename do not resurrect it...
    repo.git("checkout", "-q", "-b", "touch-old")
    old = (repo.path / "seeds/old_bad.txt").read_text()
    repo.write("seeds/old_bad.txt", old.replace("Title:", "Title: Updated:", 1) + "More.\n")
    repo.git("add", "-A")
    repo.git("mv", "seeds/old_bad.txt", "seeds/old_moved.txt")
    repo.commit("edit and move the old seed")
    code, out, _ = gate(repo, "--baseline", "seedcheck-baseline.json")
    assert code == 0, out
    assert "1 finding(s) matched the baseline" in out
    code, out, _ = gate(repo)  # ...while without the baseline the gate still sees it
    assert code == 1

    # ...but a new flawed seed still fails.
    repo.write("seeds/new_bad.txt", seed("New story", date=None))
    repo.commit("add a new flawed seed")
    code, out, _ = gate(repo, "--baseline", "seedcheck-baseline.json")
    assert code == 1
    assert "seeds/new_bad.txt: SC101" in out
    assert "old_moved" not in out.split("Checked", 1)[1].split("\n", 1)[1]


def test_policy_options(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add")
    assert gate(repo, "--fail-on-family", "dates=off")[0] == 0
    repo.write("seedcheck.toml", SEEDCHECK_TOML + 'fail-on-family = { dates = "off" }\n')
    assert gate(repo)[0] == 0
    assert gate(repo, "--fail-on-family", "dates=error")[0] == 1  # the command line wins
    code, _, err = gate(repo, "--fail-on-family", "dates")
    assert code == 2 and "FAMILY=SEVERITY" in err


def test_usage_errors_exit_2(repo: Repo, tmp_path: Path) -> None:
    code, _, err = gate(repo, "--base", "no-such-branch")
    assert code == 2
    assert "unknown git revision: 'no-such-branch'" in err
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    done = seedcheck(
        ["gate", "--base", "main", "--no-cache"],
        outside,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)},
    )
    assert done.returncode == 2
    assert "not inside a git repository" in done.stderr


def test_machine_outputs(repo: Repo, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add")
    out_json = tmp_path / "out" / "gate.json"
    code, _, _ = gate(repo, "--json", str(out_json))
    assert code == 1
    data = json.loads(out_json.read_text())
    assert [f["path"] for f in data["files"]] == ["seeds/delta.txt"]
    assert data["files"][0]["findings"][0]["rule"] == "SC101"

    missing = [name for name in ("sarif", "junit", "markdown") if name not in FORMATS]
    if missing:
        pytest.skip(f"formats not registered in this build (yet): {', '.join(missing)}")
    sarif, junit, summary = tmp_path / "g.sarif", tmp_path / "g.xml", tmp_path / "g.md"
    step_summary = tmp_path / "step-summary.md"
    step_summary.write_text("earlier step\n")
    code, _, _ = gate(
        repo,
        "--sarif",
        str(sarif),
        "--junit",
        str(junit),
        "--summary",
        str(summary),
        env={"GITHUB_STEP_SUMMARY": str(step_summary)},
    )
    assert code == 1
    log = json.loads(sarif.read_text())
    assert log["version"] == "2.1.0"
    assert "seeds/delta.txt" in json.dumps(log["runs"][0]["results"])
    assert "SC101" in junit.read_text()
    assert "delta.txt" in summary.read_text()
    assert step_summary.read_text().startswith("earlier step\n**seedcheck gate**: Checked 1")


def test_in_github_actions(repo: Repo, tmp_path: Path) -> None:
    """Actions' environment never breaks the gate, whichever formats this build has."""
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add")
    step_summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)}
    code, out, err = gate(repo, env=env)
    assert code == 1, err
    assert "seeds/delta.txt: SC101" in out
    assert "error" not in err
    if "markdown" in FORMATS:
        assert "delta.txt" in step_summary.read_text()


def test_github_annotations_when_in_actions(repo: Repo) -> None:
    if "github" not in FORMATS:
        pytest.skip("the github format is not registered in this build (yet)")
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add")
    code, out, _ = gate(repo, env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert any(line.startswith("::error") and "delta.txt" in line for line in out.splitlines())


def test_tracked_cache_folder_is_not_trusted(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "forged")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.write(".seedcheck_cache/ab/forged.json", "{}")
    repo.git("add", "-f", "-A")
    repo.git("commit", "-q", "-m", "a change that ships a cache")
    done = seedcheck(
        ["gate", "--base", "main"],
        repo.path,
        env={"SEEDCHECK_CACHE_DIR": os.path.join(repo.path, ".seedcheck_cache")},
    )
    assert done.returncode == 1
    assert "tracked by git; not using it" in done.stderr


def test_summary_verdict_follows_the_policy(repo: Repo, tmp_path: Path) -> None:
    if "markdown" not in FORMATS:
        pytest.skip("the markdown format is not registered in this build (yet)")
    repo.git("checkout", "-q", "-b", "flawed")
    repo.write("seeds/delta.txt", seed("Delta strike", date=None))
    repo.commit("add")
    summary = tmp_path / "s.md"
    code, _, _ = gate(repo, "--summary", str(summary), "--fail-on-family", "dates=off")
    assert code == 0
    assert "passed" in summary.read_text() and "failed" not in summary.read_text()
