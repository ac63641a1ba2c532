"""An explain report written as a run goes (`cleaner explain`, `cleaner clean --report`).

Up to SINGLE_FILE_DOCUMENTS documents it is one HTML file: a section per document, after a table
of them. Past that, one page would be too long to open: the file becomes the index and each
document gets a page of its own, in a folder beside it named as browsers name a saved page's
files (report.html -> report_files/0001.html). Nothing else is written.
"""

from __future__ import annotations

import os
from html import escape
from typing import Any

from ..model.result import Result
from ..output.report import ReportEntry, section
from ..output.report_index import IndexRow, index_row, index_table
from ..output.report_page import report_page

SINGLE_FILE_DOCUMENTS = 50
TITLE = "cleaner explain"


def pages_folder(path: str) -> str:
    """Where the pages of a report at `path` go when it has a page per document."""
    root, _ = os.path.splitext(path)
    return root + "_files"


def write_file(path: str, content: str) -> None:
    """Write a whole file at once: an interrupted run leaves no half-written page."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    os.replace(partial, path)


class ReportWriter:
    """Takes the run's documents one by one (add) and writes the report (close)."""

    def __init__(self, path: str, *, single_file_documents: int | None = None) -> None:
        self.path = path
        self.limit = SINGLE_FILE_DOCUMENTS if single_file_documents is None else single_file_documents
        self.held: list[ReportEntry] = []  # until there are too many for one file
        self.rows: list[IndexRow] = []
        self.pending: ReportEntry | None = None  # its page is written when the next one comes
        self.count = 0
        self.paged = False

    def add(self, entry: ReportEntry) -> None:
        self.count += 1
        if self.paged:
            self._add_page(self.count, entry)
            return
        self.held.append(entry)
        if len(self.held) > self.limit:  # one file would be too long: a page each from now on
            self.paged = True
            for number, earlier in enumerate(self.held, 1):
                self._add_page(number, earlier)
            self.held = []

    def close(self) -> None:
        if not self.paged:
            write_file(self.path, self._single_file())
            return
        if self.pending is not None:
            self._write_page(self.count, self.pending, last=True)
        noun = "document" if self.count == 1 else "documents"
        body = f"<p>{self.count} {noun}, a page each.</p>" + index_table(self.rows)
        write_file(self.path, report_page(f"{TITLE}: {self.count} {noun}", body, blocks=False))

    def _single_file(self) -> str:
        noun = "document" if len(self.held) == 1 else "documents"
        parts = []
        if len(self.held) > 1:
            rows = [index_row(k, entry, f"#doc-{k}") for k, entry in enumerate(self.held, 1)]
            parts.append(index_table(rows))
        parts += [section(entry, f"doc-{k}") for k, entry in enumerate(self.held, 1)]
        return report_page(f"{TITLE}: {len(self.held)} {noun}", "\n".join(parts))

    def _add_page(self, number: int, entry: ReportEntry) -> None:
        """Its index row now, its page once the next document is known (for the "next" link)."""
        folder = os.path.basename(pages_folder(self.path))
        self.rows.append(index_row(number, entry, f"{folder}/{_page_name(number)}"))
        if self.pending is not None:
            self._write_page(number - 1, self.pending, last=False)
        self.pending = entry

    def _write_page(self, number: int, entry: ReportEntry, *, last: bool) -> None:
        links = [f'<a href="../{escape(os.path.basename(self.path))}">index</a>']
        if number > 1:
            links.append(f'<a href="{_page_name(number - 1)}">previous</a>')
        if not last:
            links.append(f'<a href="{_page_name(number + 1)}">next</a>')
        nav = f"<nav>{''.join(links)}</nav>"
        page = report_page(f"{TITLE}: {number}. {entry.label}", section(entry, f"doc-{number}"), nav=nav)
        write_file(os.path.join(pages_folder(self.path), _page_name(number)), page)


def _page_name(number: int) -> str:
    return f"{number:04d}.html"


def report_entry(output: dict[str, Any], result: Result | None, label: str) -> ReportEntry:
    """A run's document as the report shows it: its output record's label, URL and error, and the
    Result it was made from."""
    error = output.get("error")
    if error:
        detail = output.get("error_detail")
        error = f"{error.replace('_', ' ')}: {detail}" if detail else error.replace("_", " ")
    return ReportEntry(label, output.get("url"), result, error)
