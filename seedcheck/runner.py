"""One run: read, parse, apply the selected rules, and collect findings per file.

The runner decides nothing about content; it wires sources, documents and rules together
and turns rule hits (spans) into findings (lines and columns).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from seedcheck import __version__, preload
from seedcheck.cache import FindingCache, file_digest, settings_fingerprint
from seedcheck.config import Config, ConfigError, token_matches
from seedcheck.discovery import Target, collect
from seedcheck.document import Document
from seedcheck.expectations.schema_rules import SchemaRule
from seedcheck.expectations.tables import DocumentRows, rows_of
from seedcheck.language import load_langdetect
from seedcheck.model import FileResult, Finding, Hit, Severity
from seedcheck.parsing import parse
from seedcheck.rules import CorpusContext, CorpusRule, DocumentRule, Rule, RuleContext
from seedcheck.source import Source, is_blank, read_source

EVIDENCE_LIMIT = 300
# What the document stage returns per file: document (if kept), findings, table rows, and
# the corpus rules' features of the document by feature key (when computed).
Features = dict[Hashable, Any]
Processed = tuple[Document | None, list[Finding], DocumentRows | None, Features | None]


@dataclass
class RunResult:
    files: list[FileResult]
    rules: list[type[Rule]]
    # By path, targets only (parsed on first access when their findings came from the cache).
    documents: Mapping[str, Document] = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    # Validation result of the GX suites (seedcheck.expectations.gx.run_expectations), if run.
    expectations: dict[str, Any] | None = None
    # Rows of the documents/quotes/links tables, when the schema stage ran (targets only).
    table_rows: list[DocumentRows] | None = None

    def findings(self) -> Iterable[tuple[str, Finding]]:
        for result in self.files:
            for finding in result.findings:
                yield result.path, finding

    def count(self, severity: Severity) -> int:
        return sum(r.count(severity) for r in self.files)

    def failed(self, threshold: Severity) -> bool:
        return any(f.severity.at_least(threshold) for _, f in self.findings())

    def summary(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for r in self.files if r.findings),
            "findings": sum(len(r.findings) for r in self.files),
            "error": self.count(Severity.ERROR),
            "warning": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
        }

    def tool(self) -> dict[str, Any]:
        return {"name": "seedcheck", "version": __version__}


def light_documents(corpus_rules: Sequence[CorpusRule], keep_documents: bool) -> bool:
    """Whether the run keeps `Document.for_corpus` copies instead of documents: when only
    the corpus rules need documents and every one of them reads no more than those keep."""
    return not keep_documents and all(r.slim_documents for r in corpus_rules)


def select_rules(all_rules: Sequence[type[Rule]], config: Config) -> list[type[Rule]]:
    """Apply select/ignore (codes, code prefixes, names, families or ALL)."""
    known = _known_tokens(all_rules)
    for token in (*config.select, *config.ignore):
        if not any(token_matches(token, rule) for rule in all_rules) and token not in known:
            raise ConfigError(f"unknown rule, prefix or family in select/ignore: {token!r}")
    chosen = [rule for rule in all_rules if config.selects(rule)]
    for key in config.severity:
        if not any(key in (rule.code, rule.name) for rule in all_rules):
            raise ConfigError(f"severity override for unknown rule: {key!r}")
    return chosen


def rule_context(rule: type[Rule], config: Config) -> dict[str, Any]:
    """The rule's options: its defaults overridden by [tool.seedcheck.rules.<code|name>]."""
    options = dict(rule.options)
    for key in (rule.code, rule.name):
        overrides = config.rule_options.get(key, {})
        unknown = sorted(set(overrides) - set(options))
        if unknown:
            raise ConfigError(
                f"rules.{key}: unknown option(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(options)) or 'none'}"
            )
        options.update(overrides)
    return options


