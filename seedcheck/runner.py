"""One run: read, parse, apply the selected rules, and collect findings per file.

The runner decides nothing about content; it wires sources, documents and rules together
and turns rule hits (spans) into findings (lines and columns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seedcheck import __version__
from seedcheck.cache import FindingCache, content_digest, run_fingerprint
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
    # By path, targets only; parsed lazily (see LazyDocuments).
    documents: Mapping[str, Document] = field(default_factory=dict)
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
    cache: FindingCache | None = None,
) -> RunResult:
    if all_rules is None:
        from seedcheck.checks.registry import RULES

        all_rules = RULES
    rules = select_rules(all_rules, config)
    _check_rule_options(config, all_rules)
    contexts = {rule.code: _context(rule, config) for rule in rules}
    targets = collect(paths, config.include, config.exclude)
    target_paths = {t.display for t in targets}
    reference = [
        t for t in collect(corpus, config.include, config.exclude) if t.display not in target_paths
    ]
    if cache is not None:
        cache.fingerprint = _fingerprint(rules, contexts, config)

    documents = LazyDocuments(config)
    digests: dict[str, str | None] = {}
    results: dict[str, FileResult] = {}
    document_rules = [r() for r in rules if issubclass(r, DocumentRule)]
    for target in targets:
        documents.add(target)
        results[target.display] = FileResult(
            target.display,
            _document_findings(target, documents, document_rules, contexts, config, cache, digests),
        )

    corpus_rules = [r() for r in rules if issubclass(r, CorpusRule)]
    if corpus_rules:
        found = _corpus_findings(
            corpus_rules, targets, reference, documents, contexts, config, cache, digests
        )
        for path, findings in found.items():
            results[path].findings.extend(findings)

    for result in results.values():
        result.findings.sort(key=Finding.sort_key)
    return RunResult(
        files=[results[t.display] for t in targets],
        rules=list(rules),
        documents=documents,
        config=config,
    )


class LazyDocuments(Mapping[str, Document]):
    """The targets' documents by path, parsed on first access: a run whose findings all came
    from the cache reads and parses nothing it does not need."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._targets: dict[str, Target] = {}
        self._parsed: dict[str, Document] = {}

    def add(self, target: Target) -> None:
        self._targets[target.display] = target

    def __getitem__(self, path: str) -> Document:
        if path not in self._parsed:
            self._parsed[path] = _load(self._targets[path], self._config)
        return self._parsed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


def _document_findings(
    target: Target,
    documents: LazyDocuments,
    rules: Sequence[DocumentRule],
    contexts: dict[str, RuleContext],
    config: Config,
    cache: FindingCache | None,
    digests: dict[str, str | None],
) -> list[Finding]:
    key = None
    if cache is not None:
        digest = digests[target.display] = _digest(target, config)
        if digest is not None:
            key = cache.document_key(target.display, digest)
            cached = cache.get(key)
            if cached is not None and target.display in cached:
                return list(cached[target.display])
    findings = check_document(documents[target.display], rules, contexts, config)
    if cache is not None and key is not None:
        cache.put(key, {target.display: findings})
    return findings


def _corpus_findings(
    rules: Sequence[CorpusRule],
    targets: Sequence[Target],
    reference: Sequence[Target],
    documents: LazyDocuments,
    contexts: dict[str, RuleContext],
    config: Config,
    cache: FindingCache | None,
    digests: dict[str, str | None],
) -> dict[str, list[Finding]]:
    """Findings of the corpus rules on the targets, cached under the hash of every input."""
    target_paths = frozenset(t.display for t in targets)
    key = None
    if cache is not None:
        for t in reference:
            digests.setdefault(t.display, _digest(t, config))
        inputs = [
            (t.display, digests.get(t.display), t.display in target_paths)
            for t in (*targets, *reference)
        ]
        if all(d is not None for _, d, _ in inputs):
            key = cache.corpus_key(sorted((p, d or "", t) for p, d, t in inputs))
            cached = cache.get(key)
            if cached is not None:
                return cached
    found: dict[str, list[Finding]] = {t.display: [] for t in targets}
    reference_docs = [_load(t, config) for t in reference]
    all_docs = [d for d in (*documents.values(), *reference_docs) if _has_text(d)]
    for rule in rules:
        base = contexts[rule.code]
        ctx = CorpusContext(base.options, base.languages, base.today, target_paths)
        for doc, hit in rule.check_corpus(all_docs, ctx):
            if doc.path in found:
                found[doc.path].append(to_finding(rule, hit, doc, config))
    if cache is not None and key is not None:
        cache.put(key, found)
    return found


def _digest(target: Target, config: Config) -> str | None:
    """The content hash of a file, or None when it should not be cached (unreadable, huge)."""
    try:
        if not target.path.is_file() or target.path.stat().st_size > config.max_file_size:
            return None
        return content_digest(target.path.read_bytes())
    except OSError:
        return None


def _fingerprint(
    rules: Sequence[type[Rule]], contexts: dict[str, RuleContext], config: Config
) -> str:
    today = next(iter(contexts.values())).today if contexts else None
    settings = {
        "rules": [
            [
                r.code,
                r.name,
                r.family.value,
                r.severity.value,
                f"{r.__module__}.{r.__qualname__}",
                dict(contexts[r.code].options),
            ]
            for r in rules
        ],
        "severity": sorted((k, v.value) for k, v in config.severity.items()),
        "languages": list(config.languages),
        "max_file_size": config.max_file_size,
        "today": str(today),
    }
    return run_fingerprint(settings)


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


def default_paths(paths: Sequence[str]) -> list[str]:
    return [str(Path(p)) for p in paths]
