"""SC408 reads each document's name mentions from the document stage when the engine
computed them there (in the workers): the findings are those it finds computing them itself."""

from __future__ import annotations

from seedcheck.checks.quotes.name_variants_corpus import (
    FEATURE_KEY,
    CorpusNameVariant,
    mentions_of,
)
from seedcheck.parsing import parse
from seedcheck.rules import CorpusContext
from seedcheck.source import decode_source

TEXTS = {
    "a.txt": "Ukrainian President Volodymyr Zelenskiy spoke in Lugansk on Monday.\n",
    "b.txt": "Ukrainian President Volodymyr Zelensky asked NATO for help in Luhansk.\n",
    "c.txt": "Volodymyr Zelenskyi met Dmitry Peskov, and Dmitri Peskov answered.\n",
}


def test_features_from_the_document_stage_give_the_same_findings() -> None:
    docs = [parse(decode_source(name, text.encode())) for name, text in TEXTS.items()]
    rule = CorpusNameVariant()
    options = dict(CorpusNameVariant.options)
    assert rule.feature_key(options) == FEATURE_KEY
    given = {d.path: {FEATURE_KEY: rule.document_features(d, options)} for d in docs}
    plain_ctx = CorpusContext(options, targets=frozenset(TEXTS))
    given_ctx = CorpusContext(options, targets=frozenset(TEXTS), features=given)
    plain = [(d.path, h) for d, h in rule.check_corpus(docs, plain_ctx)]
    from_features = [(d.path, h) for d, h in rule.check_corpus(docs, given_ctx)]
    assert plain == from_features
    assert {path for path, _ in plain} == set(TEXTS)  # Zelenskiy / Zelensky / Zelenskyi


def test_mentions_hold_first_offsets_and_folded_neighbours() -> None:
    doc = parse(decode_source("a.txt", TEXTS["c.txt"].encode()))
    seen, near = mentions_of(doc)
    assert seen["Zelenskyi"] == doc.text.index("Zelenskyi")
    assert near["Zelenskyi"] == frozenset({"volodymyr"})
    assert near["Dmitry"] == frozenset({"peskov"})
