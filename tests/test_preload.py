"""The schema helper forked as the command starts (seedcheck.preload): same findings as the
stage in-process, whatever happens to the helper, and no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seedcheck import preload
from seedcheck.config import Config
from seedcheck.runner import DocumentStage, _schema_stage, _SchemaJob, run
from tests.conftest import FIXED_TODAY
from tests.test_runner import make_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def stage_args(tmp_path: Path) -> tuple[Any, ...]:
    """The schema stage's arguments for the seeds twice over (SC706: same content)."""
    from seedcheck.checks.registry import RULES

    make_corpus(tmp_path, 2)
    config = Config(today=FIXED_TODAY)
    rows = run([str(tmp_path)], config, tables=True).table_rows or []
    rules = [r for r in RULES if r.kind() == "schema"]
    return rows, rules, DocumentStage(config, rules).contexts, config


@pytest.fixture(autouse=True)
def no_helper_left() -> Iterator[None]:
    yield
    preload.discard()


def _gone(pid: int) -> bool:
    """Whether the process has exited (a zombie not yet reaped by its new parent counts)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_the_helper_gives_the_findings_of_the_stage_in_process(stage_args: Any) -> None:
    here = _schema_stage(*stage_args)
    helper = preload.fork_helper()
    assert helper is not None and helper.submit(stage_args)
    assert helper.result() == here
    assert any(finding.rule == "SC706" for _, finding in here)
    assert helper.pid == 0  # used once, then stopped


def test_the_schema_job_uses_the_started_helper(stage_args: Any) -> None:
    preload._helper = preload.fork_helper()
    job = _SchemaJob(*stage_args, overlap=False)
    assert job._helper is not None and preload._helper is None
    pid = job._helper.pid
    assert job.result() == _schema_stage(*stage_args)
    assert _gone(pid)


@pytest.mark.parametrize("when", ["before submitting", "after submitting"])
def test_a_killed_helper_leaves_the_stage_to_the_run(stage_args: Any, when: str) -> None:
    here = _schema_stage(*stage_args)
    helper = preload.fork_helper()
    assert helper is not None
    if when == "after submitting":
        assert helper.submit(stage_args)
    os.kill(helper.pid, signal.SIGKILL)
    preload._helper = helper
    assert _SchemaJob(*stage_args, overlap=False).result() == here


def test_a_run_without_schema_rules_stops_the_helper(tmp_path: Path) -> None:
    make_corpus(tmp_path, 1)
    helper = preload.fork_helper()
    assert helper is not None
    preload._helper = helper
    pid = helper.pid
    run([str(tmp_path)], Config(today=FIXED_TODAY, select=("SC1",)))
    assert preload._helper is None and helper.pid == 0 and _gone(pid)


def test_a_parallel_run_validates_in_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the workers the helper imports at a low priority, and it validates the tables
    while this process runs the cross-file stage: the same findings, none computed here."""
    make_corpus(tmp_path, 22)  # 68 files: a parallel run
    config = Config(today=FIXED_TODAY)
    alone = run([str(tmp_path)], config, jobs=2)
    helper = preload.fork_helper()
    assert helper is not None
    preload._helper = helper

    def not_here(*args: Any) -> Any:
        raise AssertionError("the schema stage ran in the driver")

    monkeypatch.setattr("seedcheck.runner._schema_stage", not_here)
    helped = run([str(tmp_path)], config, jobs=2)
    assert preload._helper is None and helper.pid == 0
    assert [r.findings for r in helped.files] == [r.findings for r in alone.files]
    assert any(f.rule.startswith("SC7") for _, f in helped.findings())


