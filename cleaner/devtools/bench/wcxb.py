"""Score extractors on a WCXB-format folder (html/NNNN.html.gz + ground-truth/NNNN.json)."""

from __future__ import annotations

import gzip
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import mean, snippet_rate, tokens, word_f1

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


@dataclass
class Page:
    id: str
    path: Path
    url: str | None
    page_type: str
    reference: str
    with_snippets: list[str]
    without_snippets: list[str]

    def html(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())


def load_pages(folder: str | Path, limit: int | None = None) -> list[Page]:
    folder = Path(folder)
    pages = []
    for truth_path in sorted((folder / "ground-truth").glob("*.json")):
        html_path = folder / "html" / f"{truth_path.stem}.html.gz"
        if not html_path.exists():
            continue
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth", {})
        page_type = data.get("_internal", {}).get("page_type", {}).get("primary", "unknown")
        pages.append(
            Page(
                truth_path.stem,
                html_path,
                data.get("url"),
                "collection" if page_type == "category" else page_type,
                truth.get("main_content") or "",
                list(truth.get("with") or []),
                list(truth.get("without") or []),
            )
        )
        if limit and len(pages) >= limit:
            break
    return pages


# Systems: name -> function(html bytes, url) -> text. Imported lazily in the worker.
def _cleaner(html: bytes, url: str | None) -> str:
    import cleaner

    return cleaner.clean(html, url=url, kind="html").text


