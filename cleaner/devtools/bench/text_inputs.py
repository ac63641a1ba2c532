"""Text versions of benchmark pages, for scoring the text path (`cleaner bench --as MODE`).

- page-text: the whole page as text, as a crawler dump has it (html-text with its layout guess):
  navigation, footers, cookie notices and all.
- loose-text: trafilatura tuned for recall, comments and tables included, falling back to
  page-text when it returns nothing: an article with residue, like a loose extractor's output.

Building them costs more than cleaning them, so each is made once and cached on disk.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MODES = ("page-text", "loose-text")


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner" / "bench"


def page_text(html: bytes) -> str:
    import html_text

    return html_text.extract_text(html.decode("utf-8", errors="replace"), guess_layout=True)


def loose_text(html: bytes, url: str | None) -> str:
    import trafilatura

    extracted = trafilatura.extract(
        html, url=url, favor_recall=True, include_comments=True, include_tables=True
    )
    return extracted or page_text(html)


def text_input(mode: str, html: bytes, url: str | None, cache_file: Path | None) -> str:
    """The page as MODE text, read from cache_file when it is there, written to it when not."""
    if cache_file is not None and cache_file.exists():
        return cache_file.read_text(encoding="utf-8")
    if mode == "page-text":
        text = page_text(html)
    elif mode == "loose-text":
        text = loose_text(html, url)
    else:
        raise ValueError(f"unknown text mode {mode!r}; expected one of {', '.join(MODES)}")
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(cache_file)  # a parallel worker never reads half a file
    return text


# The C4 line filter (Raffel et al. 2020), as pipelines apply it to page text: keep lines that end
# in terminal punctuation and have at least five words; drop lines about javascript or a cookie,
# privacy or terms policy.
_TERMINAL = re.compile(r"""[.!?]["'”’)]*$""")
_POLICY = re.compile(r"javascript|cookie|privacy policy|terms of (?:use|service)|terms and conditions", re.IGNORECASE)
C4_MIN_WORDS = 5


def c4_line_filter(text: str) -> str:
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= C4_MIN_WORDS and _TERMINAL.search(line) and not _POLICY.search(line):
            kept.append(line)
    return "\n".join(kept)
