"""The Spark engine gives the local engine's findings, byte for byte.

These tests share one local[2] session (started once, ~10 s on an idle machine). Without
pyspark/pyarrow or a Java runtime they skip with the reason; the no-Java error path is
tested in a subprocess whatever the machine has.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from seedcheck.cli import main
from seedcheck.config import Config
from seedcheck.document import Document
from seedcheck.model import Family, Hit, Related, Severity
from seedcheck.reports.json_output import render_json, run_to_dict
from seedcheck.rules import CorpusContext, CorpusRule, DocumentRule, Rule
from seedcheck.runner import run
from tests.conftest import BBC, FIXED_TODAY, SEEDS

pytestmark = pytest.mark.spark

# Where the BBC corpus is, when ../shared is not beside this checkout (git worktrees).
BBC_CORPUS = Path(os.environ.get("SEEDCHECK_BBC", str(BBC)))


def spark_run(spark: Any, paths: Sequence[str], config: Config, **kwargs: Any) -> Any:
    from seedcheck.engines.spark import run_spark

    return run_spark(paths, config, spark=spark, **kwargs)


def normalised(result: Any) -> list[tuple[str, list[str]]]:
    """Files and their findings as JSON strings, sorted (order-insensitive comparison)."""
    data = run_to_dict(result)
    return sorted(
        (f["path"], sorted(json.dumps(x, sort_keys=True) for x in f["findings"]))
        for f in data["files"]
    )


def test_seeds_same_as_local(spark: Any) -> None:
    config = Config(today=FIXED_TODAY)
    local = run([str(SEEDS)], config)
    remote = spark_run(spark, [str(SEEDS)], config)
    assert normalised(remote) == normalised(local)
    assert render_json(remote) == render_json(local)  # same order too
    assert sum(len(f.findings) for f in local.files) > 0  # the comparison is not vacuous


def make_awkward_corpus(root: Path) -> None:
    """Files Spark's file source hides or treats differently, beside ordinary ones."""
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, root / seed.name)
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], root / "sub" / "deeper" / "copy.txt")
    (root / ".hidden" / "skipped.txt").write_text("Never read\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")  # zero-length: Spark drops it
    (root / "_underscore.txt").write_text("Title\n\nBody text.\n", encoding="utf-8")
    (root / ".dot.txt").write_text("Title\n\nBody text.\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (root / "latin1.txt").write_bytes("Café au lait\n\nDéjà vu.\n".encode("latin-1"))
    (root / "big.txt").write_text("Big\n\n" + "word " * 400, encoding="utf-8")
    (root / "notes.md").write_text("not included\n", encoding="utf-8")
    (root / "space é.txt").write_text("Title\n\nBody.\n", encoding="utf-8")


def test_awkward_files_same_as_local(spark: Any, tmp_path: Path) -> None:
    make_awkward_corpus(tmp_path)
    config = Config(today=FIXED_TODAY, max_file_size=1024)
    paths = [str(tmp_path), str(tmp_path / "notes.md")]  # a named file skips the include globs
    local = run(paths, config)
    remote = spark_run(spark, paths, config)
    assert render_json(remote) == render_json(local)
    listed = [f.path for f in local.files]
    assert str(tmp_path / "empty.txt") in listed and str(tmp_path / "notes.md") in listed
    assert not any(".hidden" in p for p in listed)
    rules = {f.rule for r in local.files for f in r.findings}
    assert {"SC501", "SC502", "SC601"} <= rules  # binary/too-large, latin-1, empty


def test_include_exclude_same_as_local(spark: Any, tmp_path: Path) -> None:
    make_awkward_corpus(tmp_path)
    config = Config(today=FIXED_TODAY, include=("*.txt", "*.md"), exclude=("sub/*",))
    local = run([str(tmp_path)], config)
    remote = spark_run(spark, [str(tmp_path)], config)
    assert render_json(remote) == render_json(local)
    assert any(f.path.endswith("notes.md") for f in local.files)


class SameBody(CorpusRule):
    """Test-only corpus rule: flags targets whose text equals another document's text.

    ## What it does
    Test rule. ## Why it matters
    Test rule. ## Example
    None.
    """

    code = "SC499"
    name = "test-same-body"
    family = Family.QUOTES
    severity = Severity.WARNING

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        by_text: dict[str, list[Document]] = {}
        for doc in docs:
            key = hashlib.sha256(doc.text.encode()).hexdigest()
            by_text.setdefault(key, []).append(doc)
        for group in by_text.values():
            for doc in group:
                others = [d for d in group if d is not doc]
                if others and doc.path in ctx.targets:
                    related = tuple(Related(d.path, 1) for d in others)
                    yield doc, Hit(f"Same text as {len(others)} other file(s)", related=related)


def test_corpus_rules_run_on_driver_with_reference(spark: Any, tmp_path: Path) -> None:
    from seedcheck.checks.registry import RULES

    targets, reference = tmp_path / "new", tmp_path / "old"
    targets.mkdir()
    reference.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], targets / "a.txt")
    shutil.copy(seeds[1], targets / "b.txt")
    shutil.copy(seeds[0], reference / "a_old.txt")
    shutil.copy(seeds[2], reference / "c_old.txt")
    all_rules: tuple[type[Rule], ...] = (*RULES, SameBody)
    config = Config(today=FIXED_TODAY)
    local = run([str(targets)], config, all_rules=all_rules, corpus=[str(reference)])
    remote = spark_run(spark, [str(targets)], config, all_rules=all_rules, corpus=[str(reference)])
    assert render_json(remote) == render_json(local)
    hits = [f for r in remote.files for f in r.findings if f.rule == "SC499"]
    assert [h.related[0].path for h in hits] == [str(reference / "a_old.txt")]