def _trafilatura(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""


def _readability(html: bytes, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def _justext(html: bytes, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


SYSTEMS: dict[str, Callable[[bytes, str | None], str]] = {
    "cleaner": _cleaner,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "jusText": _justext,
}
PEERS = ("readability-lxml", "jusText")


def _cleaner_text(text: str, url: str | None) -> str:
    import cleaner

    return cleaner.clean(text, url=url, kind="text").text


def _cleaner_rules_text(text: str, url: str | None) -> str:
    """The text path without the line model: the rules' decisions alone, in the same run."""
    from ...judge.page import judge_text_page
    from ...output.results import render_kept
    from ...read.document import decode_document
    from ...read.text_blocks import text_blocks

    decoded = decode_document(text, "text")[0]
    blocks = text_blocks(decoded)
    decisions, _ = judge_text_page(blocks, None, None)
    return render_kept(blocks, decisions, None)[0]


def _no_cleaning(text: str, url: str | None) -> str:
    return text


def _c4(text: str, url: str | None) -> str:
    from .text_inputs import c4_line_filter

    return c4_line_filter(text)


# The batch's site profiles, learned in the main process before scoring and given to each worker
# (`cleaner bench --profiles`): the system "cleaner + site profiles" cleans with them.
PROFILED = "cleaner + site profiles"
_profiled: Any = None


def learn_profiles(pages: list[Page], mode: TextMode | None) -> Any:
    """A Cleaner that has learned every page of the run, each under its URL's host."""
    from ...batch import Cleaner

    batch = Cleaner()
    for page in pages:
        data = page.html() if mode is None else mode.input_for(page)
        batch.learn(data, url=page.url, kind="auto" if mode is None else "text")
    return batch


def use_profiles(batch: Any) -> None:
    global _profiled
    _profiled = batch


def _cleaner_with_profiles(data: bytes | str, url: str | None) -> str:
    kind = "text" if isinstance(data, str) else "auto"
    return _profiled.clean(data, url=url, kind=kind).text


# Systems of the text path: name -> function(text, url) -> text.
TEXT_SYSTEMS: dict[str, Callable[[str, str | None], str]] = {
    "cleaner": _cleaner_text,
    "cleaner, rules only": _cleaner_rules_text,
    "no cleaning": _no_cleaning,
    "C4 line filter": _c4,
}


@dataclass(frozen=True)
class TextMode:
    """Score the text path on the pages as text (page-text or loose-text), cached in cache_dir."""

    name: str
    cache_dir: Path | None

    def input_for(self, page: Page) -> str:
        from .text_inputs import text_input

        cache_file = self.cache_dir / self.name / f"{page.id}.txt" if self.cache_dir else None
        return text_input(self.name, page.html(), page.url, cache_file)


@dataclass
class PageScore:
    page: str
    page_type: str
    precision: float
    recall: float
    f1: float
    with_rate: float | None
    without_rate: float | None
    seconds: float
    output: str = ""
    error: str | None = None
    input_bytes: int = 0  # size of the input (UTF-8 for text), for throughput


def score_page(system: str, page: Page, keep_output: bool = False, mode: TextMode | None = None) -> PageScore:
    """One system on one page: the HTML, or with a text mode the page as text."""
    data: bytes | str = page.html() if mode is None else mode.input_for(page)
    if system == PROFILED:  # only with --profiles, for HTML and text alike
        function: Callable[[Any, str | None], str] = _cleaner_with_profiles
    else:
        function = SYSTEMS[system] if mode is None else TEXT_SYSTEMS[system]
    start = time.perf_counter()
    error = None
    try:
        output = function(data, page.url)
    except Exception as exc:  # noqa: BLE001 -- a peer's crash scores as an empty output, and is reported
        output, error = "", f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    precision, recall, f1 = word_f1(output, page.reference)
    return PageScore(
        page.id,
        page.page_type,
        precision,
        recall,
        f1,
        snippet_rate(output, page.with_snippets),
        snippet_rate(output, page.without_snippets),
        seconds,
        output if keep_output else "",
        error,
        len(data) if isinstance(data, bytes) else len(data.encode("utf-8")),
    )


def _score_chunk(args: tuple[str, list[Page], bool, TextMode | None]) -> list[PageScore]:
    system, pages, keep, mode = args
    return [score_page(system, page, keep, mode) for page in pages]


def run(
    pages: list[Page],
    systems: list[str],
    jobs: int = 1,
    keep_output: bool = False,
    mode: TextMode | None = None,
) -> dict[str, list[PageScore]]:
    """Score every system on every page; timing is per call, so docs/s is single-process speed."""
    results: dict[str, list[PageScore]] = {}
    if PROFILED in systems:
        use_profiles(learn_profiles(pages, mode))
    for system in systems:
        if jobs <= 1:
            results[system] = [score_page(system, p, keep_output, mode) for p in pages]
            continue
        chunks = [pages[k : k + 25] for k in range(0, len(pages), 25)]
        with ProcessPoolExecutor(jobs, initializer=use_profiles, initargs=(_profiled,)) as pool:
            scored = pool.map(_score_chunk, [(system, c, keep_output, mode) for c in chunks])
            results[system] = [s for chunk in scored for s in chunk]
    return results


@dataclass
class Summary:
    system: str
    f1: dict[str, float] = field(default_factory=dict)
    with_rate: float = 0.0
    without_rate: float = 0.0
    docs_per_second: float = 0.0
    errors: int = 0
    megabytes_per_second: float = 0.0


def summarise(system: str, scores: list[PageScore]) -> Summary:
    by_type: dict[str, list[float]] = defaultdict(list)
    for s in scores:
        by_type[s.page_type].append(s.f1)
    summary = Summary(system)
    summary.f1["all"] = mean([s.f1 for s in scores])
    for page_type in PAGE_TYPES:
        if by_type.get(page_type):
            summary.f1[page_type] = mean(by_type[page_type])
    summary.with_rate = mean([s.with_rate for s in scores if s.with_rate is not None])
    summary.without_rate = mean([s.without_rate for s in scores if s.without_rate is not None])
    total = sum(s.seconds for s in scores)
    summary.docs_per_second = len(scores) / total if total else float("inf")
    summary.megabytes_per_second = sum(s.input_bytes for s in scores) / 1e6 / total if total else float("inf")
    summary.errors = sum(1 for s in scores if s.error)
    return summary


def markdown_table(summaries: list[Summary], counts: dict[str, int], throughput: bool = False) -> str:
    """The results table; with throughput, a column of input megabytes per second."""
    types = [t for t in PAGE_TYPES if t in counts]
    header = ["system", f"all ({counts.get('all', 0)})"] + [f"{t} ({counts[t]})" for t in types]
    header += ["with %", "without %", "docs/s"] + (["MB/s"] if throughput else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for s in summaries:
        row = [s.system, f"{s.f1['all']:.3f}"] + [f"{s.f1.get(t, float('nan')):.3f}" for t in types]
        row += [f"{100 * s.with_rate:.1f}", f"{100 * s.without_rate:.1f}", f"{s.docs_per_second:.1f}"]
        if throughput:
            row.append(f"{s.megabytes_per_second:.2f}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def worst_pages(
    ours: list[PageScore], pages: dict[str, Page], n: int, baseline: list[PageScore] | None = None
) -> Iterator[str]:
    """The pages where we lose most, with the words we kept that the truth lacks and those we dropped."""
    from collections import Counter

    base = {s.page: s for s in baseline or []}
    ranked = sorted(ours, key=lambda s: (s.f1 - base[s.page].f1) if s.page in base else s.f1)
    for s in ranked[:n]:
        page = pages[s.page]
        pred, ref = Counter(tokens(s.output)), Counter(tokens(page.reference))
        extra = ", ".join(w for w, _ in (pred - ref).most_common(25))
        missing = ", ".join(w for w, _ in (ref - pred).most_common(25))
        vs = f" (trafilatura {base[s.page].f1:.3f})" if s.page in base else ""
        yield (
            f"## {s.page} [{s.page_type}] F1 {s.f1:.3f}{vs} P {s.precision:.3f} R {s.recall:.3f} {page.url or ''}\n"
            f"kept, not in truth: {extra or '-'}\ndropped, in truth: {missing or '-'}\n"
        )


# A page "lost" against a baseline: the article vanished where the baseline found it, or the page
# came out far below it. The first is the worst failure of a boilerplate stripper.
LOST_BELOW = 0.05
BASELINE_FOUND = 0.5
FAR_BELOW = 0.3


def losses_against(results: dict[str, list[PageScore]], baseline: str) -> Iterator[str]:
    """For each other system: how many pages it lost where the baseline found the article."""
    base = {s.page: s.f1 for s in results[baseline]}
    for system, scores in results.items():
        if system == baseline:
            continue
        lost = [s.page for s in scores if s.f1 < LOST_BELOW and base.get(s.page, 0.0) > BASELINE_FOUND]
        far = [s.page for s in scores if s.f1 <= base.get(s.page, 0.0) - FAR_BELOW]
        yield (
            f"{system}: {len(lost)} pages below {LOST_BELOW} F1 where {baseline} is above {BASELINE_FOUND}"
            f"{' (' + ', '.join(lost[:20]) + ')' if lost else ''}; "
            f"{len(far)} pages ({100 * len(far) / max(1, len(scores)):.1f}%) {FAR_BELOW} or more below {baseline}"
        )


def save_scores(results: dict[str, list[PageScore]], path: Path) -> None:
    """Every page's scores per system, for comparing runs page by page."""
    from dataclasses import asdict

    data = {system: [asdict(s) for s in scores] for system, scores in results.items()}
    path.write_text(json.dumps(data), encoding="utf-8")