@contextlib.contextmanager
def _rarer_collections() -> Iterator[None]:
    """Collections at `preload.YOUNG_GENERATION_THRESHOLD` during the run (forked workers
    inherit the setting)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], preload.YOUNG_GENERATION_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_rarer_collections()
def run(
    paths: Sequence[str],
    config: Config,
    all_rules: Sequence[type[Rule]] | None = None,
    corpus: Sequence[str] = (),
    jobs: int = 1,
    keep_documents: bool = True,
    on_file: Callable[[str], None] | None = None,
    cache: FindingCache | None = None,
    tables: bool = False,
) -> RunResult:
    """Check `paths` (and compare them with `corpus` in cross-file rules).

    `jobs` > 1 spreads reading, parsing and per-document rules over processes; results are
    identical to `jobs=1`. With `keep_documents=False` and no corpus rule selected, documents
    are dropped as soon as they are checked, so memory does not grow with the corpus.
    `on_file(path)` is called after each target is checked (progress bars).
    With a `cache`, files whose findings are cached are neither parsed nor checked (see
    seedcheck/cache.py); results are byte-identical to an uncached run.
    `tables=True` keeps the documents/quotes/links table rows (`RunResult.table_rows`, for
    the GX stage) even when no schema rule is selected.
    """
    if all_rules is None:
        from seedcheck.checks.registry import RULES

        all_rules = RULES
    rules = select_rules(all_rules, config)
    _check_rule_options(config, all_rules)
    targets = collect(paths, config.include, config.exclude)
    target_paths = {t.display for t in targets}
    reference = [
        t for t in collect(corpus, config.include, config.exclude) if t.display not in target_paths
    ]
    corpus_rules = [r() for r in rules if issubclass(r, CorpusRule)]
    schema_rules = [r for r in rules if r.kind() == "schema"]
    keep = keep_documents or bool(corpus_rules)
    slim = light_documents(corpus_rules, keep_documents)

    tabulate = bool(schema_rules) or tables
    stage = DocumentStage(config, rules, keep, tabulate, slim)
    rows_by_path: dict[str, DocumentRows | None] = {}
    lookup = _CacheLookup(cache, stage, targets, reference if corpus_rules else [])
    documents = LazyDocuments(targets, lambda t: _load(t, config))
    results: dict[str, FileResult] = {
        path: FileResult(path, findings) for path, findings in lookup.cached.items()
    }
    if on_file is not None:
        for path in results:  # cached files count as checked for progress
            on_file(path)
    corpus_found = lookup.corpus_cached() if corpus_rules else None
    work = [(t, True) for t in targets if t.display not in results]
    work += [(t, False) for t in reference] * (bool(corpus_rules) and corpus_found is None)
    if not schema_rules or len(targets) > _OVERLAP_MAX_DOCUMENTS:
        # Nothing to validate, or the helper's copy of the tables would compete with the
        # cross-file stage for memory. (Beside the workers of a parallel run, the helper
        # imports on the core left idle while this process starts up, then at a low
        # priority; it validates during the cross-file stage, see _SchemaJob.)
        preload.discard()
    # The corpus rules' per-document features are computed with the documents (in the
    # workers) when the cross-file stage will run: not cached, and enough documents.
    stage.features = stage.features_due(len(work)) if corpus_found is None else frozenset()
    features: dict[str, Features] = {}
    reference_docs: list[Document] = []
    due = [r for r in corpus_rules if corpus_found is None and len(work) >= r.min_documents]
    for (target, is_target), (doc, findings, rows, feats) in zip(
        work, _map(stage, work, jobs, warm_ups(stage, due)), strict=True
    ):
        if feats is not None:
            features[target.display] = feats
        if is_target:
            results[target.display] = FileResult(target.display, findings)
            rows_by_path[target.display] = rows
            lookup.store(target, findings)
            if on_file is not None:  # progress reporting (the report command's bar)
                on_file(target.display)
        if doc is not None and is_target:
            documents.parsed[target.display] = doc
        elif doc is not None:
            reference_docs.append(doc)

    table_rows: list[DocumentRows] = []
    if tabulate:
        for target in targets:
            if target.display not in rows_by_path:  # findings from the cache: parse for rows
                rows_by_path[target.display] = rows_of(documents[target.display])
            rows = rows_by_path[target.display]
            if rows is not None:
                table_rows.append(rows)
    overlap = (
        jobs > 1
        and bool(corpus_rules)
        and corpus_found is None
        and _PARALLEL_MIN_FILES <= len(table_rows) <= _OVERLAP_MAX_DOCUMENTS
    )
    schema_job = _SchemaJob(table_rows, schema_rules, stage.contexts, config, overlap)

    if corpus_rules:
        if corpus_found is None:
            target_docs = [documents[t.display] for t in targets]
            corpus_found = _corpus_findings(
                corpus_rules, target_docs, reference_docs, stage, config, features
            )
            del target_docs
            features.clear()
            lookup.store_corpus(corpus_found)
        for path, findings in corpus_found.items():
            results[path].findings.extend(findings)
        # The corpus rules were the documents' last readers (the table rows are built):
        # free them before the schema stage builds its frames.
        reference_docs.clear()
        if not keep_documents:
            documents.parsed.clear()

    for path, finding in schema_job.result():
        results[path].findings.append(finding)

    for result in results.values():
        result.findings.sort(key=Finding.sort_key)
    return RunResult(
        files=[results[t.display] for t in targets],
        rules=list(rules),
        documents=documents if keep_documents else {},
        config=config,
        table_rows=table_rows if tabulate else None,
    )


# With both cores free after the per-document stage, the schema stage (about a second of
# pandas/pandera imports and validation on BBC) runs in a process of its own while the
# driver does the cross-file stage. Above this many documents it runs after it instead, so
# that the two stages never hold their memory at the same time (the 100k bound).
_OVERLAP_MAX_DOCUMENTS = 20_000


class _SchemaJob:
    """The schema stage's findings, computed here on `result()` or, with `overlap`, started
    at once in another process; either way the same list. A helper started with the
    command (seedcheck.preload), which has its imports done already, is used when the run
    left it one (see `run`)."""

    def __init__(
        self,
        rows: list[DocumentRows],
        rules: Sequence[type[Rule]],
        contexts: dict[str, RuleContext],
        config: Config,
        overlap: bool,
    ) -> None:
        self._args = (rows, rules, contexts, config)
        self._pool: Any = None
        self._future: Any = None
        self._helper = preload.take()
        if self._helper is not None and not (rules and rows and self._helper.submit(self._args)):
            self._helper.stop()
            self._helper = None
        if self._helper is None and overlap and rules and rows:
            import gc
            from concurrent.futures import ProcessPoolExecutor

            # Forked (as the per-document workers are: `spawn` would re-run an unguarded
            # calling script). The child shares the driver's pages; frozen, the garbage
            # collector leaves the run's documents alone there instead of copying them.
            gc.freeze()
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=fork_context())
            self._future = self._pool.submit(_schema_stage, *self._args)
            gc.unfreeze()

    def result(self) -> list[tuple[str, Finding]]:
        if self._helper is not None:
            helped: list[tuple[str, Finding]] | None = self._helper.result()
            return helped if helped is not None else _schema_stage(*self._args)
        if self._future is None:
            return _schema_stage(*self._args)
        from concurrent.futures.process import BrokenProcessPool

        try:
            found: list[tuple[str, Finding]] = self._future.result()
            return found
        except BrokenProcessPool:  # the helper process died (killed, out of memory): redo
            return _schema_stage(*self._args)
        finally:
            self._pool.shutdown()


def _schema_stage(
    rows: list[DocumentRows],
    schema_rules: Sequence[type[Rule]],
    contexts: dict[str, RuleContext],
    config: Config,
) -> list[tuple[str, Finding]]:
    """pandera schemas over the run's tables; pandas/pandera load only when a rule is on."""
    if not schema_rules or not rows:
        return []
    from seedcheck.expectations.schema import run_schema

    found: list[tuple[str, Finding]] = run_schema(rows, schema_rules, contexts, config)
    return found