def test_findings_frame_has_the_contract_columns(spark: Any) -> None:
    from seedcheck.checks.registry import RULES
    from seedcheck.engines.listing import local_items
    from seedcheck.engines.spark import file_frame, findings_frame

    config = Config(today=FIXED_TODAY)
    work = local_items([str(SEEDS)], [], config, with_reference=False)
    frame = findings_frame(file_frame(spark, work, [str(SEEDS)], config, RULES, False))
    contract = [
        "rule", "name", "family", "severity", "message", "line", "column",
        "end_line", "end_column", "evidence", "related", "fix",
    ]  # fmt: skip
    assert frame.columns == ["position", "path", *contract]
    rows = frame.orderBy("position", "rule").collect()
    local = run([str(SEEDS)], config)
    # The frame holds the partitions' per-document findings; cross-file and schema-stage
    # findings are computed on the driver afterwards.
    per_document = {rule.code for rule in RULES if issubclass(rule, DocumentRule)}
    expected = sorted(
        (i, f.rule) for i, r in enumerate(local.files) for f in r.findings if f.rule in per_document
    )
    assert [(r["position"], r["rule"]) for r in rows] == expected


def test_uri_inputs_listed_by_spark(spark: Any, tmp_path: Path) -> None:
    """`file:///` URIs take the cluster path (Spark lists the files): same findings, under
    the URI names, except what Hadoop hides (zero-length files, `_x`, `.x` names)."""
    make_awkward_corpus(tmp_path)
    config = Config(today=FIXED_TODAY, max_file_size=1024)
    local = run([str(tmp_path)], config)
    remote = spark_run(spark, [f"file://{tmp_path}/"], config)
    hidden = {"empty.txt", "_underscore.txt", ".dot.txt"}
    expected = [
        (f"file://{r.path}", [f.to_dict() for f in r.findings])
        for r in local.files
        if Path(r.path).name not in hidden
    ]
    assert [(r.path, [f.to_dict() for f in r.findings]) for r in remote.files] == expected
    assert any(f.rule == "SC501" for r in remote.files for f in r.findings)  # big.txt


def test_missing_uri_is_a_usage_error(spark: Any, tmp_path: Path) -> None:
    from seedcheck.discovery import MissingPathError

    with pytest.raises(MissingPathError):
        spark_run(spark, [f"file://{tmp_path}/nowhere"], Config(today=FIXED_TODAY))


