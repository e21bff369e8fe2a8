"""Run a command and measure its wall time, its CPU time and the peak memory of its whole
process tree.

Peak memory is sampled from /proc (sum of RSS over the process and its descendants), so a
run with worker processes is charged for all of them, as the machine sees it. CPU time is
user + system time of the process and every descendant it waited for (workers, helpers):
on a shared machine whose speed varies from hour to hour, the steadier of the two figures.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Sample:
    wall: float
    peak_rss: int  # bytes
    returncode: int
    cpu: float = 0.0  # seconds, user + system, the whole process tree


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:  # a process may end between being listed and being read
            tasks = list(Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:
            continue
        for task in tasks:
            try:
                stack.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _tree_rss(pid: int) -> int:
    total = 0
    for member in _descendants(pid):
        try:
            fields = Path(f"/proc/{member}/statm").read_text().split()
            total += int(fields[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_measured(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Sample:
    peak = 0
    done = threading.Event()
    before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    cpu = _children_cpu() - before
    done.set()
    watcher.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {stderr[-2000:]!r}")
    return Sample(wall, peak, process.returncode, cpu)


def _children_cpu() -> float:
    """CPU seconds of this process's waited-for children and, through them, their own."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
