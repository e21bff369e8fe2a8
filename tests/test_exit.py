"""The console command ends without the interpreter's teardown (seedcheck.cli.exit_now),
but as a normal exit would: output flushed, atexit handlers run, threads waited for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_buffered_output_and_atexit_handlers_are_not_lost() -> None:
    done = _python(
        "import atexit, sys; from seedcheck.cli import exit_now; "
        "atexit.register(lambda: sys.stdout.write(' handler')); "
        "sys.stdout.write('pending'); sys.stderr.write('warned'); exit_now(3)"
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "pending handler", "warned")


def test_a_running_thread_is_waited_for() -> None:
    done = _python(
        "import threading, time; from seedcheck.cli import exit_now; "
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start(); "
        "exit_now(4)"
    )
    assert (done.returncode, done.stdout) == (4, "thread done\n")


def test_the_command_writes_all_its_findings(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "seedcheck", "check", "--no-cache", "-f", "json"]
    piped = subprocess.run(
        [*command, str(SEEDS)], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    written = subprocess.run(
        [*command, "-o", str(tmp_path / "out.json"), str(SEEDS)], cwd=tmp_path, timeout=300
    )
    assert piped.returncode == written.returncode == 1
    report = json.loads(piped.stdout)
    assert report == json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"] > 0
