"""Options of the text rules change what they report, and the decoding of mixed files
keeps valid UTF-8 characters (so encoding findings point at the right characters)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from seedcheck.config import Config
from seedcheck.runner import run
from seedcheck.source import decode_source

GERMAN_PARAGRAPH = (
    "NATO offers Kiev solidarity\n\n"
    "NATO has assured the Kiev government of solidarity, but offered no military support.\n\n"
    "Die Allianz stehe fest an der Seite der Ukraine, sagte Stoltenberg nach dem Telefonat "
    "mit dem Präsidenten am Dienstag.\n"
)


def findings(tmp_path: Path, text: str, **config: object) -> list[str]:
    path = tmp_path / "seed.txt"
    path.write_text(text, "utf-8")
    result = run([str(path)], Config(today=dt.date(2025, 1, 1), **config))  # type: ignore[arg-type]
    return [f"{f.line}:{f.column}: {f.rule}" for _, f in result.findings()]


def test_untranslated_passage_respects_expected_languages(tmp_path: Path) -> None:
    assert findings(tmp_path, GERMAN_PARAGRAPH, select=("SC303",)) == ["5:1: SC303"]
    assert findings(tmp_path, GERMAN_PARAGRAPH, select=("SC303",), languages=("en", "de")) == []


def test_straight_quotes_are_checked_only_on_request(tmp_path: Path) -> None:
    text = 'Talks\n\nHe said "we are ready and left.\n\nShe said "fine" and went home.\n'
    assert findings(tmp_path, text, select=("SC302",)) == []
    on = {"SC302": {"straight-quotes": True}}
    assert findings(tmp_path, text, select=("SC302",), rule_options=on) == ["3:9: SC302"]


def test_mostly_utf8_file_keeps_its_valid_characters() -> None:
    source = decode_source("x", "Café Zürich ".encode() + b"\xa3600m\n")
    assert source.text == "Café Zürich £600m\n"
    [problem] = source.problems
    assert problem.count == 1
    assert problem.offsets == (source.text.index("£"),)


def test_every_invalid_byte_is_counted_and_the_first_ones_located() -> None:
    data = b"Line one\n" + b"caf\xe9 " * 150
    source = decode_source("x", data)
    [problem] = source.problems
    assert problem.count == 150
    assert len(problem.offsets) == 100
    assert all(source.text[o] == "é" for o in problem.offsets)
