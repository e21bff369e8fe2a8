"""`seedcheck report`: per-file reports and the index, their safety and their stability."""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedcheck.cli import main
from seedcheck.model import Family, Finding, Severity
from seedcheck.reports.expectations import expectation_rows
from seedcheck.reports.markup import el, md_text, safe_href
from seedcheck.reports.naming import report_stem, report_stems
from seedcheck.reports.progress import Progress
from seedcheck.reports.writer import parse_formats, write_reports
from seedcheck.runner import RunResult
from tests.conftest import ROOT, SEEDS
from tests.reports_support import REPORT_FIXTURES, fixture_run


def markdown_prose(text: str) -> str:
    """Markdown without its fenced code blocks (which renderers show literally, unparsed)."""
    return re.sub(r"(?ms)^(`{3,})text$.*?^\1$", "", text)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_report_on_the_seeds_writes_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r"
    assert main(["report", "examples/seeds", "--out", str(out)]) == 0
    files = _tree(out)
    assert {n for n in files if n.startswith("index.")} == {"index.html", "index.md", "index.json"}
    reports = [n for n in files if n.startswith("files/")]
    assert len(reports) == 9  # 3 seeds x (html, md, json)
    for suffix in (".html", ".md", ".json"):
        assert sum(n.endswith(suffix) for n in reports) == 3
    index = json.loads(files["index.json"])
    assert [f["path"] for f in index["files"]] == [
        f"examples/seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))
    ]
    for row in index["files"]:  # every link in the index points at a written report
        assert f"{row['report']}.html" in files
    seed0 = json.loads(next(v for k, v in files.items() if "000_" in k and k.endswith(".json")))
    extracted = seed0["extracted"]
    assert extracted["date"] == {
        "value": "2021-04-06",
        "raw": "April 06, 2021",
        "origin": "date-line",
        "line": 7,
        "column": 1,
        "error": None,
    }
    assert extracted["byline"]["value"] == "AFP"
    assert extracted["source_urls"][0]["line"] == 67
    assert seed0["quotes"][0]["speaker"] == "Zelenskiy"
    assert "\r" not in capsys.readouterr().err  # stderr is not a TTY here: no progress bar


def test_report_is_byte_identical_on_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["report", "examples/seeds", "--out", str(tmp_path / "one")]) == 0
    assert main(["report", "examples/seeds", "--out", str(tmp_path / "two")]) == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    # Rewriting into the same folder gives the same bytes again (atomic replace, no leftovers).
    assert main(["report", "examples/seeds", "--out", str(tmp_path / "one")]) == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_a_rerun_removes_the_reports_of_files_no_longer_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert main(["report", "seeds", "--out", "out", "--no-expectations"]) == 0
    mine = out / "files" / "notes.txt"  # the user's, never written by seedcheck
    mine.write_text("keep me")
    (out / "outside.html").write_text("keep me too")
    before = _tree(out)
    gone = sorted(seeds.glob("*.txt"))[0]
    gone.unlink()
    assert main(["report", "seeds", "--out", "out", "--no-expectations", "-f", "json"]) == 0
    after = _tree(out)
    assert [n for n in after if n.startswith("files/") and n != "files/notes.txt"] == sorted(
        n for n in before if n.startswith("files/") and n.endswith(".json") and gone.stem not in n
    )
    assert "index.json" in after and "index.html" not in after  # html not asked for this time
    assert after["files/notes.txt"] == b"keep me" and after["outside.html"] == b"keep me too"


def test_an_edited_manifest_never_removes_anything_outside_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcheck.reports.writer import MANIFEST

    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out.mkdir()
    for listed in (["../victim.txt", str(victim), "files"], "not a list", None):
        (out / MANIFEST).write_text(json.dumps({"written": listed}))
        assert main(["report", "examples/seeds", "--out", str(out), "--no-expectations"]) == 0
        assert victim.read_text() == "precious" and (out / "files").is_dir()
    (out / MANIFEST).write_bytes(b"\xff not json")
    assert main(["report", "examples/seeds", "--out", str(out), "--no-expectations"]) == 0


