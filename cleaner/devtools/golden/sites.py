"""Golden site cases: many pages of one site, cleaned as a batch with site profiles.

A site case is a folder `golden/sites/<case-name>/` with:

- `pages/`: the site's pages (`*.html` or `*.txt`), each a different article in one template;
- `expected/<page stem>.txt`: the expected `Result.text` of each page, ending with one newline,
  and optionally `expected/<page stem>.title.txt`, the expected `Result.title`;
- `site.txt` (optional): the site of every page, as `--site` gives it (text pages carry no URL;
  HTML pages declare theirs);
- `known_failures/<page stem>.txt` (optional): why a page cannot pass yet (see golden.py).

The pages are cleaned together by a Cleaner, learning the batch first (cleaner.batch).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...batch import Cleaner, Document
from ...model.errors import InputError
from ...model.result import Result
from ...pipeline import clean
from .cases import Case, CaseResult, compare

SITES_FOLDER = "sites"
PAGE_SUFFIXES = (".html", ".txt")


@dataclass(frozen=True)
class SiteCase:
    name: str
    folder: Path

    @property
    def pages(self) -> list[Path]:
        folder = self.folder / "pages"
        return sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES and p.is_file())

    @property
    def site(self) -> str | None:
        path = self.folder / "site.txt"
        return path.read_text(encoding="utf-8").strip() or None if path.is_file() else None

    def page_cases(self) -> list[PageCase]:
        return [PageCase(f"{self.name}/{page.stem}", self.folder, page) for page in self.pages]


@dataclass(frozen=True)
class PageCase(Case):
    """One page of a site case; its files sit under the site case's folder."""

    def _file(self, folder: str, suffix: str = ".txt") -> Path:
        return self.folder / folder / f"{self.input_path.stem}{suffix}"

    @property
    def url(self) -> str | None:
        return None

    @property
    def expected(self) -> str | None:
        return _read(self._file("expected"))

    @property
    def expected_title(self) -> str | None:
        return _read(self._file("expected", ".title.txt"))

    @property
    def known_failure(self) -> str | None:
        text = _read(self._file("known_failures"))
        return text.strip() or None if text is not None else None


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8").removesuffix("\n") if path.is_file() else None


def find_site_cases(root: Path | str) -> list[SiteCase]:
    folder = Path(root) / SITES_FOLDER
    if not folder.is_dir():
        return []
    return [SiteCase(p.name, p) for p in sorted(folder.iterdir()) if p.is_dir() and (p / "pages").is_dir()]


def clean_site(case: SiteCase, *, profiles: bool = True) -> list[Result | InputError]:
    """The results for the case's pages, in order: a batch with profiles, or each page alone."""
    documents = [Document(p.read_bytes(), kind="html" if p.suffix == ".html" else "text") for p in case.pages]
    if profiles:
        return Cleaner(site=case.site).clean_batch(documents)
    return [_clean_alone(d) for d in documents]


def _clean_alone(document: Document) -> Result | InputError:
    try:
        return clean(document.data, kind=document.kind)
    except InputError as exc:
        return exc


def run_site_case(case: SiteCase) -> list[CaseResult]:
    """One CaseResult per page, named <case>/<page stem>."""
    results = []
    for page_case, output in zip(case.page_cases(), clean_site(case)):
        result = CaseResult(page_case)
        if isinstance(output, InputError):
            result.error = f"InputError: {output}"
        else:
            result.text, result.title = output.text, output.title
            compare(result, page_case)
        results.append(result)
    return results