def _corpus_findings(
    rules: Sequence[CorpusRule],
    target_docs: Sequence[Document],
    reference_docs: Sequence[Document],
    stage: DocumentStage,
    config: Config,
    features: Mapping[str, Features] | None = None,
    links: Mapping[Hashable, Any] | None = None,
) -> dict[str, list[Finding]]:
    """Findings of the corpus rules, on the targets only. `features` are the documents'
    features by path (DocumentStage), `links` what an engine derived from them."""
    found: dict[str, list[Finding]] = {d.path: [] for d in target_docs}
    all_docs = [d for d in (*target_docs, *reference_docs) if _has_text(d)]
    targets = frozenset(found)
    shared: dict[Any, Any] = {}  # the rules' common derived data, freed on return
    for rule in rules:
        if len(all_docs) < rule.min_documents:
            continue
        base = stage.contexts[rule.code]
        ctx = CorpusContext(
            base.options, base.languages, base.today, targets, shared, features or {}, links or {}
        )
        for doc, hit in rule.check_corpus(all_docs, ctx):
            if doc.path in found:
                found[doc.path].append(to_finding(rule, hit, doc, config))
    return found


class LazyDocuments(Mapping[str, Document]):
    """The targets' documents by path. Those the run parsed are kept; the others (findings
    from the cache) are parsed on first access, so a fully cached run parses nothing."""

    def __init__(self, targets: Sequence[Target], load: Callable[[Target], Document]) -> None:
        self._targets = {t.display: t for t in targets}
        self._load = load
        self.parsed: dict[str, Document] = {}

    def __getitem__(self, path: str) -> Document:
        if path not in self.parsed:
            self.parsed[path] = self._load(self._targets[path])
        return self.parsed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


