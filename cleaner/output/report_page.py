"""The HTML page around report sections: one self-contained file (its style and its few lines of
script inline, nothing fetched), with the colour key of the rule families and a filter that shows
one family at a time. The page reads the same without the script; the filter needs it."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from .families import FAMILIES, TITLE, Family
from .report import KEPT

# Shows one family (a button, or REPORT.html#show=FAMILY) and keeps the buttons in step; with no
# script the filter stays hidden.
SCRIPT = """document.documentElement.classList.add("js");
function show(only) {
  if (only === "all") delete document.body.dataset.show; else document.body.dataset.show = only;
  document.querySelectorAll("button[data-filter]").forEach(function (b) {
    b.setAttribute("aria-pressed", String(b.dataset.filter === only));
  });
}
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-filter]");
  if (button) show(button.dataset.filter);
});
var asked = /^#show=([a-z]+)$/.exec(location.hash);
if (asked) show(asked[1]);"""

# Page text is escaped; the policy is a second guard: no script runs but the one above.
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
POLICY = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'"

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
  margin: 0 auto; max-width: 62rem; padding: 0 1.25rem 3rem; }
.top { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ddd;
  padding: .6rem 0 .5rem; }
.top h1 { font-size: 1.05rem; margin: 0 0 .3rem; }
.top nav a { margin-right: 1rem; }
.key, .filter { font-size: .85rem; margin: .2rem 0; }
.key span { margin-right: .9rem; white-space: nowrap; }
.key span::before { content: ""; display: inline-block; width: .75em; height: .75em;
  background: var(--c); margin-right: .3em; border-radius: 2px; }
.js .key, .filter { display: none; }
.js .filter { display: block; }
.filter button { font: inherit; color: var(--c, #1d1d1d); background: #fff; border: 1px solid var(--c, #999);
  border-radius: 1em; padding: 0 .7em; margin: 0 .25rem .2rem 0; cursor: pointer; }
.filter button[aria-pressed="true"] { background: var(--c, #1d1d1d); color: #fff; }
.doc { border-top: 3px solid #1d1d1d; margin-top: 2rem; padding-top: .4rem; }
.doc-head h2 { font-size: 1.35rem; margin: .3rem 0; overflow-wrap: anywhere; }
.facts { color: #555; font-size: .85rem; margin: .2rem 0; overflow-wrap: anywhere; }
.facts .label { font-family: ui-monospace, monospace; }
.counts { margin: .4rem 0; }
.count { display: inline-block; font-size: .8rem; border: 1px solid var(--c); color: var(--c);
  border-radius: 1em; padding: 0 .6em; margin: 0 .2rem .2rem 0; }
.note, .error { font-size: .8rem; color: #7a4b00; margin: .1rem 0; }
.error { color: #a00; font-weight: 600; }
.legend { font-size: .8rem; margin: .4rem 0 .8rem; }
.legend summary { color: #555; cursor: pointer; }
.legend table { border-collapse: collapse; margin-top: .2rem; }
.legend td { padding: .05rem .6rem .05rem 0; vertical-align: top; color: #333; overflow-wrap: anywhere; }
.legend td.rn { font-family: ui-monospace, monospace; color: var(--c); white-space: nowrap; }
.legend td.n, .legend td.fam { white-space: nowrap; }
.legend td.n { text-align: right; }
.b { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0; padding: .15rem .5rem;
  border-left: 3px solid #d9d9d9; }
.rm { color: var(--c); border-left-color: var(--c); background: color-mix(in srgb, var(--c) 6%, #fff); }
.rm del { text-decoration-color: color-mix(in srgb, var(--c) 60%, #fff); }
.rm .ln + .ln::before { content: " · "; color: #aaa; text-decoration: none; display: inline-block;
  white-space: pre; }
.rm details summary { font-size: .8rem; cursor: pointer; }
.rule { float: right; font: .7rem/1.5 ui-monospace, monospace; color: #fff; background: var(--c);
  border-radius: 3px; padding: 0 .4em; margin: .1rem 0 0 .6rem; text-indent: 0; }
.t { border-left-color: #1d1d1d; font-size: 1.2rem; font-weight: 600; }
.t .rule { --c: #777; font-weight: normal; }
.r-heading { font-weight: 600; }
.k.r-heading { font-size: 1.08rem; margin-top: .6rem; }
.r-list_item { padding-left: 1.4rem; text-indent: -.8rem; }
.r-list_item::before { content: "• "; }
.r-table_row, .r-code { font-family: ui-monospace, monospace; font-size: .85rem; }
.r-caption, .r-quote { font-style: italic; }
.index { border-collapse: collapse; font-size: .85rem; width: 100%; margin-top: 1rem; }
body.wide { max-width: 84rem; }
.index th, .index td { text-align: left; padding: .2rem .6rem .2rem 0; border-bottom: 1px solid #eee;
  vertical-align: top; }
.index th { font-size: .75rem; font-weight: 600; color: var(--c, #555); }
.index td:nth-child(2) { min-width: 18rem; }
.index td .facts { overflow-wrap: anywhere; }
.index td:nth-child(3) { overflow-wrap: anywhere; min-width: 8rem; }
.index td.n { text-align: right; white-space: nowrap; }
"""


def _family_rules(families: tuple[Family, ...]) -> str:
    """Each family's colour, and what the filter hides when it shows one family."""
    rules = [f".c-{f.key} {{ --c: {f.colour}; }}" for f in families]
    rules.append(f".c-{KEPT} {{ --c: #1d1d1d; }}")
    for key in [KEPT, *(f.key for f in families)]:
        rules.append(f'body[data-show="{key}"] .b:not([data-family="{key}"]) {{ display: none; }}')
    return "\n".join(rules)


def _top(title: str, nav: str) -> str:
    key = "".join(f'<span class="c-{f.key}" title="{escape(f.about)}">{escape(f.label)}</span>' for f in FAMILIES)
    buttons = ['<button type="button" data-filter="all" aria-pressed="true">all</button>']
    buttons += [
        f'<button type="button" class="c-{key}" data-filter="{key}" aria-pressed="false" title="{escape(about)}">'
        f"{escape(label)}</button>"
        for key, label, about in [(KEPT, "kept", "the article"), *((f.key, f.label, f.about) for f in FAMILIES)]
    ]
    return (
        f'<div class="top"><h1>{escape(title)}</h1>{nav}'
        f'<p class="key">struck through and coloured by family: {key}</p>'
        f'<p class="filter">show: {"".join(buttons)}</p></div>'
    )


def report_page(title: str, body: str, *, nav: str = "", blocks: bool = True) -> str:
    """A whole HTML page: `body` (sections, an index) under a header with `title`, the colour key
    and the filter (without `blocks`, an index alone: no filter, and the page's full width);
    `nav` is HTML for links to the index and the neighbouring pages."""
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}{_family_rules((*FAMILIES, TITLE))}</style>",
            "</head><body>" if blocks else '</head><body class="wide">',
            _top(title, nav) if blocks else f'<div class="top"><h1>{escape(title)}</h1>{nav}</div>',
            body,
            f"<script>{SCRIPT}</script>",
            "</body></html>",
            "",
        ]
    )
