"""Documents, findings and table rows cross process boundaries (parallel runs, Spark):
pickled by their fields, they must come back equal."""

from __future__ import annotations

import dataclasses
import pickle
import sys

import pytest

from seedcheck.config import Config
from seedcheck.pickling import PickleByFields
from seedcheck.runner import DocumentStage, select_rules
from seedcheck.source import read_source
from tests.conftest import FIXED_TODAY, SEEDS


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_round_trip(seed) -> None:  # type: ignore[no-untyped-def]
    from seedcheck.checks.registry import RULES

    config = Config(today=FIXED_TODAY)
    stage = DocumentStage(config, select_rules(RULES, config), keep=True, tabulate=True)
    doc, findings, rows, _ = stage.process_source(read_source(seed, seed.name), True)
    assert doc is not None and findings and rows is not None
    for value in (doc, doc.for_corpus(), findings, rows, doc.quotes, doc.source):
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value


def test_every_user_takes_its_fields_in_order() -> None:
    """The mixin's constraint: all fields are positional init arguments, none inherited."""
    # `dataclass(slots=True)` replaces the class it decorates: keep the module's own.
    users = [
        c
        for c in _subclasses(PickleByFields)
        if getattr(sys.modules[c.__module__], c.__name__, None) is c
    ]
    assert len(users) >= 15
    for cls in users:
        fields = dataclasses.fields(cls)
        assert all(f.init for f in fields), cls
        assert tuple(f.name for f in fields) == cls.__slots__, cls


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found