class _CacheLookup:
    """The run's side of the cache: keys per file, hits, and what to store after the run."""

    def __init__(
        self,
        cache: FindingCache | None,
        stage: DocumentStage,
        targets: Sequence[Target],
        reference: Sequence[Target],
    ) -> None:
        self.cache = cache
        self.cached: dict[str, list[Finding]] = {}
        self.keys: dict[str, str] = {}
        self.corpus_key: str | None = None
        cacheable = (DocumentRule, CorpusRule, SchemaRule)
        if cache is None or not all(issubclass(r, cacheable) for r in stage.rules):
            # A rule of another kind (a stage over every document's data) would miss the files
            # the cache lets us skip: no cache rather than other results. Schema rules are not
            # cached themselves: `run` re-parses cached files for their table rows.
            self.cache = None
            return
        config = stage.config
        cache.fingerprint = settings_fingerprint(stage.rules, stage.contexts, config)
        digests = {t.display: file_digest(t.path, config.max_file_size) for t in targets}
        for target in targets:
            digest = digests[target.display]
            if digest is None:  # unreadable or too large: the uncached path reports it
                continue
            key = self.keys[target.display] = cache.document_key(target.display, digest)
            hit = cache.get(key)
            if hit is not None and target.display in hit:
                self.cached[target.display] = hit[target.display]
        inputs = [(t.display, digests.get(t.display), True) for t in targets]
        inputs += [(t.display, file_digest(t.path, config.max_file_size), False) for t in reference]
        if all(digest is not None for _, digest, _ in inputs):
            self.corpus_key = cache.corpus_key(sorted((p, d or "", t) for p, d, t in inputs))

    def corpus_cached(self) -> dict[str, list[Finding]] | None:
        if self.cache is None or self.corpus_key is None:
            return None
        return self.cache.get(self.corpus_key)

    def store(self, target: Target, findings: list[Finding]) -> None:
        key = self.keys.get(target.display)
        if self.cache is not None and key is not None:
            self.cache.put(key, {target.display: findings})

    def store_corpus(self, found: dict[str, list[Finding]]) -> None:
        if self.cache is not None and self.corpus_key is not None:
            self.cache.put(self.corpus_key, found)


class DocumentStage:
    """Read, parse and apply the per-document rules to one file; built once per process."""

    def __init__(
        self,
        config: Config,
        rules: Sequence[type[Rule]],
        keep: bool = True,
        tabulate: bool = False,
        slim: bool = False,
        features: frozenset[Hashable] = frozenset(),
    ) -> None:
        self.config = config
        self.rules = list(rules)
        self.keep = keep
        self.tabulate = tabulate  # also return the target's table rows (schema stage)
        self.slim = slim  # documents returned are `Document.for_corpus` copies
        # Also return the corpus rules' features of documents, for these feature keys.
        self.features = features
        self.contexts = {rule.code: _context(rule, config) for rule in rules}
        self.document_rules = [r() for r in rules if issubclass(r, DocumentRule)]
        # One extractor per feature key, whichever rules share it.
        self.extractors: dict[Hashable, tuple[CorpusRule, Mapping[str, Any]]] = {}
        for rule in (r() for r in rules if issubclass(r, CorpusRule)):
            options = self.contexts[rule.code].options
            key = rule.feature_key(options)
            if key is not None:
                self.extractors.setdefault(key, (rule, options))

    def process(self, item: tuple[Target, bool]) -> Processed:
        """The document (when kept, or for the reference corpus), the target's findings and,
        when tabulating, its table rows (small, so documents need not be kept for them)."""
        target, is_target = item
        return self.process_source(_read(target, self.config), is_target)

    def process_source(self, source: Source, is_target: bool) -> Processed:
        """The same, for a source already read (the Spark engine reads bytes itself)."""
        doc = parse(source)
        if not is_target:
            return self._kept(doc), [], None, self.features_of(doc)
        findings = check_document(doc, self.document_rules, self.contexts, self.config)
        rows = rows_of(doc) if self.tabulate else None
        return (self._kept(doc) if self.keep else None), findings, rows, self.features_of(doc)

    def features_due(self, documents: int) -> frozenset[Hashable]:
        """The feature keys a run of `documents` files wants: those of the corpus rules with
        enough documents to run (one seed in a commit hook: not the quote index's)."""
        return frozenset(
            key for key, (rule, _) in self.extractors.items() if documents >= rule.min_documents
        )

    def features_of(self, doc: Document) -> Features | None:
        """The corpus rules' features of `doc`, when they are wanted and it has text (the
        cross-file stage reads only documents with text)."""
        if not self.features or not _has_text(doc):
            return None
        return {
            key: rule.document_features(doc, options)
            for key, (rule, options) in self.extractors.items()
            if key in self.features
        }

    def _kept(self, doc: Document) -> Document:
        return doc.for_corpus() if self.slim else doc


