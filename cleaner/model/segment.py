"""A piece of the page's own text, between two block boundaries, with what the markup says of it."""

from __future__ import annotations

from dataclasses import dataclass

from .words import normalise


@dataclass
class Segment:
    text: str
    tag: str  # innermost block element the text sits in
    mark: str | None  # "rule|reason" of the marked container it sits in, if any
    mark_id: int  # which marked container (to group its segments), -1 when unmarked
    in_furniture: bool
    in_link: float  # share of the segment's characters inside <a>
    in_user_content: bool = False  # inside a comment, review or reply container
    in_noscript: bool = False  # shown only to readers that run no scripts
    # The class/id descriptors of the elements it sits in, outermost first (those that have one),
    # and how many elements deep it sits: what the block model reads of the markup.
    ancestry: tuple[str, ...] = ()
    depth: int = 0
    norm: str = ""  # normalised text, as blocks and phrases are compared

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)
