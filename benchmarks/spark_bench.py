"""`python -m benchmarks.spark_bench`: the local engine against Spark local[N] on one machine.

For each size, a synthetic corpus is generated deterministically from the BBC articles
(benchmarks.synth when it exists, else the small generator below), then checked by
`seedcheck check --jobs N` and `seedcheck check --engine spark --jobs N` (Spark local[N]),
each as a fresh process (JVM start included, as a user sees it). Both write JSON, which
must be byte-identical. A one-document Spark run gives the fixed cost (JVM, session).

Results: a table on stdout and benchmarks/out/spark.json.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
BBC = Path(os.environ.get("SEEDCHECK_BBC", ROOT.parent / "shared" / "corpora" / "bbc"))
OUT = ROOT / "benchmarks" / "out" / "spark.json"
SEEDCHECK = [sys.executable, "-m", "seedcheck"]
PER_FOLDER = 1000
DATES = ("12 March 2024", "2023-11-05", "5 January 2022")


def generate(bbc: Path, out: Path, size: int, seed: int = 0) -> None:
    """`size` documents made from the BBC articles, the same for the same arguments."""
    try:
        synth = importlib.import_module("benchmarks.synth")
    except ImportError:
        synth = None
    if synth is not None:
        synth.generate(bbc, out, size, seed=seed)
        return
    articles = sorted(bbc.rglob("*.txt"))
    if not articles:
        raise SystemExit(f"no articles under {bbc}")
    for i in range(size):
        source = articles[(i * 7 + seed) % len(articles)]  # stride: neighbours differ in topic
        data = source.read_bytes()
        # Vary the documents so that copies are not byte-identical and some rules fire:
        # every third gets a date line, every fifth a source URL footer.
        extra = b""
        if i % 3 == 0:
            extra += f"\nPublished: {DATES[i % len(DATES)]}\n".encode()
        if i % 5 == 0:
            extra += f"\nOriginal url: https://news.bbc.co.uk/{i}.stm\n".encode()
        folder = out / f"{i // PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:07d}.txt").write_bytes(data + extra)


def measure(command: list[str], row: dict[str, Any] | None = None, name: str = "") -> float:
    """Wall seconds of `command`; with `row`, its peak memory (process tree) too, as
    `row[name + "_peak_mib"]`."""
    sample = run_measured(command)
    if row is not None:
        row[f"{name}_peak_mib"] = round(sample.peak_rss / 2**20)
    return sample.wall


def bench(sizes: list[int], jobs: int, skip_local_over: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="seedcheck-spark-bench-") as tmp:
        base = Path(tmp)
        one = base / "one"
        generate(BBC, one, 1)
        fixed = measure([*SEEDCHECK, "check", "--engine", "spark", "--jobs", str(jobs), str(one)])
        print(f"  spark fixed cost (1 document): {fixed:.1f} s", file=sys.stderr)
        rows.append({"case": "spark 1 document (start-up)", "documents": 1, "spark_s": fixed})
        for size in sizes:
            corpus = base / f"c{size}"
            generate(BBC, corpus, size)
            local_json, spark_json = base / f"local{size}.json", base / f"spark{size}.json"
            row: dict[str, Any] = {"case": f"synthetic {size:,}", "documents": size}
            if size <= skip_local_over:
                local = ["check", "--jobs", str(jobs), "-f", "json", "-o", str(local_json)]
                row["local_s"] = measure([*SEEDCHECK, *local, str(corpus)], row, "local")
                print(
                    f"  local {size}: {row['local_s']:.1f} s, {row['local_peak_mib']} MiB",
                    file=sys.stderr,
                )
            spark = ["check", "--engine", "spark", "--jobs", str(jobs), "-f", "json"]
            command = [*SEEDCHECK, *spark, "-o", str(spark_json), str(corpus)]
            row["spark_s"] = measure(command, row, "spark")
            print(
                f"  spark {size}: {row['spark_s']:.1f} s, {row['spark_peak_mib']} MiB",
                file=sys.stderr,
            )
            if "local_s" in row:
                row["identical_json"] = filecmp.cmp(local_json, spark_json, shallow=False)
            rows.append(row)
            for path in (local_json, spark_json):
                path.unlink(missing_ok=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spark_bench")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--jobs", type=int, default=2, help="local --jobs and Spark local[N]")
    parser.add_argument("--skip-local-over", type=int, default=10**9)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        print(f"{BBC} absent: nothing to benchmark", file=sys.stderr)
        return 0
    rows = bench([int(s) for s in args.sizes.split(",")], args.jobs, args.skip_local_over)
    print(f"{'case':<30} {'docs':>8} {'local s':>9} {'spark s':>9} {'spark/local':>12} same")
    for row in rows:
        local, spark = row.get("local_s"), row["spark_s"]
        ratio = f"{spark / local:.2f}x" if local else "-"
        print(
            f"{row['case']:<30} {row['documents']:>8} {local or 0:>9.1f} {spark:>9.1f} "
            f"{ratio:>12} {row.get('identical_json', '-')}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"jobs": args.jobs, "results": rows}, indent=2) + "\n")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
