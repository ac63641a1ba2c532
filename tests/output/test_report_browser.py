"""The report in a real browser (headless Chromium; skipped where there is none, as in CI): the
page's hostile text does not run, the report's own script does, and it renders."""

from __future__ import annotations

import shutil
import subprocess

import lxml.html
import pytest
from helpers import html_page

import cleaner
from cleaner.output.report import ReportEntry, section
from cleaner.output.report_page import report_page

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine")

# Each would mark the <body> if it ran.
HOSTILE = (
    "<script>document.body.setAttribute('data-pwned', 'script')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"
    "<svg onload=\"document.body.setAttribute('data-pwned', 'svg')\"></svg>"
)


def headless(*args: str) -> subprocess.CompletedProcess:
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True)


def hostile_report(tmp_path):
    """The report of a page whose text (shown escaped on the page too) is markup that runs."""
    page = html_page(before=f"<p>{cleaner_escape(HOSTILE)}</p>", after=f"<p>{cleaner_escape(HOSTILE)} more</p>")
    result = cleaner.clean(page, kind="html")
    assert any(HOSTILE in block.text for block in result.page)
    path = tmp_path / "report.html"
    path.write_text(report_page("t", section(ReportEntry("hostile.html", None, result), "doc-1")), encoding="utf-8")
    return path


def cleaner_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_page_text_does_not_run_and_the_report_script_does(tmp_path):
    path = hostile_report(tmp_path)
    dom = lxml.html.fromstring(headless("--dump-dom", f"{path.as_uri()}#show=kept").stdout)
    body = dom.find("body")
    assert body.get("data-pwned") is None
    assert not list(dom.iter("img", "svg"))
    # The report's own script ran: it marks the page and takes the filter from the address.
    assert "js" in dom.get("class", "").split()
    assert body.get("data-show") == "kept"
    assert HOSTILE in dom.text_content()


def test_a_report_renders_to_a_screenshot(tmp_path):
    path = hostile_report(tmp_path)
    shot = tmp_path / "shot.png"
    headless(f"--screenshot={shot}", "--window-size=1000,800", path.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