def warm_ups(stage: DocumentStage, corpus_rules: Sequence[CorpusRule]) -> list[Callable[[], None]]:
    """What the stage's per-document work and these corpus rules load on first use."""
    calls = [*(r.warm_up for r in stage.document_rules), *(r.warm_up for r in corpus_rules)]
    if stage.tabulate:
        calls.append(load_langdetect)  # the table rows' language guess
    return calls


# Parallel runs: each worker process builds its own stage once (rules, contexts), then
# receives only targets; documents come back in input order, so output is deterministic.
_WORKER_STAGE: DocumentStage | None = None
_PARALLEL_MIN_FILES = 64


def _init_worker(
    config: Config,
    rules: Sequence[type[Rule]],
    keep: bool,
    tabulate: bool = False,
    slim: bool = False,
    features: frozenset[Hashable] = frozenset(),
) -> None:
    global _WORKER_STAGE
    _WORKER_STAGE = DocumentStage(config, rules, keep, tabulate, slim, features)


def _map(
    stage: DocumentStage,
    work: list[tuple[Target, bool]],
    jobs: int,
    warm_up: Sequence[Callable[[], None]] = (),
) -> Iterable[Processed]:
    """Each item processed, in order. A parallel run uses `jobs - 1` worker processes and
    this process as the last worker: its own share is neither pickled nor copied between
    processes. Chunks go, in order, to whoever is free: the workers are kept
    `_AHEAD_PER_WORKER` chunks ahead, and this process takes the next chunk between checking
    on them.

    A parallel run first calls `warm_up` (the rules' slow first loads, `Rule.warm_up`):
    the forked workers inherit what it loaded, where each would otherwise load its own
    copy (numpy, ftfy and langdetect's profiles: about 0.25 s of CPU per process)."""
    if not _parallel(jobs, len(work)):
        return map(stage.process, work)
    from concurrent.futures import Future, ProcessPoolExecutor

    _run_all(warm_up)
    workers = jobs - 1
    size = max(1, min(_CHUNK_MAX, len(work) // (jobs * 8)))
    chunks = [work[i : i + size] for i in range(0, len(work), size)]
    done: list[list[Processed] | None] = [None] * len(chunks)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=fork_context(),
        initializer=_init_worker,
        initargs=(
            stage.config,
            stage.rules,
            stage.keep,
            stage.tabulate,
            stage.slim,
            stage.features,
        ),
    ) as pool:
        widen_result_pipe(pool)
        running: dict[int, Future[list[Processed]]] = {}
        taken = 0

        def top_up() -> None:
            nonlocal taken
            while taken < len(chunks) and len(running) < _AHEAD_PER_WORKER * workers:
                running[taken] = pool.submit(_work_chunk, chunks[taken])
                taken += 1

        # The pool forks all its workers on the first submission. Frozen meanwhile, their
        # collector never scans what they inherit (modules, patterns, this process's
        # state), nor copies its pages by touching it.
        gc.freeze()
        try:
            top_up()
        finally:
            gc.unfreeze()
        while taken < len(chunks) or running:
            for index in [i for i, future in running.items() if future.done()]:
                done[index] = running.pop(index).result()
            top_up()
            if taken < len(chunks):
                done[taken] = [stage.process(item) for item in chunks[taken]]
                taken += 1
            elif running:
                # Nothing left to take: the last chunk still waiting in the pool (not yet
                # sent to a worker) is taken back and done here; else wait for the oldest.
                index = max(running)
                if running[index].cancel():
                    del running[index]
                    done[index] = [stage.process(item) for item in chunks[index]]
                else:
                    index = min(running)
                    done[index] = running.pop(index).result()
    return [processed for chunk in done if chunk is not None for processed in chunk]


# Chunks submitted ahead per worker. With two, a worker often found its queue empty: this
# process submits between its own chunks, and its threads that pass the chunk on need the
# GIL its checking holds (BBC: 0.04-0.09 s of a worker's run spent waiting for work; with
# four, under 0.02 s). At the end, the chunks not yet sent to a worker are taken back.
_AHEAD_PER_WORKER = 4
_RESULT_PIPE_BYTES = 1 << 20


def widen_result_pipe(pool: Any) -> None:
    """Let the workers' results wait in a 1 MiB pipe. A chunk's results (about 120 KB for 16
    BBC files) overflow the default 64 KiB one, and the worker then blocks until a thread
    of this process, which needs the GIL, reads them (0.07-0.09 s per BBC run). Linux only;
    the pool's queue is an internal of concurrent.futures, looked up defensively: without
    it, nothing changes but the speed."""
    with contextlib.suppress(ImportError, AttributeError, OSError, ValueError):
        import fcntl

        reader: Any = pool._result_queue._reader
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, _RESULT_PIPE_BYTES)


