"""The schema stage: tables from parsed seeds, pandera models, failure cases -> findings.

Valid tables are generated from the models themselves (pandera's hypothesis strategies);
each test breaks one field of one row and expects exactly that schema rule on that row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from seedcheck.checks.registry import RULES
from seedcheck.config import Config
from seedcheck.expectations import models
from seedcheck.expectations.schema import validate
from seedcheck.expectations.schema_rules import SCHEMA_RULES
from seedcheck.expectations.tables import (
    DOCUMENT_COLUMNS,
    LINK_COLUMNS,
    QUOTE_COLUMNS,
    Tables,
    quote_hash,
    tables_of,
    url_date,
    url_domain,
)
from seedcheck.parsing import parse
from seedcheck.runner import run
from seedcheck.source import decode_source
from tests.conftest import FIXED_TODAY, SEEDS

# No shrinking: a shrunk DataFrame is barely easier to read and shrinking takes minutes.
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LANGUAGES = ("en", "de")


def _documents_strategy() -> st.SearchStrategy[pd.DataFrame]:
    """Documents frames from the model's own strategy. pandera cannot generate `date` columns
    or satisfy custom checks, so those columns are drawn without them and then made
    consistent: dates from hypothesis, url_domain derived from source_url, a known language."""
    schema = models.DocumentsModel.to_schema().remove_columns(["published", "url_date"])
    schema.checks = []  # the dataframe-wide checks (domain and date consistency)
    schema.columns["language"].checks = []
    frames = schema.strategy(size=4)
    dates = st.lists(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1))), min_size=4, max_size=4)
    languages = st.lists(st.one_of(st.none(), st.sampled_from(LANGUAGES)), min_size=4, max_size=4)
    return st.tuples(frames, dates, languages).map(_complete_documents)


def _complete_documents(drawn: tuple[pd.DataFrame, list[Any], list[Any]]) -> pd.DataFrame:
    frame, dates, languages = drawn
    frame = frame.astype(object).where(frame.notna(), None)
    for column in ("size", "paragraphs", "quotes", "links"):
        frame[column] = frame[column].astype("int64")
    n = len(frame)
    frame["published"] = pd.Series(dates[:n], index=frame.index, dtype=object)
    frame["url_date"] = pd.Series(dates[:n], index=frame.index, dtype=object)  # agree
    frame["url_domain"] = frame["source_url"].map(
        lambda u: url_domain(u) if isinstance(u, str) else None
    )
    frame["language"] = pd.Series(languages[:n], index=frame.index, dtype=object)
    return frame[list(DOCUMENT_COLUMNS)]


def _codes(table: str, frame: pd.DataFrame) -> list[tuple[str, int | None]]:
    empty = {
        "documents": pd.DataFrame(columns=list(DOCUMENT_COLUMNS)),
        "quotes": pd.DataFrame(columns=list(QUOTE_COLUMNS)),
        "links": pd.DataFrame(columns=list(LINK_COLUMNS)),
    }
    tables = Tables(**{name: frame if name == table else empty[name] for name in empty})
    failures = validate(tables, LANGUAGES)
    return sorted({(f.code, f.index) for f in failures if f.table == table}, key=str)


# -- valid generated tables pass --------------------------------------------------------------


@SETTINGS
@given(_documents_strategy())
def test_generated_documents_pass(frame: pd.DataFrame) -> None:
    assert _codes("documents", frame) == []


@SETTINGS
@given(models.QuotesModel.strategy(size=4))
def test_generated_quotes_pass(frame: pd.DataFrame) -> None:
    assert _codes("quotes", frame) == []


@SETTINGS
@given(models.LinksModel.strategy(size=4))
def test_generated_links_pass(frame: pd.DataFrame) -> None:
    assert _codes("links", frame) == []


# -- one broken field, one finding on that row --------------------------------------------------

Mutation = Callable[[pd.DataFrame, int], None]


def _set(column: str, value: Any) -> Mutation:
    def mutate(frame: pd.DataFrame, row: int) -> None:
        if not isinstance(value, int):  # keep int64 columns int64 (else: a type failure)
            frame[column] = frame[column].astype(object)
        frame.at[frame.index[row], column] = value

    return mutate


def _copy_from_other(*columns: str) -> Mutation:
    def mutate(frame: pd.DataFrame, row: int) -> None:
        other = frame.index[(row + 1) % len(frame)]
        for column in columns:
            frame.at[frame.index[row], column] = frame.at[other, column]

    return mutate


def _domain_mismatch(frame: pd.DataFrame, row: int) -> None:
    frame.at[frame.index[row], "source_url"] = "https://www.example.com/a"
    frame.at[frame.index[row], "url_domain"] = "other.example"


def _declared_language(frame: pd.DataFrame, row: int) -> None:
    frame.at[frame.index[row], "language"] = "xx"
    frame.at[frame.index[row], "language_origin"] = "declared"


DOCUMENT_MUTATIONS: dict[str, Mutation] = {
    "SC701": _set("encoding", None),
    "SC702": _set("published", "April 6"),
    "SC703": _set("sha256", "4382B2BB"),
    "SC704": _set("paragraphs", -1),
    "SC705": _declared_language,
    "SC706": _copy_from_other("sha256"),
    "SC707": _domain_mismatch,
    "SC710": _copy_from_other("path"),
    "SC711": _set("language_origin", "guessed"),
}
QUOTE_MUTATIONS: dict[str, Mutation] = {
    "SC701": _set("text", None),
    "SC703": _set("hash", "not-a-hash"),
    "SC709": _set("line", 0),
    "SC710": _copy_from_other("path", "line", "column"),
}
LINK_MUTATIONS: dict[str, Mutation] = {
    "SC701": _set("href", None),
    "SC709": _set("column", 0),
    "SC710": _copy_from_other("path", "line", "column"),
    "SC711": _set("kind", "html"),
}
CASES = [
    *(("documents", code) for code in DOCUMENT_MUTATIONS),
    *(("quotes", code) for code in QUOTE_MUTATIONS),
    *(("links", code) for code in LINK_MUTATIONS),
]
STRATEGIES: dict[str, st.SearchStrategy[pd.DataFrame]] = {
    "documents": _documents_strategy(),
    "quotes": models.QuotesModel.strategy(size=4),
    "links": models.LinksModel.strategy(size=4),
}
MUTATIONS = {"documents": DOCUMENT_MUTATIONS, "quotes": QUOTE_MUTATIONS, "links": LINK_MUTATIONS}


@pytest.mark.parametrize(("table", "code"), CASES, ids=lambda v: str(v))
def test_broken_field_is_reported_on_its_row(table: str, code: str) -> None:
    @settings(SETTINGS, max_examples=5)
    @given(STRATEGIES[table].filter(lambda f: len(f) >= 2), st.integers(0, 1))
    def check(frame: pd.DataFrame, row: int) -> None:
        frame = frame.copy()
        MUTATIONS[table][code](frame, row)
        found = _codes(table, frame)
        assert found, f"{code} not reported"
        assert {c for c, _ in found} == {code}
        assert (code, int(frame.index[row])) in found

    check()


def test_every_structural_rule_is_exercised() -> None:
    exercised = {code for _, code in CASES} | {"SC702"}
    structural = {r.code for r in SCHEMA_RULES if r.structural}
    assert structural <= exercised


def test_whole_column_failures() -> None:
    frame = pd.DataFrame({"path": ["a.txt"], "line": [1], "column": [1], "href": ["x"]})
    found = _codes("links", frame)  # no `kind`, no `text`: required columns missing
    assert ("SC701", None) in found
    frame = pd.DataFrame(
        {"path": ["a.txt"], "line": ["one"], "column": [1], "text": [None], "href": ["x"]}
        | {"kind": ["bare"]}
    )
    assert ("SC702", None) in _codes("links", frame) or any(
        c == "SC702" for c, _ in _codes("links", frame)
    )


def test_every_schema_rule_is_registered_and_mapped() -> None:
    codes = {r.code for r in RULES if r.kind() == "schema"}
    assert codes == {r.code for r in SCHEMA_RULES}
    assert set(models.CHECK_CODES.values()) == codes


# -- tables from real seeds ---------------------------------------------------------------------


def _seed_docs() -> list[Any]:
    return [parse(decode_source(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]


def test_seed_tables() -> None:
    tables = tables_of(_seed_docs())
    docs = tables.documents.set_index("path")
    assert list(docs.index) == [p.name for p in sorted(SEEDS.glob("*.txt"))]
    moscow = docs.loc["000_0e4e21fef0fe375a.txt"]
    assert moscow["url_domain"] == "themoscowtimes.com"
    assert moscow["url_date"] == moscow["published"] == dt.date(2021, 4, 6)
    assert docs["language"].tolist() == ["en", "en", "en"]
    assert docs["source_url"].isna().tolist() == [False, True, True]
    assert docs.loc["003_fff007b84d78eb8b.txt", "published"] is None
    quotes = tables.quotes
    assert (quotes["line"] >= 1).all() and set(quotes["path"]) == set(docs.index)
    first = quotes.iloc[0]
    assert (first["line"], first["column"], first["speaker"]) == (23, 1, "Zelenskiy")
    assert tables.links["kind"].tolist() == ["markdown", "markdown", "markdown", "angle"]


def test_quote_hash_ignores_marks_case_and_spacing() -> None:
    assert quote_hash("We’re not  sure,") == quote_hash("we're not sure")
    assert quote_hash("We are sure") != quote_hash("We are not sure")


def test_url_helpers() -> None:
    assert url_domain("https://WWW.Example.com:8080/x") == "example.com"
    assert url_domain("not a url") is None
    assert url_domain("http://[broken/") is None
    assert url_date("https://x.com/2021/04/06/story") == dt.date(2021, 4, 6)
    assert url_date("https://x.com/news/20210406/story") == dt.date(2021, 4, 6)
    assert url_date("https://x.com/2021/02/31/story") is None
    assert url_date("https://x.com/story-a73491") is None


def test_unreadable_and_empty_files_are_not_tabulated(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    result = run([str(tmp_path)], Config(today=FIXED_TODAY))
    by_path = {Path(r.path).name: {f.rule for f in r.findings} for r in result.files}
    assert by_path == {"binary.txt": {"SC501"}, "empty.txt": {"SC601"}}
    tables = tables_of(result.documents.values())
    assert tables.documents.empty and tables.quotes.empty and tables.links.empty


# -- the stage in a run: findings are true and not duplicated -----------------------------------


def test_seeds_content_problems_come_out_once() -> None:
    result = run([str(SEEDS)], Config(today=FIXED_TODAY))
    found = sorted(
        (Path(p).name[:3], f.rule)
        for p, f in result.findings()
        if f.rule in ("SC101", "SC201") or f.family.value == "schema"
    )
    assert found == [("002", "SC201"), ("003", "SC101"), ("003", "SC201")]


def test_language_set_comes_from_config(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(
        "---\ntitle: NATO\nlanguage: en-GB\n---\n\nThe alliance said it was ready to talk.\n",
        "utf-8",
    )
    config = Config(today=FIXED_TODAY, select=("SC705",))
    assert list(run([str(seed)], config).findings()) == []
    german = dataclasses.replace(config, languages=("de",))
    found = [f for _, f in run([str(seed)], german).findings()]
    assert [(f.line, f.column, f.message) for f in found] == [
        (3, 11, "Declared language 'en' is not in the configured set (de)")
    ]
    # Detected languages are SC304's: the seeds (English, undeclared) pass with ("de",).
    assert list(run([str(SEEDS)], german).findings()) == []


def test_ignoring_schema_skips_pandera(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSame text here.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nSame text here.\n", "utf-8")
    config = Config(today=FIXED_TODAY, select=("SC706",))
    assert len(list(run([str(tmp_path)], config).findings())) == 2
    ignored = dataclasses.replace(config, select=(), ignore=("schema", "SC1", "SC2", "quotes"))
    assert list(run([str(tmp_path)], ignored).findings()) == []


def test_schema_errors_class_is_pandera_s() -> None:
    # validate() relies on lazy validation raising SchemaErrors (plural) with failure_cases.
    with pytest.raises(pa.errors.SchemaErrors) as error:
        models.LinksModel.validate(pd.DataFrame({"path": ["a"]}), lazy=True)
    assert {"check", "column", "index", "failure_case"} <= set(error.value.failure_cases.columns)


def test_schema_findings_are_the_same_from_the_cache(tmp_path: Path) -> None:
    from seedcheck.cache import FindingCache

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt"):
        (seeds / name).write_text("Title\n\nThe same words in both files, said the man.\n")
    (seeds / "c.txt").write_text("---\nlanguage: fr\n---\n\nThe alliance said it was ready.\n")
    config = Config(today=FIXED_TODAY)
    plain = [(p, f.to_dict()) for p, f in run([str(seeds)], config).findings()]
    cache = FindingCache(tmp_path / "cache")
    first = [(p, f.to_dict()) for p, f in run([str(seeds)], config, cache=cache).findings()]
    again = FindingCache(tmp_path / "cache")
    cached = [(p, f.to_dict()) for p, f in run([str(seeds)], config, cache=again).findings()]
    assert again.hits == 4  # three files and the corpus rules: findings from the cache...
    assert plain == first == cached  # ...and the schema stage still saw every file
    assert {f["rule"] for _, f in cached} >= {"SC705", "SC706"}
