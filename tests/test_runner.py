"""The runner: parallel runs give the same result as serial ones; documents can be dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

from seedcheck.config import Config
from seedcheck.reports.json_output import render_json
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


def test_parallel_runs_warm_up_the_corpus_rules_during_the_document_stage(
    tmp_path: Path,
) -> None:
    from seedcheck.checks.registry import RULES
    from tests.corpus_rule import SameTitle

    class WarmTitle(SameTitle):
        warm_modules = ("tests.warm_marker",)
        imported_before_check = False

        def check_corpus(self, docs, ctx):  # type: ignore[no-untyped-def]
            import sys

            type(self).imported_before_check = "tests.warm_marker" in sys.modules
            return super().check_corpus(docs, ctx)

    make_corpus(tmp_path, 30)
    run([str(tmp_path)], Config(today=FIXED_TODAY), all_rules=[*RULES, WarmTitle], jobs=2)
    assert WarmTitle.imported_before_check


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