def fork_context() -> Any:
    """multiprocessing's fork context on Linux, whatever the default (Python 3.14 made it
    forkserver): the workers are meant to inherit this process's imports, warm-ups and
    documents, not to import and receive them again (no thread of this process runs when
    they fork). Elsewhere the platform's default: macOS has fork, but its system libraries
    are not safe to use in a forked child, which is why spawn is Python's default there."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


# Small enough that the last chunks, which one process may be left to do alone, are short.
_CHUNK_MAX = 16


def _work_chunk(items: Sequence[tuple[Target, bool]]) -> list[Processed]:
    assert _WORKER_STAGE is not None
    return [_WORKER_STAGE.process(item) for item in items]


def _parallel(jobs: int, files: int) -> bool:
    return jobs > 1 and files >= _PARALLEL_MIN_FILES


def _run_all(calls: Sequence[Callable[[], None]]) -> None:
    for call in calls:
        # A failed warm-up import fails again, visibly, where the module is used.
        with contextlib.suppress(Exception):
            call()


def check_document(
    doc: Document,
    rules: Sequence[DocumentRule],
    contexts: dict[str, RuleContext],
    config: Config,
) -> list[Finding]:
    findings: list[Finding] = []
    has_text = _has_text(doc)
    for rule in rules:
        if rule.needs_text and not has_text:
            continue
        for hit in rule.check(doc, contexts[rule.code]):
            findings.append(to_finding(type(rule), hit, doc, config))
    return findings


def to_finding(rule: type[Rule] | Rule, hit: Hit, doc: Document, config: Config) -> Finding:
    severity = (
        config.severity.get(rule.code)
        or config.severity.get(rule.name)
        or hit.severity
        or rule.severity
    )
    line = column = end_line = end_column = None
    evidence = hit.evidence
    if hit.span is not None:
        source = doc.source
        line, column = source.position(hit.span.start)
        end_line, end_column = source.position(hit.span.end)
        if evidence is None:
            evidence = hit.span.slice(source.text)
    if evidence is not None and len(evidence) > EVIDENCE_LIMIT:
        evidence = evidence[: EVIDENCE_LIMIT - 1] + "…"
    return Finding(
        rule=rule.code,
        name=rule.name,
        family=rule.family,
        severity=severity,
        message=hit.message,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        evidence=evidence,
        related=tuple(sorted(hit.related, key=lambda r: (r.path, r.line or 0))),
        fix=hit.fix,
    )


def _load(target: Target, config: Config) -> Document:
    return parse(read_source(target.path, target.display, config.max_file_size))


def _read(target: Target, config: Config) -> Source:
    return read_source(target.path, target.display, config.max_file_size)


def _has_text(doc: Document) -> bool:
    source = doc.source
    return source.readable and not is_blank(source.text)


def _context(rule: type[Rule], config: Config) -> RuleContext:
    return RuleContext(
        options=rule_context(rule, config),
        languages=config.languages,
        today=config.today or dt.date.today(),
    )


def _check_rule_options(config: Config, all_rules: Sequence[type[Rule]]) -> None:
    for key in config.rule_options:
        if not any(key in (rule.code, rule.name) for rule in all_rules):
            raise ConfigError(f"options for unknown rule: rules.{key}")


def _known_tokens(all_rules: Sequence[type[Rule]]) -> set[str]:
    return {"ALL"} | {r.family.value for r in all_rules}