def test_timestamp_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["report", "examples/seeds", "--out", str(tmp_path), "--timestamp"]) == 0
    index = json.loads((tmp_path / "index.json").read_text())
    assert index["generated_at"].endswith("Z")
    assert " at 20" in (tmp_path / "index.html").read_text()


def test_format_selection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["report", "examples/seeds", "--out", str(tmp_path), "--format", "json,md"]) == 0
    assert {p.suffix for p in tmp_path.rglob("*.*")} == {".json", ".md"}
    assert main(["report", "examples/seeds", "--out", str(tmp_path), "--format", "pdf"]) == 2
    assert parse_formats(["html", "markdown,JSON"]) == ("json", "md", "html")
    assert parse_formats([]) == ("json", "md", "html")


def test_hostile_file_name_and_content_stay_escaped_and_inside_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    payload = (
        "<script>alert('title')</script>\n\n"
        "Body with <img src=x onerror=alert(1)> and [link](javascript:alert(2)).\n\n"
        '"<script>alert(3)</script>," said Mr <b>Bold</b>.\n\n'
        "Original url:\n\n<javascript:alert(4)>\n"
    )
    (tmp_path / "evil<script>.txt").write_text(payload, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a" / "b")
    out = tmp_path / "a" / "b" / "out"
    assert main(["report", "../../evil<script>.txt", "--out", str(out)]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "evil<script>.txt"]
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    html_report = next(p for p in written if p.suffix == ".html" and p.parent.name == "files")
    page = html_report.read_text(encoding="utf-8")
    assert "<script" not in page  # file reports carry no script at all
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>" not in page
    assert 'href="javascript' not in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<script") == 1 and "<script>alert" not in index  # only our sorter
    assert "../../evil&lt;script&gt;.txt" in index
    for md in (p for p in written if p.suffix == ".md"):
        prose = markdown_prose(md.read_text(encoding="utf-8"))
        assert "<script" not in prose and "<img" not in prose and "<b>" not in prose


def test_report_names_are_safe_unique_and_stable() -> None:
    paths = [
        "../../evil<script>.txt",
        "/etc/passwd",
        "a/x.txt",
        "b/x.txt",
        "a_x.txt",
        "..",
        "C:\\docs\\x.txt",
        "é/" + "long" * 80 + ".txt",
    ]
    stems = report_stems(paths)
    assert len(set(stems.values())) == len(paths)
    for stem in stems.values():
        assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
        assert ".." not in stem.replace("...", "")
        assert len(stem) < 120
        assert stem.isascii()
    assert stems["a/x.txt"].startswith("a_x.txt-") and stems["a_x.txt"].startswith("a_x.txt-")
    assert report_stem("a/x.txt") == report_stems(["zzz", "a/x.txt"])["a/x.txt"]  # stable
    assert report_stem("../../evil<script>.txt").startswith("evil_script_.txt-")


def test_file_report_shows_evidence_fix_and_cross_file_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = fixture_run(monkeypatch)
    write_reports(result, tmp_path)
    stems = report_stems(["a.txt", "b.txt"])
    page = (tmp_path / "files" / f"{stems['a.txt']}.html").read_text()
    assert "<mark>NATO</mark> ministers met on Tuesday." in page
    assert "Suggested fix: </strong>Write it as a word. Replace with <code>Nato</code>" in page
    assert f'href="{stems["b.txt"]}.html" title="b.txt">b.txt:3</a>' in page
    assert page.count(f'href="{stems["b.txt"]}.html"') == 2
    md = (tmp_path / "files" / f"{stems['a.txt']}.md").read_text()
    assert "    3 | NATO ministers met on Tuesday.\n        ^^^^\n" in md
    assert f"[b.txt:3]({stems['b.txt']}.md)" in md
    data = json.loads((tmp_path / "files" / f"{stems['a.txt']}.json").read_text())
    multi = next(f for f in data["findings"] if f["rule"] == "SC992")
    assert [c["line"] for c in multi["context"]] == [1, 2, 3]
    index = json.loads((tmp_path / "index.json").read_text())
    assert index["clusters"][0]["places"] == [
        {"path": "a.txt", "label": "a.txt", "line": 5, "report": stems["a.txt"]},
        {"path": "b.txt", "label": "b.txt", "line": 3, "report": stems["b.txt"]},
    ]
    assert [r["rule"] for r in index["rules"]] == ["SC101", "SC991", "SC990", "SC992"]
    assert index["files_with_errors"] == ["a.txt", "b.txt"]


def test_expectations_are_rendered_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = fixture_run(monkeypatch)
    # The shape of seedcheck.expectations.gx.run_expectations, plus one GX finding in a.txt.
    result.expectations = {
        "success": False,
        "suites": [
            {
                "name": "documents",
                "table": "documents",
                "success": False,
                "results": [
                    {
                        "type": "expect_column_values_to_not_be_null",
                        "kwargs": {"column": "date", "mostly": 0.9},
                        "severity": "critical",
                        "success": False,
                        "result": {"unexpected_count": 2, "element_count": 2},
                        "findings": 1,
                    },
                    {
                        "type": "expect_table_row_count_to_be_between",
                        "kwargs": {"min_value": 1},
                        "severity": "warning",
                        "success": True,
                        "result": {"observed_value": 2},
                    },
                ],
            }
        ],
    }
    gx = Finding(
        "GX",
        "expect_column_values_to_not_be_null",
        Family.SCHEMA,
        Severity.ERROR,
        "Expectation failed: date = <None>",
    )
    result.files[0].findings.append(gx)
    write_reports(result, tmp_path)
    stems = report_stems(["a.txt", "b.txt"])
    a_page = (tmp_path / "files" / f"{stems['a.txt']}.html").read_text()
    b_page = (tmp_path / "files" / f"{stems['b.txt']}.html").read_text()
    assert "Expectations (1, 1 failed)" in a_page and "date = &lt;None&gt;" in a_page
    assert "Expectations" not in b_page
    index_html = (tmp_path / "index.html").read_text()
    assert "Expectations (2, 1 failed)" in index_html
    assert "2 of 2 rows unexpected" in index_html and "observed 2" in index_html
    index = (tmp_path / "index.md").read_text()
    assert "expect\\_table\\_row\\_count\\_to\\_be\\_between" in index
    # A run without expectations (no attribute at all) renders as before.
    assert expectation_rows(RunResult([], [])) == []
    assert expectation_rows(result)[0]["column"] == "date"


def test_long_lines_are_clipped_in_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(REPORT_FIXTURES, folder)
    (folder / "a.txt").write_text("T\n\n" + "x" * 500_000 + " NATO " + "y" * 500_000 + "\n")
    result = fixture_run(monkeypatch, folder)
    write_reports(result, tmp_path / "out", ["json"])
    stem = report_stems(["a.txt"])["a.txt"]
    data = json.loads((tmp_path / "out" / "files" / f"{stem}.json").read_text())
    (ctx,) = next(f for f in data["findings"] if f["rule"] == "SC990")["context"]
    assert ctx["match"] == "NATO" and len(ctx["before"]) < 200 and len(ctx["after"]) < 200


def test_escaping_helpers() -> None:
    assert el("p", "<b>&", title='"x"') == '<p title="&quot;x&quot;">&lt;b&gt;&amp;</p>'
    assert md_text("1. *a* <b> | [x](y)") == "1\\. \\*a\\* &lt;b&gt; \\| \\[x\\]\\(y\\)"
    assert md_text("line\nbreak - here") == "line break - here"
    assert safe_href("https://example.com/a") == "https://example.com/a"
    assert safe_href("javascript:alert(1)") is None and safe_href("//evil") is None


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    with Progress(3, "x", stream=quiet) as bar:
        for _ in range(3):
            bar.advance()
    assert quiet.getvalue() == ""
    tty = _Tty()
    with Progress(3, "x", stream=tty) as bar:
        for _ in range(3):
            bar.advance()
    assert "3/3" in tty.getvalue() and tty.getvalue().endswith("\r\033[K")


def test_reports_are_readable_like_normal_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        write_reports(fixture_run(monkeypatch), tmp_path / "out", ["md"])
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").rglob("*.md")}
    assert modes == {0o644}  # not mkstemp's 0600
    assert not list((tmp_path / "out").rglob("*.tmp"))  # no temporary leftovers


_OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "footer",
    "div",
    "span",
    "a",
    "h1",
    "h2",
    "p",
    "dl",
    "dt",
    "dd",
    "section",
    "header",
    "mark",
    "code",
    "strong",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "pre",
    "input",
    "script",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


_HOSTILE = st.sampled_from(
    [
        "<script>",
        "</td>",
        "<img src=x>",
        '"',
        "'",
        "&amp;",
        "`",
        "|",
        "*",
        "[x](javascript:y)",
        "\n",
        "\n\n",
        "“",
        "”",
        "NATO",
        "\x1b",
        "\x00",
        "\ufeff",
        "Original url:\n\n<https://x.y/>",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.one_of(_HOSTILE, st.text(max_size=20)), max_size=30))
def test_any_text_renders_with_only_our_markup(
    parts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPORT_FIXTURES, folder)
    (folder / "a.txt").write_text("".join(parts), encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    write_reports(fixture_run(monkeypatch, folder), out, ["html", "md", "json"])
    for page in out.rglob("*.html"):
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.tags <= _OUR_TAGS, page
        assert all(
            h.startswith(("https://", "http://")) or h.endswith(".html") for h in parser.hrefs
        )
        if page.parent.name == "files":
            assert "script" not in parser.tags
    for md in out.rglob("*.md"):
        # Outside fenced code blocks (shown literally) the only raw HTML is our own <br>.
        prose = markdown_prose(md.read_text(encoding="utf-8"))
        assert "<" not in prose.replace("<br>", ""), md


def test_clusters_only_span_files() -> None:
    from seedcheck.model import FileResult, Related
    from seedcheck.reports.view import index_view

    same = Finding(
        "SC207", "x", Family.PROVENANCE, Severity.INFO, "m", 5, 1, related=(Related("a.txt", 67),)
    )
    cross = Finding(
        "SC401", "y", Family.QUOTES, Severity.WARNING, "q", 3, 1, related=(Related("b.txt", 9),)
    )
    back = Finding(
        "SC401",
        "y",
        Family.QUOTES,
        Severity.WARNING,
        "q",
        9,
        1,
        related=(Related("a.txt", 3), Related("c.txt", 1)),
    )
    result = RunResult([FileResult("a.txt", [same, cross]), FileResult("b.txt", [back])], [])
    view = index_view(result, report_stems(["a.txt", "b.txt"]))
    (cluster,) = view["clusters"]
    assert [(p["path"], p["line"], p["report"] is not None) for p in cluster["places"]] == [
        ("a.txt", 3, True),
        ("b.txt", 9, True),
        ("c.txt", 1, False),  # c.txt: reference corpus
    ]
    assert cluster["files"] == 3


def test_report_runs_the_expectations_by_default(tmp_path: Path) -> None:
    from seedcheck.cli import main
    from tests.conftest import SEEDS

    out = tmp_path / "r"
    assert main(["report", str(SEEDS), "--out", str(out), "--format", "json"]) == 0
    index = json.loads((out / "index.json").read_text("utf-8"))
    names = {item["name"] for item in index["expectations"]}
    assert "expect_column_values_to_be_unique" in names
    assert main(["report", str(SEEDS), "--out", str(tmp_path / "q"), "-f", "json",
                 "--no-expectations"]) == 0  # fmt: skip
    assert not json.loads((tmp_path / "q" / "index.json").read_text("utf-8"))["expectations"]
