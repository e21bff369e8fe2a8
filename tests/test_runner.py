"""The runner: parallel runs give the same result as serial ones; documents can be dropped."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedcheck.config import Config
from seedcheck.model import Family, Severity
from seedcheck.reports.json_output import render_json
from seedcheck.rules import DocumentRule
from seedcheck.runner import run
from tests.conftest import FIXED_TODAY, SEEDS


def make_corpus(folder: Path, copies: int) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(copies):
        for seed in seeds:
            shutil.copy(seed, folder / f"{index:03d}_{seed.name}")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    make_corpus(tmp_path, 30)  # 92 files: above the parallel threshold
    config = Config(today=FIXED_TODAY)
    serial = run([str(tmp_path)], config, jobs=1)
    parallel = run([str(tmp_path)], config, jobs=2)
    assert render_json(parallel) == render_json(serial)
    assert list(parallel.documents) == list(serial.documents)


def test_documents_dropped_when_not_needed(tmp_path: Path) -> None:
    make_corpus(tmp_path, 1)
    result = run([str(tmp_path)], Config(today=FIXED_TODAY), keep_documents=False)
    assert result.documents == {}
    assert len(result.files) == 5


def test_corpus_rules_give_the_same_findings_on_light_documents(tmp_path: Path) -> None:
    """`keep_documents=False` hands the corpus rules `Document.for_corpus` copies; they must
    find exactly what they find on full documents (with a reference corpus too)."""
    make_corpus(tmp_path, 2)
    reference = tmp_path / "reference"
    reference.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, reference / f"ref_{seed.name}")
    config = Config(today=FIXED_TODAY)
    targets = [str(p) for p in sorted(tmp_path.glob("*.txt"))]
    full = run(targets, config, corpus=[str(reference)], keep_documents=True)
    light = run(targets, config, corpus=[str(reference)], keep_documents=False)
    assert render_json(light) == render_json(full)
    assert any(f.rule == "SC407" for _, f in full.findings())  # copies of --corpus files


def test_light_documents_keep_what_corpus_rules_read() -> None:
    from seedcheck.parsing import parse
    from seedcheck.source import read_source

    seed = sorted(SEEDS.glob("*.txt"))[0]
    doc = parse(read_source(seed, seed.name))
    light = doc.for_corpus()
    assert light.source.data == b"" and light.text == doc.text
    assert light.source.digest() == doc.source.digest()
    assert light.quotes == doc.quotes and light.paragraphs == doc.paragraphs
    assert light.body == doc.body and light.title == doc.title
    assert [light.source.position(i) for i in range(0, len(doc.text), 97)] == [
        doc.source.position(i) for i in range(0, len(doc.text), 97)
    ]


def test_schema_stage_in_its_own_process_gives_the_same_findings(tmp_path: Path) -> None:
    """With `overlap`, the schema stage runs in a spawned process beside the cross-file
    stage (parallel runs); its findings must be those of the in-process stage."""
    from seedcheck.checks.registry import RULES
    from seedcheck.runner import DocumentStage, _SchemaJob

    make_corpus(tmp_path, 2)  # byte-identical copies: SC706 findings to compare
    config = Config(today=FIXED_TODAY)
    result = run([str(tmp_path)], config, tables=True)
    schema_rules = [r for r in RULES if r.kind() == "schema"]
    contexts = DocumentStage(config, schema_rules).contexts
    rows = result.table_rows or []
    here = _SchemaJob(rows, schema_rules, contexts, config, overlap=False).result()
    elsewhere = _SchemaJob(rows, schema_rules, contexts, config, overlap=True)
    assert elsewhere._future is not None  # really started in another process
    assert elsewhere.result() == here
    assert any(f.rule == "SC706" for _, f in here)


@pytest.fixture(params=["fork", "forkserver"])
def default_start_method(request: pytest.FixtureRequest) -> Iterator[str]:
    """multiprocessing's default start method for the test (forkserver is Python 3.14's
    default on Linux); the runner forks its workers either way."""
    import multiprocessing

    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(before, force=True)


def test_parallel_runs_warm_up_the_rules_before_forking_so_workers_inherit_it(
    tmp_path: Path, default_start_method: str
) -> None:
    """A document rule's `warm_modules` are imported before the workers fork: the rule finds
    them imported in every process that checks files, the workers included. The workers'
    collector leaves what they inherited alone (frozen); the driver's is unfrozen again."""
    import gc
    import sys

    from seedcheck.checks.registry import RULES
    from seedcheck.model import Hit, Span

    class SeesWarmModule(DocumentRule):
        """## What it does
        Says, in each document, which process checked it and whether its module was loaded.
        """

        code = "SC697"
        name = "test-sees-warm-module"
        family = Family.HYGIENE
        severity = Severity.INFO
        warm_modules = ("tests.warm_marker",)

        def check(self, doc, ctx):  # type: ignore[no-untyped-def]
            loaded = "tests.warm_marker" in sys.modules
            frozen = gc.get_freeze_count() > 0
            yield Hit(f"pid={os.getpid()} frozen={frozen} loaded={loaded}", Span(0, 0))

    sys.modules.pop("tests.warm_marker", None)  # imported by an earlier test, perhaps
    make_corpus(tmp_path, 30)
    result = run(
        [str(tmp_path)], Config(today=FIXED_TODAY), all_rules=[*RULES, SeesWarmModule], jobs=2
    )
    seen = {f.message for _, f in result.findings() if f.rule == "SC697"}
    assert len({message.split()[0] for message in seen}) == 2  # both processes checked files
    assert all(message.endswith("loaded=True") for message in seen)
    driver = f"pid={os.getpid()} "
    assert all(("frozen=True" in m) == (not m.startswith(driver)) for m in seen)
    assert gc.get_freeze_count() == 0


