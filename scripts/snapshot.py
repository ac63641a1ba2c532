"""Before/after snapshots of everything cleaner outputs, for refactors that must not change it.

    python scripts/snapshot.py snapshot OUT.jsonl.gz [-j N] [--limit N] [--data FOLDER] [--golden FOLDER]
    python scripts/snapshot.py compare A.jsonl.gz B.jsonl.gz

`snapshot` cleans every wcxb-dev page (html/NNNN.html.gz) four ways: the HTML; the HTML with the
site profiles of the whole set (as `cleaner bench --profiles` learns them); the page as page-text
and as loose-text, built by the code `cleaner bench --as page-text|loose-text` uses (cached in the
same place). It also cleans every golden case (golden/<case>/) and every page of the golden site
cases (golden/sites/<case>/), as a batch with profiles and alone. Each document gives one JSON line:
its id, a hash of the input and the whole Result (`to_dict` with the removals and the Markdown), or
the InputError it raised. `--limit N` takes the first N wcxb pages only (golden cases are always in).

`compare` lists the documents whose lines differ, or that one side lacks, and exits 1 when any does
(`--partial`: B was taken with --limit, and what only A has is not counted).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "wcxb-dev"
DEFAULT_GOLDEN = REPO / "golden"
RENDERINGS = ("html", "html+profiles", "page-text", "loose-text")
CHUNK = 20

_profiled: Any = None  # the Cleaner that learned the whole set, in each worker


def _bench() -> Any:
    """The benchmark code that builds the text renderings (imported where it lives)."""
    from cleaner.devtools.bench import text_inputs, wcxb

    return text_inputs, wcxb


def record(doc_id: str, data: bytes | str, clean: Any) -> dict[str, Any]:
    """One document's line: its id, the input's hash, and the Result or the error."""
    import cleaner

    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    line: dict[str, Any] = {"id": doc_id, "input_sha1": hashlib.sha1(raw).hexdigest()}
    try:
        result = clean(data)
    except cleaner.InputError as exc:
        line["error"] = f"InputError: {exc}"
        return line
    line["result"] = result.to_dict(with_removed=True, with_markdown=True)
    return line


def _set_profiled(batch: Any) -> None:
    global _profiled
    _profiled = batch


def _page_lines(args: tuple[list[Any], Path | None]) -> list[dict[str, Any]]:
    import cleaner

    pages, cache_dir = args
    _, wcxb = _bench()
    lines = []
    for page in pages:
        html = page.html()
        url = page.url
        lines.append(record(f"wcxb/{page.id}/html", html, partial(cleaner.clean, url=url, kind="html")))
        if _profiled is not None:
            lines.append(record(f"wcxb/{page.id}/html+profiles", html, partial(_profiled.clean, url=url, kind="auto")))
        for mode in ("page-text", "loose-text"):
            text = wcxb.TextMode(mode, cache_dir).input_for(page)
            lines.append(record(f"wcxb/{page.id}/{mode}", text, partial(cleaner.clean, url=url, kind="text")))
    return lines


def wcxb_lines(folder: Path, jobs: int, limit: int | None) -> Iterator[dict[str, Any]]:
    text_inputs, wcxb = _bench()
    pages = wcxb.load_pages(folder, limit)
    print(f"{len(pages)} wcxb pages: learning the site profiles", file=sys.stderr)
    batch = wcxb.learn_profiles(pages, None)
    _set_profiled(batch)
    cache_dir = text_inputs.default_cache_dir()
    chunks = [(pages[k : k + CHUNK], cache_dir) for k in range(0, len(pages), CHUNK)]
    if jobs <= 1:
        for chunk in chunks:
            yield from _page_lines(chunk)
        return
    with ProcessPoolExecutor(jobs, initializer=_set_profiled, initargs=(batch,)) as pool:
        for n, lines in enumerate(pool.map(_page_lines, chunks), 1):
            if n % 10 == 0:
                print(f"  {min(n * CHUNK, len(pages))} pages", file=sys.stderr)
            yield from lines


def golden_lines(root: Path) -> Iterator[dict[str, Any]]:
    """Every golden case, and every page of the site cases, with and without the batch's profiles."""
    import cleaner

    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        path = next((folder / n for n in ("input.html", "input.txt") if (folder / n).is_file()), None)
        if path is None:
            continue
        url_file = folder / "url.txt"
        url = url_file.read_text(encoding="utf-8").strip() or None if url_file.is_file() else None
        yield record(f"golden/{folder.name}", path.read_bytes(), partial(cleaner.clean, url=url))
    sites = root / "sites"
    for folder in sorted(p for p in sites.iterdir() if (p / "pages").is_dir()) if sites.is_dir() else []:
        site_file = folder / "site.txt"
        site = site_file.read_text(encoding="utf-8").strip() or None if site_file.is_file() else None
        pages = sorted(p for p in (folder / "pages").iterdir() if p.suffix in (".html", ".txt"))
        documents = [cleaner.Document(p.read_bytes(), kind="html" if p.suffix == ".html" else "text") for p in pages]
        results = cleaner.Cleaner(site=site).clean_batch(documents)
        for page, document, result in zip(pages, documents, results):
            yield record(f"golden-sites/{folder.name}/{page.stem}/batch", document.data, lambda d, r=result: _raise(r))
            alone = partial(cleaner.clean, kind=document.kind)
            yield record(f"golden-sites/{folder.name}/{page.stem}/alone", document.data, alone)


