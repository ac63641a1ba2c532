"""One document's section of an explain report, in HTML: what the page is (title, URL, site,
kind, confidence), how much each family of rules removed, then every block of the page in page
order, kept ones as they are and removed ones struck through in their family's colour with the
rule and the reason on them.

It reads the Result as the library returned it (Result.page; nothing is recomputed) and escapes
every piece of page text: a page's own markup shown in a report is text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..model.result import PageBlock, Result
from .families import FAMILIES, TITLE, Family, family_of

# Reasons the legend shows for one rule; each block still has its own on hover.
LEGEND_REASONS = 3
# A removed block's lines run on in one paragraph (a menu of 60 links takes a few lines of the
# report, not 60); past this many, the rest are folded away, a click from being read.
SHOWN_LINES = 12
KEPT = "kept"  # the filter value of kept blocks


@dataclass(frozen=True)
class ReportEntry:
    """One document of a report: how the run names it, its URL, and its Result or the error that
    left it without one."""

    label: str
    url: str | None = None
    result: Result | None = None
    error: str | None = None


def family_counts(result: Result) -> dict[Family, int]:
    """Removed blocks per family, in FAMILIES order, families with none left out (the headline,
    returned as Result.title, is not counted)."""
    counts = {family: 0 for family in FAMILIES}
    for removal in result.removed:
        family = family_of(removal.rule)
        if family in counts:
            counts[family] += 1
    return {family: n for family, n in counts.items() if n}


def kept_words(result: Result) -> int:
    return sum(len(block.text.split()) for block in result.page if block.kept)


def document_title(entry: ReportEntry) -> str:
    title = entry.result.title if entry.result is not None else None
    return title.strip() if title and title.strip() else entry.label


def section(entry: ReportEntry, anchor: str) -> str:
    """The document's <section>, with id `anchor`."""
    parts = [f'<section class="doc" id="{escape(anchor)}">', _head(entry)]
    if entry.result is not None:
        parts += [_legend(entry.result), _page(entry.result.page)]
    parts.append("</section>")
    return "\n".join(parts)


def url_link(url: str | None) -> str:
    """The URL as a link when it is a web address (a javascript: URL stays text), else as text."""
    if not url:
        return ""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noreferrer noopener">{escape(url)}</a>'
    return f"<span>{escape(url)}</span>"


def _head(entry: ReportEntry) -> str:
    result = entry.result
    facts = [f'<span class="label">{escape(entry.label)}</span>']
    url = entry.url or (result.metadata.get("url") if result is not None else None)
    if url:
        facts.append(url_link(str(url)))
    if result is not None:
        if result.metadata.get("site"):
            facts.append(f"site <b>{escape(str(result.metadata['site']))}</b>")
        facts.append(f"kind <b>{escape(result.kind)}</b>")
        if result.confidence is not None:
            facts.append(f"confidence <b>{result.confidence:.2f}</b>")
    lines = [
        '<header class="doc-head">',
        f"<h2>{escape(document_title(entry))}</h2>",
        f'<p class="facts">{" · ".join(facts)}</p>',
    ]
    if entry.error:
        lines.append(f'<p class="error">not cleaned: {escape(entry.error)}</p>')
    if result is not None:
        lines.append(_counts(result))
        lines += [f'<p class="note">note: {escape(note)}</p>' for note in result.notes]
    lines.append("</header>")
    return "\n".join(lines)


def _counts(result: Result) -> str:
    kept = sum(1 for block in result.page if block.kept)
    chips = [f'<span class="count c-{KEPT}">kept {kept} blocks, {kept_words(result)} words</span>']
    for family, n in family_counts(result).items():
        chips.append(f'<span class="count c-{family.key}">{escape(family.label)} {n}</span>')
    return f'<p class="counts">{" ".join(chips)}</p>'


def _legend(result: Result) -> str:
    """Each rule that removed something here: its family, how many blocks, and why."""
    reasons: dict[str, list[str]] = {}
    for removal in result.removed:
        said = reasons.setdefault(removal.rule, [])
        if removal.reason not in said:
            said.append(removal.reason)
    if not reasons:
        return '<p class="legend none">nothing removed</p>'
    counts = result.rule_counts()
    rows = []
    for rule, said in reasons.items():
        family = family_of(rule)
        more = len(said) - LEGEND_REASONS
        why = "<br>".join(escape(reason) for reason in said[:LEGEND_REASONS])
        if more > 0:
            why += f"<br><i>and {more} more (hover a block for its own)</i>"
        rows.append(
            f'<tr class="c-{family.key}"><td class="rn">{escape(rule)}</td>'
            f'<td class="fam">{escape(family.label)}</td><td class="n">{counts[rule]}</td><td>{why}</td></tr>'
        )
    return (
        '<details class="legend" open><summary>rules and reasons on this page</summary><table>'
        + "".join(rows)
        + "</table></details>"
    )


def _page(page: list[PageBlock]) -> str:
    return '<div class="page">\n' + "\n".join(block_html(block) for block in page) + "\n</div>"


def block_html(block: PageBlock) -> str:
    """A kept block as its text; a removed one struck through, its rule shown and its reason on
    hover; the headline as a heading, marked as the title."""
    text = escape(block.text)
    role = f"r-{escape(block.role)}"
    if block.removal is None:
        return f'<div class="b k {role}" data-family="{KEPT}">{text}</div>'
    removal = block.removal
    family = family_of(removal.rule)
    hover = escape(f"{removal.rule} ({family.label}): {removal.reason}")
    mark = f'<span class="rule">{escape(removal.rule)}</span>'
    if family is TITLE:
        return f'<div class="b t {role}" data-family="{TITLE.key}" title="{hover}">{mark}{text}</div>'
    return (
        f'<div class="b rm c-{family.key} {role}" data-family="{family.key}" title="{hover}">'
        f"{mark}{_struck_lines(block.text)}</div>"
    )


def _struck_lines(text: str) -> str:
    """A removed block's lines struck through, each a span (the report's style runs them on);
    lines past SHOWN_LINES in a <details> that opens them."""
    lines = [escape(line) for line in text.splitlines() if line.strip()] or [escape(text)]
    shown = "".join(f'<span class="ln">{line}</span>' for line in lines[:SHOWN_LINES])
    html = f"<del>{shown}</del>"
    rest = lines[SHOWN_LINES:]
    if rest:
        folded = "".join(f'<span class="ln">{line}</span>' for line in rest)
        more = f"{len(rest)} more line{'s' if len(rest) > 1 else ''}"
        html += f"<details><summary>{more}</summary><del>{folded}</del></details>"
    return html
