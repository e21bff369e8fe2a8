"""Time the quotes family's corpus rules apart from parsing, on a folder of seeds.

    python -m benchmarks.quotes_scale CORPUS_DIR

Prints, as JSON: documents, parse seconds, index build seconds (duplicate documents and quote
pairing), seconds and findings per corpus rule, and the process's peak RSS. Every document is
a target, the worst case for reporting.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from seedcheck.checks.quotes.duplicate_document import DuplicateDocument
from seedcheck.checks.quotes.index import corpus_index
from seedcheck.checks.registry import RULES
from seedcheck.config import Config
from seedcheck.parsing import parse
from seedcheck.rules import CorpusContext, CorpusRule
from seedcheck.runner import rule_context
from seedcheck.source import read_source


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    paths = sorted(root.rglob("*.txt"))
    start = time.perf_counter()
    docs = [parse(read_source(p, str(p))) for p in paths]
    docs = [d for d in docs if d.source.readable and d.text.strip()]
    parsed = time.perf_counter()
    targets = frozenset(d.path for d in docs)
    config = Config()
    shared: dict[object, object] = {}
    corpus_index(docs, rule_context(DuplicateDocument, config), shared)
    indexed = time.perf_counter()
    rules: dict[str, dict[str, float]] = {}
    for rule in RULES:
        if not issubclass(rule, CorpusRule) or not rule.code.startswith("SC4"):
            continue
        ctx = CorpusContext(rule_context(rule, config), targets=targets, shared=shared)
        t0 = time.perf_counter()
        findings = sum(1 for _ in rule().check_corpus(docs, ctx))
        rules[f"{rule.code} {rule.name}"] = {
            "seconds": round(time.perf_counter() - t0, 2),
            "findings": findings,
        }
    index = corpus_index(docs, rule_context(DuplicateDocument, config), shared)
    report = {
        "documents": len(docs),
        "parse_s": round(parsed - start, 1),
        "index_s": round(indexed - parsed, 1),
        "quote_occurrences": len(index.occurrences),
        "quote_variants": len(index.variants),
        "variant_edges": sum(len(v) for v in index.edges.values()) // 2,
        "duplicate_groups": len(index.groups),
        "rules": rules,
        "corpus_rules_s": round(sum(r["seconds"] for r in rules.values()) + indexed - parsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