def test_a_run_above_the_overlap_bound_stops_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its copy of the tables would compete with the cross-file stage for memory."""
    make_corpus(tmp_path, 2)
    monkeypatch.setattr("seedcheck.runner._OVERLAP_MAX_DOCUMENTS", 3)
    helper = preload.fork_helper()
    assert helper is not None
    preload._helper = helper
    pid = helper.pid
    run([str(tmp_path)], Config(today=FIXED_TODAY))
    assert preload._helper is None and helper.pid == 0 and _gone(pid)


def test_submitting_does_not_wait_for_a_helper_that_is_not_reading(tmp_path: Path) -> None:
    """A helper still importing reads nothing: the tables (more than a pipe holds) are
    written from a thread, and stopping the helper ends that write."""
    reader, writer = os.pipe()
    replies, unused = os.pipe()
    busy = subprocess.Popen(["sleep", "60"], pass_fds=(reader,))  # holds the read end
    os.close(reader)
    helper = preload.SchemaHelper(busy.pid, writer, replies)
    submitted: list[bool] = []
    caller = threading.Thread(target=lambda: submitted.append(helper.submit(("x" * 2**22,))))
    caller.start()
    caller.join(timeout=30)  # a blocking write would never return
    assert submitted == [True]
    sender = helper._sender
    helper.stop()
    assert sender is not None and not sender.is_alive()
    assert busy.poll() is not None and helper.pid == 0
    os.close(unused)


def test_a_helper_whose_parent_was_killed_exits() -> None:
    code = (
        "import os, sys; from seedcheck import preload; h = preload.fork_helper(); "
        "print(h.pid, flush=True); os._exit(0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    pid = int(out.stdout)
    deadline = time.monotonic() + 30  # it notices within a second once imported
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(pid)


@pytest.mark.parametrize(
    ("argv", "cores", "expected"),
    [
        (["check", "a.txt"], 2, True),
        (["gate", "--base", "main"], 4, True),
        (["check", "a.txt"], 1, False),  # one core: nothing to import beside
        (["report", "a.txt"], 2, False),
        (["rules"], 2, False),
        ([], 2, False),
        (["check", "--help"], 2, False),
        (["check", "--engine", "spark", "a.txt"], 2, False),
        (["check", "--engine=spark", "a.txt"], 2, False),
        (["check", "--engine", "local", "spark"], 2, True),  # a file named spark
        # The schema rules (SC7xx, family "schema") deselected: nothing to validate.
        (["check", "--ignore", "schema", "a.txt"], 2, False),
        (["check", "--ignore=SC1,SC7", "a.txt"], 2, False),
        (["check", "--select", "SC1", "--select", "quotes", "a.txt"], 2, False),
        (["check", "--select", "SC705", "a.txt"], 2, True),
        (["check", "--ignore", "SC70", "a.txt"], 2, True),  # SC710 and SC711 remain
        (["check", "--config", "seedcheck.toml", "a.txt"], 2, False),  # ignores schema
        # --select replaces the file's select, but the file's ignore still applies.
        (["check", "--config", "seedcheck.toml", "--select", "SC7", "a.txt"], 2, False),
        (["check", "--config", "missing.toml", "a.txt"], 2, False),  # the run reports it
    ],
)
def test_which_commands_start_a_helper(
    argv: list[str], cores: int, expected: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seedcheck.toml").write_text('ignore = ["schema"]\n')
    explicit = "--config" in argv
    if not explicit:  # found from the working folder, as the command line finds it
        (tmp_path / "seedcheck.toml").unlink()
    assert preload.wanted(argv, {}, cores) is expected
    assert preload.wanted(argv, {"SEEDCHECK_NO_PRELOAD": "1"}, cores) is False


def test_a_configuration_found_from_the_working_folder_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.seedcheck]\nselect = ["dates"]\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert not preload.wanted(["check", "a.txt"], {}, 2)
    assert preload.wanted(["check", "--select", "ALL", "a.txt"], {}, 2)


def test_the_command_gives_the_same_output_with_and_without_the_helper(tmp_path: Path) -> None:
    make_corpus(tmp_path, 2)
    command = [sys.executable, "-m", "seedcheck", "check", "--no-cache", "-f", "json", "."]
    outputs = []
    for extra in ({}, {"SEEDCHECK_NO_PRELOAD": "1"}):
        env = {**os.environ, **extra}
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=False)
        assert done.returncode == 1 and done.stderr == b""
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b'"SC706"' in outputs[0]
