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
