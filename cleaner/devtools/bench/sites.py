"""`cleaner bench golden --sites`: how much of each site's template is left, with and without
the site profiles, next to trafilatura alone (with and without its duplicate filter).

For each page of a site case (devtools/golden/sites.py), with words counted as multisets:
- template words: the page's words that are not the article's (expected text and title);
- left: the output's words that are not the article's, as a share of the template words;
- lost: the article's words missing from the output, as a share of the article's words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...model.errors import InputError
from ...read.html_parse import parse_html
from ...read.segments import page_segments
from ..golden.sites import SiteCase, clean_site, find_site_cases
from .metrics import tokens


@dataclass
class SiteScore:
    case: str
    system: str
    pages: int = 0
    template_words: int = 0
    left: int = 0
    article_words: int = 0
    lost: int = 0
    exact: int = 0  # pages whose text is the expected text

    def add(self, page_words: Counter, article: str, title: str, output: str, exact: bool) -> None:
        reference = Counter(tokens(article))
        produced = Counter(tokens(output))
        self.pages += 1
        self.template_words += sum((page_words - reference - Counter(tokens(title))).values())
        self.left += sum((produced - reference).values())
        self.article_words += sum(reference.values())
        self.lost += sum((reference - produced).values())
        self.exact += exact


def page_words(path: Path) -> Counter:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        tree = parse_html(text)
        text = "\n".join(s.text for s in page_segments(tree)) if tree is not None else ""
    return Counter(tokens(text))


def score_case(case: SiteCase, with_trafilatura: bool = True) -> list[SiteScore]:
    pages = case.page_cases()
    words = [page_words(p.input_path) for p in pages]
    runs: dict[str, list[str]] = {}
    for system, profiles in (
        ("cleaner, each page alone", False),
        ("cleaner, batch with site profiles", True),
    ):
        runs[system] = [
            r.text if not isinstance(r, InputError) else "" for r in clean_site(case, profiles=profiles)
        ]
    if with_trafilatura and all(p.input_path.suffix == ".html" for p in pages):
        runs["trafilatura"] = _trafilatura(pages, deduplicate=False)
        runs["trafilatura, deduplicate=True"] = _trafilatura(pages, deduplicate=True)
    scores = []
    for system, outputs in runs.items():
        score = SiteScore(case.name, system)
        for page, page_counter, output in zip(pages, words, outputs):
            expected = page.expected or ""
            score.add(
                page_counter, expected, page.expected_title or "", output, output.strip() == expected.strip()
            )
        scores.append(score)
    return scores


def _trafilatura(pages, *, deduplicate: bool) -> list[str]:
    import trafilatura
    from trafilatura.meta import reset_caches

    reset_caches()  # its duplicate filter is a process-wide cache: start each run empty
    outputs = []
    for page in pages:
        text = trafilatura.extract(page.input_path.read_bytes(), deduplicate=deduplicate, include_tables=True)
        outputs.append(text or "")
    return outputs


def markdown_table(scores: list[SiteScore]) -> str:
    lines = [
        "| site case | pages | system | template words left % | article words lost % | pages exact |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        left = 100 * s.left / s.template_words if s.template_words else 0.0
        lost = 100 * s.lost / s.article_words if s.article_words else 0.0
        lines.append(f"| {s.case} | {s.pages} | {s.system} | {left:.1f} | {lost:.2f} | {s.exact}/{s.pages} |")
    return "\n".join(lines)


def totals(scores: list[SiteScore]) -> list[SiteScore]:
    """One row per system over all cases."""
    by_system: dict[str, SiteScore] = {}
    for s in scores:
        total = by_system.setdefault(s.system, SiteScore("all", s.system))
        for name in ("pages", "template_words", "left", "article_words", "lost", "exact"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
    return list(by_system.values())


def run_sites(root: Path, with_trafilatura: bool = True) -> str:
    if root.name == "sites" and not (root / "sites").is_dir():
        root = root.parent  # given golden/sites rather than golden
    cases = find_site_cases(root)
    if not cases:
        return ""
    scores = [score for case in cases for score in score_case(case, with_trafilatura)]
    return markdown_table(scores + totals(scores))
