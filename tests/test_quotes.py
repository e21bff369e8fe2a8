"""The quotes family: text helpers, the shared corpus index, the seeds (golden), properties
of clustering (hypothesis) and the BBC duplicates (when ../shared is present)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.checks.quotes.index import INDEX_OPTIONS, build_index, corpus_index
from seedcheck.checks.quotes.partners import iter_partners
from seedcheck.checks.quotes.text import overlap, sentence_spans, word_diff, words
from seedcheck.checks.translation.names import name_key, variant_groups
from seedcheck.config import Config
from seedcheck.document import Document
from seedcheck.parsing import parse
from seedcheck.runner import run
from seedcheck.source import decode_source
from tests.conftest import FIXED_TODAY, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "quotes_seeds.expected"
CODES = ("SC310", "SC401", "SC402", "SC403", "SC404", "SC405", "SC406", "SC407", "SC408")


def doc(name: str, text: str) -> Document:
    return parse(decode_source(name, text.encode("utf-8")))


# --- text helpers ---------------------------------------------------------------------


def test_words_normalise_marks_case_and_hyphens() -> None:
    assert words("“Russia’s” No-one, NATO!") == ["russia's", "no", "one", "nato"]


def test_overlap_and_diff_on_translated_renderings() -> None:
    a = words("We very much doubt that this will help Ukraine settle its domestic problem")
    b = words("We deeply doubt that this will help Ukraine solve its internal problem.")
    ov = overlap(a, b)
    assert (ov.matched, ov.longest, ov.covered) == (9, 6, 12)
    assert word_diff(a, b) == "'very much' → 'deeply', 'settle' → 'solve', 'domestic' → 'internal'"


def test_word_diff_ignores_context_outside_the_overlap() -> None:
    a = words("to express serious concern about the attacks")
    b = words("I called him to express grave concern about the attacks")
    assert word_diff(a, b) == "'serious' → 'grave'"


def test_sentence_spans_trim_and_split() -> None:
    text = "  One two. Three? “Four.” Five"
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text))] == [
        "One two.",
        "Three?",
        "“Four.”",
        "Five",
    ]


def test_name_keys_forgive_transliteration_only() -> None:
    same = [("Zelensky", "Zelenskiy"), ("Zelenskyi", "Zelensky"), ("Dmitry", "Dmitri")]
    same += [("Lugansk", "Luhansk"), ("Sergei", "Sergey")]
    for a, b in same:
        assert name_key(a) is not None and name_key(a) == name_key(b), (a, b)
    different = [("Austin", "Austria"), ("Ukraine", "Ukrainian"), ("Serge", "Sergei")]
    different += [("Hall", "Gall"), ("Zelensky", "Zelenskys"), ("Henry", "Henri")]
    for a, b in different:
        assert name_key(a) is None or name_key(a) != name_key(b), (a, b)


def test_corpus_groups_need_a_linking_name_for_endings() -> None:
    near = {"Andrei": {"Arshavin"}, "Andrey": {"Zvyagintsev"}}
    assert variant_groups(["Andrei", "Andrey"], near) == []
    near = {"Dmitry": {"Peskov"}, "Dmitri": {"Peskov"}}
    (group,) = variant_groups(["Dmitry", "Dmitri"], near)
    assert group.spellings == ("Dmitry", "Dmitri") and group.links == frozenset({"peskov"})


# --- seeds ----------------------------------------------------------------------------


def render(paths: Sequence[str], corpus: Sequence[str] = ()) -> list[str]:
    config = dataclasses.replace(Config(), select=CODES, today=FIXED_TODAY)
    result = run(list(paths), config, corpus=corpus)
    lines = []
    for file in result.files:
        name = Path(file.path).name
        for f in file.findings:
            related = "; ".join(f"{Path(r.path).name}:{r.line}" for r in f.related)
            lines.append(
                f"{name}:{f.line}:{f.column}: {f.rule} [{f.severity.value}] {f.message}"
                + (f" -> {related}" if related else "")
            )
    return lines


def test_seeds_golden() -> None:
    """Every quotes-family finding on the three seeds, checked by hand once (see the file)."""
    found = render([str(p) for p in sorted(SEEDS.glob("*.txt"))])
    expected = [ln for ln in GOLDEN.read_text("utf-8").splitlines() if ln and ln[0] != "#"]
    assert found == expected


def test_new_file_checked_against_corpus_directory(tmp_path: Path) -> None:
    """`check NEW --corpus DIR`: findings land on the new file only, pointing into DIR."""
    new = tmp_path / "002.txt"
    new.write_bytes((SEEDS / "002_1914d34e9c600dc2.txt").read_bytes())
    found = render([str(new)], corpus=[str(SEEDS)])
    divergent = [ln for ln in found if " SC404 " in ln]
    assert [ln.split(" [")[0] for ln in divergent] == ["002.txt:3:1: SC404", "002.txt:13:40: SC404"]
    assert divergent[0].endswith("-> 000_0e4e21fef0fe375a.txt:33")
    assert divergent[1].endswith("-> 000_0e4e21fef0fe375a.txt:45")
    assert all(ln.startswith("002.txt:") for ln in found)


# --- properties -----------------------------------------------------------------------

QUOTES = [
    "We very much doubt that this will help Ukraine settle its domestic problem",
    "We deeply doubt that this will help Ukraine solve its internal problem",
    "NATO firmly supports Ukraine's sovereignty and territorial integrity",
    "NATO firmly supports Ukraine's sovereignty and territorial integrity. We remain committed",
    "Investors are worried about the conflict and what it means for energy prices",
    "The granting of the membership plan will send a clear signal to Moscow",
]
SPEAKERS = ["Peskov", "Stoltenberg", "Kirby", "Zelensky"]
FILLER = [
    "Officials met in Brussels on Tuesday to discuss the border.",
    "Markets in Europe were little changed in early trading.",
    "The conflict broke out in 2014 and has claimed many lives.",
    "Talks are expected to resume next week in Geneva.",
]

article = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(QUOTES), st.sampled_from(SPEAKERS)).map(
            lambda qs: f'"{qs[0]}," {qs[1]} said.'
        ),
        st.sampled_from(FILLER),
    ),
    min_size=1,
    max_size=5,
).map(lambda paragraphs: "Title\n\n" + "\n\n".join(paragraphs) + "\n")
corpora = st.lists(article, min_size=1, max_size=6)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(texts: Sequence[str], names: Sequence[str] | None = None) -> list[Document]:
    names = names or [f"d{i}.txt" for i in range(len(texts))]
    return [doc(n, t) for n, t in zip(names, texts, strict=True)]


def partner_pairs(docs: Sequence[Document]) -> set[tuple[str, int, str, int, str]]:
    index = build_index(docs, dict(INDEX_OPTIONS))
    pairs = set()
    for occ_id, occ in enumerate(index.occurrences):
        for other, kind in index.partners(occ_id):
            o = index.occurrences[other]
            pairs.add(
                (
                    docs[occ.doc].path,
                    occ.quote.span.start,
                    docs[o.doc].path,
                    o.quote.span.start,
                    kind.value,
                )
            )
    return pairs


@PROPERTY
@given(corpora, st.randoms(use_true_random=False))
def test_clustering_is_independent_of_input_order(texts: list[str], rnd: object) -> None:
    docs = build(texts)
    shuffled = list(docs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert (
        build_index(docs, dict(INDEX_OPTIONS)).clusters()
        == build_index(shuffled, dict(INDEX_OPTIONS)).clusters()
    )
    assert partner_pairs(docs) == partner_pairs(shuffled)


@PROPERTY
@given(corpora)
def test_a_document_never_pairs_with_itself_or_its_copy(texts: list[str]) -> None:
    # Every document twice, under two names: the copies are duplicates of each other.
    names = [f"d{i}.txt" for i in range(len(texts))] + [f"copy{i}.txt" for i in range(len(texts))]
    docs = build(texts + texts, names)
    index = build_index(docs, dict(INDEX_OPTIONS))
    for occ_id, occ in enumerate(index.occurrences):
        for other, _ in index.partners(occ_id):
            a, b = occ.doc, index.occurrences[other].doc
            assert a != b
            assert docs[a].text != docs[b].text  # a copy is the duplicate finding, not a quote


@PROPERTY
@given(corpora)
def test_an_unrelated_document_changes_no_cluster(texts: list[str]) -> None:
    docs = build(texts)
    unrelated = doc(
        "unrelated.txt",
        'Weather\n\n"Heavy snow is expected across the northern hills by Friday morning," '
        "forecasters said.\n",
    )
    before = build_index(docs, dict(INDEX_OPTIONS)).clusters()
    after = build_index([*docs, unrelated], dict(INDEX_OPTIONS)).clusters()
    assert before == after
    assert partner_pairs(docs) == partner_pairs([*docs, unrelated])


@PROPERTY
@given(corpora)
def test_summaries_agree_with_the_pairwise_definition(texts: list[str]) -> None:
    docs = build(texts)
    index = build_index(docs, dict(INDEX_OPTIONS))
    for occ_id in range(len(index.occurrences)):
        assert sorted(iter_partners(index, occ_id)) == sorted(index.partners(occ_id))


def test_index_is_built_once_per_run() -> None:
    docs = build(["Title\n\nOne.\n", "Title\n\nTwo.\n"])
    shared: dict[object, object] = {}
    assert corpus_index(docs, {}, shared) is corpus_index(docs, dict(INDEX_OPTIONS), shared)
    assert corpus_index(docs, {"min_words": 7}, shared) is not corpus_index(docs, {}, shared)
    assert corpus_index(docs, {}) is not corpus_index(docs, {})  # no shared space: no reuse


# --- BBC ------------------------------------------------------------------------------


def test_bbc_duplicates_found_without_quote_noise(bbc_corpus: Path) -> None:
    # Byte-identical copies are SC706's (schema), the others SC407's: one owner each.
    config = dataclasses.replace(
        Config(),
        select=("SC403", "SC404", "SC405", "SC406", "SC407", "SC706"),
        today=FIXED_TODAY,
    )
    result = run([str(bbc_corpus)], config)
    duplicates: dict[str, set[str]] = {}
    kinds = {"byte-identical": 0, "near-identical": 0}
    for path, finding in result.findings():
        if finding.rule in ("SC407", "SC706"):
            duplicates.setdefault(path, set()).update(r.path for r in finding.related)
        if finding.rule == "SC706":
            kinds["byte-identical"] += 1
        if finding.rule == "SC407":
            assert "byte-identical" not in finding.message
            kinds["near-identical"] += "near-identical" in finding.message
    assert kinds["byte-identical"] > 50 and kinds["near-identical"] > 10
    for path, finding in result.findings():
        if finding.rule not in ("SC407", "SC706"):
            assert not {r.path for r in finding.related} & duplicates.get(path, set())


def test_byte_identical_copy_of_a_reference_file_is_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Title\n\n" + " ".join(f"word{i}" for i in range(80)) + ".\n"
    (corpus / "old.txt").write_text(text)
    new = tmp_path / "new.txt"
    new.write_text(text)
    config = dataclasses.replace(Config(), select=("SC407",), today=FIXED_TODAY)
    result = run([str(new)], config, corpus=[str(corpus)])
    [finding] = [f for _, f in result.findings()]
    assert finding.message == "Duplicate document: byte-identical to 1 other file"
    assert [r.path for r in finding.related] == [f"{corpus.as_posix()}/old.txt"]
