"""The corpus index from per-document features computed elsewhere (worker processes, Spark
partitions) is the index computed on the spot; LSH band keys give datasketch's candidates."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

from seedcheck.checks.quotes import index as index_module
from seedcheck.checks.quotes.features import (
    NUM_PERM,
    DocumentFeatures,
    band_ranges,
    document_features,
    loose_threshold,
    minhash_values,
)
from seedcheck.checks.quotes.index import (
    INDEX_OPTIONS,
    CorpusIndex,
    _lsh_candidates,
    build_index,
    feature_key,
)
from seedcheck.config import Config
from seedcheck.document import Document
from seedcheck.parsing import parse
from seedcheck.reports.json_output import render_json
from seedcheck.runner import DocumentStage, run
from seedcheck.source import decode_source
from tests.conftest import FIXED_TODAY, FIXTURES, SEEDS

OPTIONS = dict(INDEX_OPTIONS)


def make_copies_corpus(root: Path) -> None:
    """The seeds with copies of every kind: byte-identical, same words (other spacing),
    near (a paragraph dropped), and a quote of each rendered in other words elsewhere."""
    root.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        shutil.copy(seed, root / f"{n}_a.txt")
        (root / f"{n}_bytes.txt").write_bytes(seed.read_bytes())
        (root / f"{n}_spacing.txt").write_text(text.replace(" ", "  "), encoding="utf-8")
        near = "\n\n".join(paragraphs[:-1]) + "\n"
        (root / f"{n}_near.txt").write_text(near, encoding="utf-8")
        quoted = next(p for p in paragraphs if p.count("”") + p.count('"') >= 2 and len(p) > 80)
        reworded = quoted.replace(" the ", " this ", 1).replace(" a ", " one ", 1)
        (root / f"{n}_quote.txt").write_text(f"Report {n}\n\n{reworded}\n", encoding="utf-8")


def load(paths: Sequence[Path]) -> list[Document]:
    return [parse(decode_source(str(p), p.read_bytes())) for p in paths]


def corpus_docs(tmp_path: Path) -> list[Document]:
    make_copies_corpus(tmp_path / "corpus")
    fixtures = sorted((FIXTURES / "rules").glob("SC40[3-7]/**/*.txt"))
    return load([*sorted((tmp_path / "corpus").glob("*.txt")), *fixtures])


def state(index: CorpusIndex) -> dict[str, Any]:
    """Everything the index decided, comparable with ==."""
    return {
        "groups": [g.members for g in index.groups],
        "group_of": index.group_of,
        "representative": index.representative,
        "doc_hashes": index.doc_hashes,
        "doc_shingles": {d: s.tolist() for d, s in index.doc_shingles.items()},
        "variants": index.variants,
        "occurrences": [(o.doc, o.quote.span.start, o.variant) for o in index.occurrences],
        "by_doc": index.by_doc,
        "edges": index.edges,
        "clusters": index.clusters(),
    }


def _features_elsewhere(paths: list[str]) -> bytes:
    docs = load([Path(p) for p in paths])
    return pickle.dumps([document_features(d, OPTIONS) for d in docs])


def test_features_from_another_interpreter_give_the_same_index(tmp_path: Path) -> None:
    docs = corpus_docs(tmp_path)
    # A fresh interpreter (spawn) has another hash seed: only stable hashes agree.
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        features = pickle.loads(pool.submit(_features_elsewhere, [d.path for d in docs]).result())
    here = build_index(docs, OPTIONS)
    there = build_index(docs, OPTIONS, features)
    assert state(there) == state(here)
    assert len(here.groups) >= 3 and here.edges and here.doc_shingles  # not vacuous


def test_band_keys_give_datasketchs_lsh_candidates(tmp_path: Path) -> None:
    from datasketch import MinHash, MinHashLSH

    docs = corpus_docs(tmp_path)
    features: list[DocumentFeatures] = [document_features(d, OPTIONS) for d in docs]
    long_docs = [i for i, f in enumerate(features) if f.shingles is not None]
    ours = {frozenset(pair) for pair in _lsh_candidates(features, long_docs)}
    lsh = MinHashLSH(threshold=loose_threshold(OPTIONS["duplicate_threshold"]), num_perm=NUM_PERM)
    theirs = set()
    for i in long_docs:
        minhash = MinHash(num_perm=NUM_PERM, hashfunc=identity)
        minhash.update_batch(features[i].shingles.tolist())
        theirs |= {frozenset((other, i)) for other in lsh.query(minhash)}
        lsh.insert(i, minhash, check_duplication=False)
    assert ours == theirs
    assert len(theirs) >= 6  # the copies of each seed are candidates


def identity(value: int) -> int:
    return value


def test_minhash_and_bands_are_datasketchs(tmp_path: Path) -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    docs = corpus_docs(tmp_path)
    arrays = [f.shingles for d in docs if (f := document_features(d, OPTIONS)).shingles is not None]
    rng = np.random.default_rng(0)  # and arbitrary 32-bit values, extremes included
    arrays += [np.unique(rng.integers(0, 1 << 32, n, dtype=np.uint64)) for n in (1, 7, 500)]
    arrays.append(np.array([0, 1, 2, 0xFFFFFFFF], dtype=np.uint64))
    for shingles in arrays:
        theirs = MinHash(num_perm=NUM_PERM, hashfunc=identity)
        theirs.update_batch(shingles.tolist())
        assert minhash_values(shingles).tolist() == theirs.hashvalues.tolist()
    for threshold in [*np.arange(0.3, 0.96, 0.05).tolist(), loose_threshold(0.8)]:
        expected = MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges
        assert list(band_ranges(threshold)) == [tuple(r) for r in expected], threshold


def test_word_hash_ignores_spacing_and_tells_words_apart() -> None:
    def feats(text: str) -> DocumentFeatures:
        return document_features(parse(decode_source("x.txt", text.encode())), OPTIONS)

    a, b = feats("Title\n\nOne two  three.\n"), feats("Title\n\nOne two three\n")
    assert a.word_hash == b.word_hash and a.digest != b.digest
    assert feats("Title\n\nOne two four.\n").word_hash != a.word_hash


def test_document_stage_features_only_when_due(tmp_path: Path) -> None:
    from seedcheck.checks.registry import RULES

    config = Config(today=FIXED_TODAY)
    stage = DocumentStage(config, RULES)
    key = feature_key(OPTIONS)
    assert key not in stage.features_due(1) and key in stage.features_due(2)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    doc = load([seed])[0]
    assert stage.features_of(doc) is None  # not asked for
    stage.features = stage.features_due(2)
    found = stage.features_of(doc)
    assert found is not None and key in found  # SC403-SC407 share one key
    feats = found[key]
    assert pickle.dumps(feats) == pickle.dumps(document_features(doc, OPTIONS))


def test_parallel_run_takes_features_from_the_document_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Features are computed where documents are parsed (the workers, and the driver for
    its own share), never again by the cross-file stage."""
    from seedcheck import runner

    corpus = tmp_path / "corpus"
    for n in range(12):  # enough files for the process pool (runner._PARALLEL_MIN_FILES)
        make_copies_corpus(corpus / str(n))
    config = Config(today=FIXED_TODAY)
    expected = render_json(run([str(corpus)], config, jobs=1))
    real = index_module.document_features
    real_stage = runner._corpus_findings
    cross_file: list[bool] = []

    def not_in_the_cross_file_stage(doc: Document, options: Any) -> DocumentFeatures:
        assert not cross_file, "the cross-file stage computed features again"
        return real(doc, options)

    def cross_file_stage(*args: Any, **kwargs: Any) -> Any:
        cross_file.append(True)
        return real_stage(*args, **kwargs)

    monkeypatch.setattr(index_module, "document_features", not_in_the_cross_file_stage)
    monkeypatch.setattr(runner, "_corpus_findings", cross_file_stage)
    assert render_json(run([str(corpus)], config, jobs=2)) == expected
    assert cross_file  # the stage ran


def test_index_features_are_released_once_the_index_is_built() -> None:
    from seedcheck.checks.quotes.index import corpus_index

    docs = load(sorted(SEEDS.glob("*.txt")))
    key = feature_key(OPTIONS)
    given = {d.path: {key: document_features(d, OPTIONS), "other": 1} for d in docs}
    shared: dict[Any, Any] = {}
    index = corpus_index(docs, OPTIONS, shared, given)
    assert all(per_doc == {"other": 1} for per_doc in given.values())  # only its own key
    assert corpus_index(docs, OPTIONS, shared, given) is index  # built once, from `shared`
