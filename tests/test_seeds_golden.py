"""Golden test: what the parser extracts from the three real seeds, checked by hand once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from seedcheck.document import Document, Field
from seedcheck.parsing import parse
from seedcheck.source import read_source
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "seeds_parse.json"


def _field(doc: Document, item: Field[str] | None) -> Any:
    if item is None:
        return None
    return {"value": item.value, "at": list(doc.source.position(item.span.start))}


def extracted(doc: Document) -> dict[str, Any]:
    pos = doc.source.position
    return {
        "layout": doc.layout.value,
        "title": _field(doc, doc.title),
        "date": None
        if doc.date is None
        else {
            "value": str(doc.date.value),
            "raw": doc.date.raw,
            "origin": doc.date.origin.value,
            "at": list(pos(doc.date.span.start)),
        },
        "dateline": _field(doc, doc.dateline),
        "agency": _field(doc, doc.agency),
        "byline": _field(doc, doc.byline),
        "outlet_mentions": [_field(doc, m) for m in doc.outlet_mentions],
        "source_urls": [_field(doc, u) for u in doc.source_urls],
        "links": [[pos(link.span.start)[0], link.kind.value, link.href] for link in doc.links],
        "paragraph_lines": [pos(p.span.start)[0] for p in doc.paragraphs],
        "quotes": [
            {
                "line": pos(q.span.start)[0],
                "marks": q.open_mark.char + (q.close_mark.char if q.close_mark else ""),
                "speaker": q.speaker.name if q.speaker else None,
                "how": q.speaker.how.value if q.speaker else None,
                "text": q.text,
            }
            for q in doc.quotes
        ],
    }


def current() -> dict[str, Any]:
    return {path.name: extracted(parse(read_source(path))) for path in sorted(SEEDS.glob("*.txt"))}


def test_seed_extraction_matches_golden() -> None:
    got = current()
    if os.environ.get("SEEDCHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert got == json.loads(GOLDEN.read_text("utf-8"))


@pytest.mark.parametrize("name", ["000", "002", "003"])
def test_bundled_seeds_are_the_shared_ones(name: str) -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is absent")
    bundled = next(SEEDS.glob(f"{name}_*.txt"))
    assert (shared / bundled.name).read_bytes() == bundled.read_bytes()


def test_golden_path_is_inside_repo() -> None:
    assert Path(GOLDEN).is_relative_to(ROOT)