def test_cli_engine_spark(spark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--format", "json", str(SEEDS)]
    local_code = main(args)
    local_out = capsys.readouterr().out
    code = main([*args, "--engine", "spark", "--spark-master", "local[2]"])
    out, err = capsys.readouterr()
    assert (code, out) == (local_code, local_out), err


def test_bbc_same_as_local(spark: Any) -> None:
    if not BBC_CORPUS.exists():
        pytest.skip(f"{BBC_CORPUS} is absent (set SEEDCHECK_BBC to the BBC corpus)")
    config = Config(today=FIXED_TODAY)
    local = run([str(BBC_CORPUS)], config, jobs=1, keep_documents=False)
    remote = spark_run(spark, [str(BBC_CORPUS)], config)
    assert len(remote.files) == 2225
    assert normalised(remote) == normalised(local)
    assert render_json(remote) == render_json(local)


def test_no_java_is_a_clear_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SPARK_REMOTE",)}
    env["JAVA_HOME"] = str(tmp_path / "no-such-jdk")
    env["PATH"] = str(tmp_path)  # no java here
    proc = subprocess.run(
        [sys.executable, "-m", "seedcheck", "check", "--engine", "spark", str(SEEDS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("seedcheck: error: --engine spark needs "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        return  # the message names the missing package instead
    assert "Java runtime" in proc.stderr and "no-such-jdk" in proc.stderr


def test_report_engine_spark_writes_the_same_reports(spark: Any, tmp_path: Path) -> None:
    local_out, spark_out = tmp_path / "local", tmp_path / "spark"
    assert main(["report", str(SEEDS), "--out", str(local_out)]) == 0
    args = ["report", str(SEEDS), "--out", str(spark_out), "--engine", "spark"]
    assert main([*args, "--spark-master", "local[2]"]) == 0
    local_files = sorted(p.relative_to(local_out) for p in local_out.rglob("*") if p.is_file())
    spark_files = sorted(p.relative_to(spark_out) for p in spark_out.rglob("*") if p.is_file())
    assert spark_files == local_files and len(local_files) > 3
    for name in local_files:
        assert (spark_out / name).read_bytes() == (local_out / name).read_bytes(), name


def test_gate_engine_spark_same_outcome(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seedcheck.checks.registry as registry
    from seedcheck.config import parse_config
    from seedcheck.engines import engine_runner
    from seedcheck.gate import run_gate
    from tests.corpus_rule import SameTitle
    from tests.gitrepo import Repo, need_git, seed

    need_git()
    monkeypatch.setattr(registry, "RULES", (*registry.RULES, SameTitle))
    repo = Repo(tmp_path / "r")
    repo.write("seeds/old/a.txt", seed("Budget vote"))
    repo.write("seeds/old/b.txt", seed("Port strike"))
    repo.commit("corpus")
    repo.git("checkout", "-q", "-b", "change")
    repo.write("seeds/new/c.txt", seed("Budget vote", extra="Reworded. "))
    repo.commit("c repeats a's title")
    config = parse_config({"select": ["SC101", "SC201", "SC698"], "today": "2025-01-01"})
    outcomes = [
        run_gate("main", config, corpus=["seeds"], cwd=repo.path, runner=runner, jobs=2)
        for runner in (run, engine_runner("spark", "local[2]"))
    ]
    local, remote = (run_to_dict(o.result) for o in outcomes)
    assert remote["files"] == local["files"]
    rules = [f["rule"] for f in local["files"][0]["findings"]]
    assert "SC698" in rules  # the cross-file rule saw the reference corpus on Spark too


def test_cross_file_pairs_found_on_spark_same_as_local(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcheck.checks.quotes import index
    from tests.test_quotes_features import make_copies_corpus

    targets, reference = tmp_path / "new", tmp_path / "old"
    make_copies_corpus(targets)
    make_copies_corpus(reference / "sub")
    # A file Spark's file source skips (`_name`) is checked on the driver and joins the pairs.
    shutil.copy(targets / "0_a.txt", targets / "_hidden_copy.txt")
    config = Config(today=FIXED_TODAY)
    local = run([str(targets)], config, corpus=[str(reference)])

    def not_on_the_driver(*args: Any) -> Any:
        raise AssertionError("candidate pairs searched on the driver")

    # Spark's Python workers are other processes: only the driver's search is disabled.
    monkeypatch.setattr(index, "_lsh_candidates", not_on_the_driver)
    monkeypatch.setattr(index, "_quote_candidates", not_on_the_driver)
    remote = spark_run(spark, [str(targets)], config, corpus=[str(reference)])
    assert render_json(remote) == render_json(local)
    messages = [f.message for r in local.files for f in r.findings if f.rule.startswith("SC40")]
    assert any("near-identical" in m for m in messages)
    assert {f.rule for r in local.files for f in r.findings} >= {"SC403", "SC407"}
    hidden = next(r for r in local.files if r.path.endswith("_hidden_copy.txt"))
    assert any(f.rule == "SC407" for f in hidden.findings)


def make_near_copy_family(root: Path, members: int) -> None:
    """`members` near copies of one seed, each with a line of its own: every pair of them
    is a verified near copy, so the pairs grow as members squared."""
    root.mkdir(parents=True, exist_ok=True)
    paragraphs = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").split("\n\n")
    middle = len(paragraphs) // 2  # inside the body, where the words are compared
    for n in range(members):
        own = f"Filed from desk number {n} of the {n * 7 + 3} regional desks."
        text = "\n\n".join([*paragraphs[:middle], own, *paragraphs[middle:]])
        (root / f"family_{n:02d}.txt").write_text(text, encoding="utf-8")


def test_cross_file_results_reach_the_driver_packed_and_in_small_pieces(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What grows with the pairs comes back packed (a row per batch of pairs, not per pair),
    the shingles of the paired documents come from the file partitions (no shuffle into a
    few big partitions), and the file rows are cached on disk, not in the JVM heap: at
    100,000 seeds the pairs' rows and the cache ran local[2]'s driver JVM out of memory."""
    from pyspark import StorageLevel

    from seedcheck.engines import spark_corpus

    members = 24  # 276 verified near-copy pairs
    make_near_copy_family(tmp_path / "corpus", members)
    make_copies_corpus_for_quotes(tmp_path / "corpus")
    frame_class = type(spark.range(1))
    collected: list[int] = []
    streamed_plans: list[str] = []
    levels: list[StorageLevel] = []
    collect, stream, persist = (
        frame_class.collect,
        frame_class.toLocalIterator,
        frame_class.persist,
    )

    def from_corpus_stage() -> bool:
        return any(f.filename == spark_corpus.__file__ for f in traceback.extract_stack())

    def spy_collect(self: Any) -> Any:
        rows = collect(self)
        if from_corpus_stage():
            collected.append(len(rows))
        return rows

    def spy_stream(self: Any, *args: Any) -> Any:
        if from_corpus_stage():  # the physical plan (internal API: no public accessor)
            streamed_plans.append(self._jdf.queryExecution().executedPlan().toString())
        return stream(self, *args)

    def spy_persist(self: Any, level: StorageLevel) -> Any:
        levels.append(level)
        return persist(self, level)

    monkeypatch.setattr(frame_class, "collect", spy_collect)
    monkeypatch.setattr(frame_class, "toLocalIterator", spy_stream)
    monkeypatch.setattr(frame_class, "persist", spy_persist)
    links: list[Any] = []
    corpus_links = spark_corpus.corpus_links

    def kept_links(*args: Any) -> Any:
        links.append(corpus_links(*args))
        return links[-1]

    monkeypatch.setattr("seedcheck.engines.spark.corpus_links", kept_links)
    config = Config(today=FIXED_TODAY)
    remote = spark_run(spark, [str(tmp_path / "corpus")], config)
    monkeypatch.undo()
    local = run([str(tmp_path / "corpus")], config)
    assert render_json(remote) == render_json(local)

    (found,) = links[0].values()
    assert len(found.near) >= members * (members - 1) // 2
    assert found.quote_edges  # the reworded quotes were paired too
    assert collected and max(collected) < 10  # a few packed rows, however many pairs
    assert streamed_plans and not any(SHUFFLE.search(plan) for plan in streamed_plans)
    assert levels and not any(level.useMemory for level in levels)


SHUFFLE = re.compile(r"(?<!Broadcast)Exchange (?:hash|range|RoundRobin|SinglePartition)")


def make_copies_corpus_for_quotes(root: Path) -> None:
    from tests.test_quotes_features import make_copies_corpus

    make_copies_corpus(root / "copies")


def test_local_session_starts_its_jvm_with_the_default_driver_heap(spark: Any) -> None:
    from seedcheck.engines.spark_memory import default_driver_memory

    expected = default_driver_memory()
    if expected is None:
        pytest.skip("the environment sets the driver memory (or the machine's is unknown)")
    assert spark.sparkContext.getConf().get("spark.driver.memory") == expected
    heap_mib = spark.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory() / 2**20
    assert heap_mib >= 0.9 * int(expected.removesuffix("m"))  # set before the JVM started
