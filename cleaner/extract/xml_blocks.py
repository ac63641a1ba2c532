"""trafilatura's XML body as blocks: roles from its tags, list and table grouping kept."""

from __future__ import annotations

from lxml import etree

from ..model.block import CELL_SEPARATOR, CODE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_ROW, Block
from ..read.html_parse import BLOCK_ENDS, INLINE_TAGS

_ROLE_OF_TAG = {"head": HEADING, "quote": QUOTE, "code": CODE, "item": LIST_ITEM, "row": TABLE_ROW}
_CONTAINERS = {"list", "table", "quote", "div", "section", "main", "body", "doc"}
_BLOCKISH = {"p", "head", "list", "table", "quote", "code", "div"}
# Children that make a list item a section of the page rather than one item's text.
_SECTION_TAGS = _BLOCKISH - {"list"}
# Children that start a new line inside a block (a heading inside a table cell, a list item),
# and the page's own block elements, which trafilatura keeps as they are inside a <pre> or a
# quote of broken markup (their text would run into the next: "contentHome").
_LINE_BREAKING = _BLOCKISH | {"item", "row", "cell"} | BLOCK_ENDS
_CELL_TAGS = {"cell", "td", "th"}
# trafilatura's inline elements (hi, ref), and the page's own, which it keeps as they are inside
# a <pre> or a quote. Any other element is a word break: trafilatura strips the space after one
# such as a stray <title> ("<title>t</title> The" came out as "tThe").
_INLINE = INLINE_TAGS | {"hi", "ref"}


def element_lines(element: etree._Element) -> list[str]:
    """Text of an element split at <lb/> line breaks, whitespace folded."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag in _LINE_BREAKING:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            elif child.tag in _INLINE:
                walk(child)
            else:
                parts.append(" ")
                walk(child)
                parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def xml_blocks(body: etree._Element) -> list[Block]:
    """Blocks from trafilatura's XML body, keeping roles and list/table grouping."""
    blocks: list[Block] = []

    def add(lines: list[str], role: str, origin: str, group_start: bool) -> None:
        for k, line in enumerate(lines):
            blocks.append(Block(line, role=role, origin=origin, group_start=group_start and k == 0))

    def visit(element: etree._Element, path: str) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag == "graphic":
            return
        origin = f"{path}/{tag}"
        if tag == "table":
            # trafilatura writes rows and cells as row/cell, or keeps the page's tr/td/th.
            for k, row in enumerate(element.iter("row", "tr")):
                cells = [" ".join(element_lines(cell)) for cell in row if cell.tag in _CELL_TAGS]
                line = CELL_SEPARATOR.join(c for c in cells if c)
                if line:
                    blocks.append(Block(line, role=TABLE_ROW, origin=origin, group_start=k == 0))
            return
        if tag == "list":
            first = True
            for item in element:
                if item.tag != "item":
                    continue
                if any(child.tag in _SECTION_TAGS for child in item):
                    # A section inside an item (an accordion): headings and paragraphs of its own.
                    visit_children(item, origin)
                    first = True
                    continue
                nested = [c for c in item if c.tag == "list"]
                lines = element_lines_without(item, nested)
                if lines:
                    add(lines, LIST_ITEM, origin, first)
                    first = False
                for nest in nested:
                    visit(nest, origin)
            return
        if tag in _CONTAINERS and any(child.tag in _BLOCKISH for child in element):
            visit_children(element, origin)
            return
        role = _ROLE_OF_TAG.get(tag, PARAGRAPH)
        add(element_lines(element), role, origin, True)

    def visit_children(element: etree._Element, origin: str) -> None:
        # Text between block children (element.text, child tails) is a paragraph of its own.
        if element.text and element.text.strip():
            add([" ".join(element.text.split())], PARAGRAPH, origin, True)
        for child in element:
            visit(child, origin)
            if child.tail and child.tail.strip():
                add([" ".join(child.tail.split())], PARAGRAPH, origin, True)

    visit_children(body, "")
    return blocks


def element_lines_without(element: etree._Element, skip: list[etree._Element]) -> list[str]:
    """Lines of an element, leaving out the given children (nested lists handled apart)."""
    if not skip:
        return element_lines(element)
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child in skip:
            pass
        elif child.tag == "lb":
            parts.append("\n")
        else:
            parts.append("\n".join(element_lines(child)))
        if child.tail:
            parts.append(child.tail)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]
