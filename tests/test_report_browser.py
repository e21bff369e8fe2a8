"""The HTML reports in a real headless Chromium: they load, the script runs, sorting works.

Skipped when no Chromium/Chrome is installed (`apt-get install chromium` on Debian).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from seedcheck.reports.writer import write_reports
from tests.reports_support import fixture_run

pytestmark = pytest.mark.e2e

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium/Chrome installed")


def _dump_dom(page: Path, profile: Path) -> str:
    command = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "out"
    write_reports(fixture_run(monkeypatch), out, ["html"])
    return out


def test_index_renders_and_sorts(written: Path, tmp_path: Path) -> None:
    index = written / "index.html"
    dom = _dump_dom(index, tmp_path / "profile1")
    assert "Seed corpus report" in dom
    # The inline script ran: it marks every header of a sortable table.
    assert re.search(r'<th[^>]*class="n sortable"', dom)
    # Click "Info" (numbers sort descending first): b.txt has 1 info, a.txt has 2.
    probe = index.with_name("probe.html")
    click = (
        "<script>document.querySelectorAll('#files th')[5].click();"
        "document.querySelectorAll('#files th')[5].click();</script>"
    )
    probe.write_text(index.read_text(encoding="utf-8").replace("</body>", click + "</body>"))
    sorted_dom = _dump_dom(probe, tmp_path / "profile2")
    rows = re.findall(
        r'<tr data-i="\d+"><td class="mono path-cell"><a [^>]*>([^<]+)</a>', sorted_dom
    )
    assert rows == ["b.txt", "a.txt"]  # second click: ascending
    assert 'aria-sort="ascending"' in sorted_dom


def test_file_report_renders(written: Path, tmp_path: Path) -> None:
    page = next((written / "files").glob("a.txt-*.html"))
    dom = _dump_dom(page, tmp_path / "profile")
    assert "<h1>Talks stall in Brussels</h1>" in dom
    assert "<mark>NATO</mark>" in dom
    assert dom.count('class="finding ') == 4