def test_the_collector_runs_less_often_during_a_run_and_as_before_after(tmp_path: Path) -> None:
    import gc

    from seedcheck.checks.registry import RULES
    from tests.corpus_rule import SameTitle

    class SeesThreshold(SameTitle):
        seen: tuple[int, int, int] | None = None

        def check_corpus(self, docs, ctx):  # type: ignore[no-untyped-def]
            type(self).seen = gc.get_threshold()
            return super().check_corpus(docs, ctx)

    make_corpus(tmp_path, 1)
    before = gc.get_threshold()
    run([str(tmp_path)], Config(today=FIXED_TODAY), all_rules=[*RULES, SeesThreshold])
    assert SeesThreshold.seen is not None and SeesThreshold.seen[0] >= 50_000
    assert SeesThreshold.seen[1:] == before[1:]
    assert gc.get_threshold() == before


def test_with_two_jobs_this_process_is_one_of_the_two_workers(tmp_path: Path) -> None:
    """Its own share is neither pickled nor sent; one worker process does the rest."""
    import os

    from tests.corpus_rule import WhichProcess

    make_corpus(tmp_path, 30)
    result = run([str(tmp_path)], Config(today=FIXED_TODAY), all_rules=[WhichProcess], jobs=2)
    pids = {finding.message for _, finding in result.findings()}
    assert f"pid {os.getpid()}" in pids
    assert len(pids) == 2
    assert len(result.files) == 92


_LAZY_IMPORTS_SCRIPT = """
import sys
from seedcheck import runner
from seedcheck.checks.registry import RULES
from seedcheck.config import Config
from seedcheck.discovery import collect
from seedcheck.rules import CorpusRule

config = Config()
rules = runner.select_rules(RULES, config)
stage = runner.DocumentStage(config, rules, tabulate=True, slim=True)
targets = collect(sys.argv[1:], config.include, config.exclude)
stage.features = stage.features_due(len(targets))
runner._run_all(runner.warm_ups(stage, [r() for r in rules if issubclass(r, CorpusRule)]))
warmed = set(sys.modules)
for target in targets:
    stage.process((target, True))
print(" ".join(sorted(warmed)))
print(" ".join(sorted(set(sys.modules) - warmed)))
"""


def test_the_warm_up_loads_every_slow_module_the_per_document_stage_imports() -> None:
    """After `warm_ups` (what a parallel run does before forking its workers), checking the
    rule fixtures and the seeds, which reach mojibake repair, langdetect and the quote
    features, imports no part of numpy, ftfy or langdetect: each process would import its
    own copy (a rule that imports such a module on first use declares it, Rule.warm_up)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    fixtures = ROOT / "tests" / "fixtures" / "rules"
    done = subprocess.run(
        [sys.executable, "-c", _LAZY_IMPORTS_SCRIPT, str(fixtures), str(SEEDS)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    warmed, imported = (line.split() for line in done.stdout.splitlines())
    slow = ("numpy", "ftfy", "langdetect", "seedcheck.detector")
    assert all(name in warmed for name in slow)
    assert [m for m in imported if m.split(".")[0] in slow or m in slow] == []


def test_the_workers_results_wait_in_a_wide_pipe() -> None:
    """A chunk's results overflow the default 64 KiB pipe; the pool's is widened (Linux)."""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no pipe sizes on this system")
    from concurrent.futures import ProcessPoolExecutor

    from seedcheck.runner import fork_context, widen_result_pipe

    with ProcessPoolExecutor(max_workers=1, mp_context=fork_context()) as pool:
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) < 1 << 20
        widen_result_pipe(pool)
        assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) == 1 << 20
        assert pool.submit(sum, [1, 2]).result() == 3


def test_widening_the_pipe_of_a_pool_without_one_changes_nothing() -> None:
    from seedcheck.runner import widen_result_pipe

    widen_result_pipe(object())  # an executor whose internals differ: no error
