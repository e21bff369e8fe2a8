"""One run: read, parse, apply the selected rules, and collect findings per file.

The runner decides nothing about content; it wires sources, documents and rules together
and turns rule hits (spans) into findings (lines and columns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from seedcheck import __version__
from seedcheck.config import Config, ConfigError, is_family
from seedcheck.discovery import Target, collect
from seedcheck.document import Document
from seedcheck.model import FileResult, Finding, Hit, Severity
from seedcheck.parsing import parse
from seedcheck.rules import CorpusContext, CorpusRule, DocumentRule, Rule, RuleContext
from seedcheck.source import read_source

EVIDENCE_LIMIT = 300


@dataclass
class RunResult:
    files: list[FileResult]
    rules: list[type[Rule]]
    documents: dict[str, Document] = field(default_factory=dict)  # by path, targets only
    config: Config = field(default_factory=Config)

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


def select_rules(all_rules: Sequence[type[Rule]], config: Config) -> list[type[Rule]]:
    """Apply select/ignore (codes, code prefixes, names, families or ALL)."""
    known = _known_tokens(all_rules)
    for token in (*config.select, *config.ignore):
        if not any(_token_matches(token, rule) for rule in all_rules) and token not in known:
            raise ConfigError(f"unknown rule, prefix or family in select/ignore: {token!r}")
    chosen = [
        rule
        for rule in all_rules
        if (not config.select or any(_token_matches(t, rule) for t in config.select))
        and not any(_token_matches(t, rule) for t in config.ignore)
    ]
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


def run(
    paths: Sequence[str],
    config: Config,
    all_rules: Sequence[type[Rule]] | None = None,
    corpus: Sequence[str] = (),
    jobs: int = 1,
    keep_documents: bool = True,
) -> RunResult:
    """Check `paths` (and compare them with `corpus` in cross-file rules).

    `jobs` > 1 spreads reading, parsing and per-document rules over processes; results are
    identical to `jobs=1`. With `keep_documents=False` and no corpus rule selected, documents
    are dropped as soon as they are checked, so memory does not grow with the corpus.
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
    keep = keep_documents or bool(corpus_rules)

    stage = DocumentStage(config, rules, keep)
    documents: dict[str, Document] = {}
    results: dict[str, FileResult] = {}
    work = [(t, True) for t in targets] + [(t, False) for t in reference] * bool(corpus_rules)
    reference_docs: list[Document] = []
    for (target, is_target), (doc, findings) in zip(work, _map(stage, work, jobs), strict=True):
        if is_target:
            results[target.display] = FileResult(target.display, findings)
        if doc is not None and is_target:
            documents[target.display] = doc
        elif doc is not None:
            reference_docs.append(doc)

    if corpus_rules:
        all_docs = [d for d in (*documents.values(), *reference_docs) if _has_text(d)]
        for rule in corpus_rules:
            base = stage.contexts[rule.code]
            ctx = CorpusContext(base.options, base.languages, base.today, frozenset(target_paths))
            for doc, hit in rule.check_corpus(all_docs, ctx):
                if doc.path in results:
                    results[doc.path].findings.append(to_finding(rule, hit, doc, config))

    for result in results.values():
        result.findings.sort(key=Finding.sort_key)
    return RunResult(
        files=[results[t.display] for t in targets],
        rules=list(rules),
        documents=documents if keep_documents else {},
        config=config,
    )


class DocumentStage:
    """Read, parse and apply the per-document rules to one file; built once per process."""

    def __init__(self, config: Config, rules: Sequence[type[Rule]], keep: bool = True) -> None:
        self.config = config
        self.rules = list(rules)
        self.keep = keep
        self.contexts = {rule.code: _context(rule, config) for rule in rules}
        self.document_rules = [r() for r in rules if issubclass(r, DocumentRule)]

    def process(self, item: tuple[Target, bool]) -> tuple[Document | None, list[Finding]]:
        """The document (when kept, or for the reference corpus) and the target's findings."""
        target, is_target = item
        doc = _load(target, self.config)
        if not is_target:
            return doc, []
        findings = check_document(doc, self.document_rules, self.contexts, self.config)
        return (doc if self.keep else None), findings


# Parallel runs: each worker process builds its own stage once (rules, contexts), then
# receives only targets; documents come back in input order, so output is deterministic.
_WORKER_STAGE: DocumentStage | None = None
_PARALLEL_MIN_FILES = 64


def _init_worker(config: Config, rules: Sequence[type[Rule]], keep: bool) -> None:
    global _WORKER_STAGE
    _WORKER_STAGE = DocumentStage(config, rules, keep)


def _work(item: tuple[Target, bool]) -> tuple[Document | None, list[Finding]]:
    assert _WORKER_STAGE is not None
    return _WORKER_STAGE.process(item)


def _map(
    stage: DocumentStage, work: list[tuple[Target, bool]], jobs: int
) -> Iterable[tuple[Document | None, list[Finding]]]:
    if jobs <= 1 or len(work) < _PARALLEL_MIN_FILES:
        return map(stage.process, work)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(work) // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(stage.config, stage.rules, stage.keep)
    ) as pool:
        return list(pool.map(_work, work, chunksize=chunk))


def default_jobs() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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


def _has_text(doc: Document) -> bool:
    source = doc.source
    return source.readable and bool(source.text.strip())


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


def _token_matches(token: str, rule: type[Rule]) -> bool:
    if token == "ALL":
        return True
    if is_family(token):
        return rule.family.value == token
    return token == rule.name or rule.code.startswith(token.upper())
