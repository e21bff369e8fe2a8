"""The benchmarks' measurement: CPU time is charged for the whole process tree."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.measure import run_measured


def test_cpu_time_includes_the_descendants(tmp_path: Path) -> None:
    """A child that only starts a grandchild and waits: the grandchild's CPU, as it reports
    it itself, is in the sample's CPU time."""
    report = tmp_path / "grandchild_cpu"
    grandchild = (
        "import time, pathlib; sum(range(5 * 10**6)); "
        f"pathlib.Path({str(report)!r}).write_text(str(time.process_time()))"
    )
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    sample = run_measured([sys.executable, "-c", child])
    assert sample.returncode == 0
    assert sample.cpu >= float(report.read_text())
    assert sample.cpu > 0 and sample.wall > 0 and sample.peak_rss > 0