def _raise(result: Any) -> Any:
    if isinstance(result, Exception):
        raise result
    return result


def snapshot(out: Path, data: Path, golden: Path, jobs: int, limit: int | None) -> int:
    count = 0
    with gzip.open(out, "wt", encoding="utf-8") as f:
        for line in golden_lines(golden):
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        for line in wcxb_lines(data, jobs, limit):
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"{count} documents written to {out}", file=sys.stderr)
    return 0


def load(path: Path) -> dict[str, str]:
    lines = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for raw in f:
            lines[json.loads(raw)["id"]] = raw
    return lines


def compare(a: Path, b: Path, partial: bool = False) -> int:
    """List the documents that differ or that one side lacks (with `partial`, documents only in A
    are not counted: B was taken with --limit)."""
    left, right = load(a), load(b)
    only_left = [] if partial else sorted(set(left) - set(right))
    only_right = sorted(set(right) - set(left))
    differ = sorted(k for k in set(left) & set(right) if left[k] != right[k])
    for doc_id in only_left:
        print(f"only in {a}: {doc_id}")
    for doc_id in only_right:
        print(f"only in {b}: {doc_id}")
    for doc_id in differ:
        print(f"differs: {doc_id}")
    common = len(set(left) & set(right))
    print(f"{common} documents compared, {len(differ)} differ, {len(only_left)} + {len(only_right)} unmatched")
    return 1 if differ or only_left or only_right else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot", help="clean everything and write one JSON line per document")
    snap.add_argument("out", type=Path)
    snap.add_argument("-j", "--jobs", type=int, default=1)
    snap.add_argument("--limit", type=int, default=None, help="the first N wcxb pages only")
    snap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the wcxb-dev folder")
    snap.add_argument("--golden", type=Path, default=DEFAULT_GOLDEN, help="the golden folder")
    comp = commands.add_parser("compare", help="list the documents that differ; exit 1 when any does")
    comp.add_argument("a", type=Path)
    comp.add_argument("b", type=Path)
    comp.add_argument("--partial", action="store_true", help="B was taken with --limit: ignore what only A has")
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        return snapshot(args.out, args.data, args.golden, args.jobs, args.limit)
    return compare(args.a, args.b, args.partial)


if __name__ == "__main__":
    sys.exit(main())
