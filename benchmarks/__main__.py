"""`python -m benchmarks` (or `nox -s bench`): seedcheck against its targets and its peers.

Cases (each run several times; median, min, max wall time, median CPU time and peak memory of
the process tree):
- latency: `seedcheck check` on one seed file as a fresh process (pre-commit use), and
  proselint on the same file when installed.
- throughput: `seedcheck check` over the BBC corpus with every rule (default jobs and
  --jobs 1), and proselint on the same corpus when installed.
- scale: synthetic corpora of 1k, 10k and 100k documents made from the BBC articles.
- report: `seedcheck report` on the BBC corpus with and without Great Expectations.

The table goes to stdout and, with the machine's description, to benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.measure import Sample, run_measured

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seeds" / "000_0e4e21fef0fe375a.txt"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
OUT = ROOT / "benchmarks" / "out" / "results.json"


def _seedcheck_command() -> list[str]:
    """The installed `seedcheck` script when there is one (`nox -s bench` installs the
    package as a hook's environment has it, byte-compiled), else `python -m seedcheck`."""
    script = Path(sys.executable).with_name("seedcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "seedcheck"]


SEEDCHECK = _seedcheck_command()


@dataclass
class Case:
    name: str
    documents: int
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    def summary(self) -> dict[str, Any]:
        walls = [s.wall for s in self.samples]
        median = statistics.median(walls)
        return {
            "case": self.name,
            "documents": self.documents,
            "runs": len(walls),
            "median_s": round(median, 4),
            "min_s": round(min(walls), 4),
            "max_s": round(max(walls), 4),
            "docs_per_s": round(self.documents / median, 1) if median else None,
            "median_cpu_s": round(statistics.median(s.cpu for s in self.samples), 3),
            "peak_rss_mb": round(max(s.peak_rss for s in self.samples) / 2**20, 1),
            "note": self.note,
        }


def measure(
    name: str, command: list[str], documents: int, repeat: int, note: str = "", warm: bool = True
) -> Case:
    case = Case(name, documents, note=note)
    if warm:
        run_measured(command)  # warm the file cache and byte-code; not counted
    for _ in range(repeat):
        case.samples.append(run_measured(command))
    print(f"  measured {name}: median {case.summary()['median_s']} s", file=sys.stderr)
    return case


def count_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.txt"))


def latency(repeat: int) -> list[Case]:
    cases = [
        measure("latency: seedcheck check (1 seed)", [*SEEDCHECK, "check", str(SEED)], 1, repeat)
    ]
    proselint = shutil.which("proselint")
    if proselint:
        cases.append(
            measure("latency: proselint check (1 seed)", [proselint, "check", str(SEED)], 1, repeat)
        )
    else:
        print("  proselint not installed: peer latency skipped", file=sys.stderr)
    return cases


def throughput(repeat: int) -> list[Case]:
    if not BBC.is_dir():
        print(f"  {BBC} absent: BBC throughput skipped", file=sys.stderr)
        return []
    total = count_files(BBC)
    cases = [
        measure(
            "throughput: seedcheck check BBC (all cores)",
            [*SEEDCHECK, "check", "--no-cache", str(BBC)],
            total,
            repeat,
        ),
        measure(
            "throughput: seedcheck check BBC (--jobs 1)",
            [*SEEDCHECK, "check", "--no-cache", "--jobs", "1", str(BBC)],
            total,
            repeat,
        ),
    ]
    proselint = shutil.which("proselint")
    if proselint:
        files = sorted(str(p) for p in BBC.rglob("*.txt"))
        cases.append(
            measure("throughput: proselint check BBC", [proselint, "check", *files], total, 1)
        )
    return cases


def report(repeat: int) -> list[Case]:
    """`report` on the BBC corpus with and without the Great Expectations suites."""
    if not BBC.is_dir():
        print(f"  {BBC} absent: report cases skipped", file=sys.stderr)
        return []
    total = count_files(BBC)
    cases = []
    with tempfile.TemporaryDirectory(prefix="seedcheck-report-") as folder:
        base = [*SEEDCHECK, "report", str(BBC), "--out", folder]
        for label, extra in (("without GX", ["--no-expectations"]), ("with GX", [])):
            cases.append(
                measure(f"report: BBC, html+md+json, {label}", [*base, *extra], total, repeat)
            )
    return cases


def scale(sizes: list[int], repeat: int) -> list[Case]:
    if not BBC.is_dir():
        print(f"  {BBC} absent: scale cases skipped", file=sys.stderr)
        return []
    try:
        synth = importlib.import_module("benchmarks.synth")
    except ImportError:
        print("  benchmarks.synth missing: scale cases skipped", file=sys.stderr)
        return []
    cases = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"seedcheck-synth-{size}-") as folder:
            synth.generate(BBC, Path(folder), size, seed=0)
            runs = repeat if size <= 10_000 else 1
            cases.append(
                measure(
                    f"scale: seedcheck check synthetic {size:,}",
                    [*SEEDCHECK, "check", "--no-cache", folder],
                    size,
                    runs,
                    warm=size <= 10_000,  # a warm-up run of 100k would double the wait
                )
            )
    return cases


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = (
        os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    )
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 2**30, 1),
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    header = (
        f"{'case':<52} {'docs':>7} {'median s':>9} {'min s':>8} {'max s':>8} "
        f"{'docs/s':>9} {'cpu s':>7} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['case']:<52} {row['documents']:>7} {row['median_s']:>9.3f} {row['min_s']:>8.3f} "
            f"{row['max_s']:>8.3f} {row['docs_per_s'] or 0:>9.1f} {row['median_cpu_s']:>7.2f} "
            f"{row['peak_rss_mb']:>8.1f}"
        )


def ratios(rows: list[dict[str, Any]]) -> list[str]:
    by_name = {row["case"]: row for row in rows}
    lines = []
    ours = by_name.get("latency: seedcheck check (1 seed)")
    peer = by_name.get("latency: proselint check (1 seed)")
    if ours and peer:
        lines.append(
            f"latency seedcheck/proselint: {ours['median_s'] / peer['median_s']:.2f}x the time"
        )
    ours = by_name.get("throughput: seedcheck check BBC (all cores)")
    peer = by_name.get("throughput: proselint check BBC")
    if ours and peer:
        speedup = ours["docs_per_s"] / peer["docs_per_s"]
        lines.append(f"throughput seedcheck/proselint: {speedup:.1f}x the documents per second")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--cases", default="latency,throughput,report,scale", help="comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    wanted = {c.strip() for c in args.cases.split(",")}
    cases: list[Case] = []
    if "latency" in wanted:
        cases += latency(max(args.repeat, 10))
    if "throughput" in wanted:
        cases += throughput(args.repeat)
    if "report" in wanted:
        cases += report(max(1, args.repeat // 2))
    if "scale" in wanted:
        cases += scale([int(s) for s in args.sizes.split(",")], max(1, args.repeat // 2))
    rows = [case.summary() for case in cases]
    host = machine()
    print(
        f"machine: {host['cpu'] or 'unknown CPU'}, {host['cores']} cores, "
        f"{host['memory_gb']} GB, Python {host['python']}, {host['platform']}"
    )
    print_table(rows)
    comparisons = ratios(rows)
    for line in comparisons:
        print(line)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"machine": host, "results": rows, "ratios": comparisons}, indent=2) + "\n"
    )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
