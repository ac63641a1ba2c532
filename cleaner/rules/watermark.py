"""Watermark wrappers: text a site or republisher wraps around the story.

Source links, agency and copyright lines, photo credits and the captions they follow, cookie
notices, newsletter / app / social calls to action, bylines and author blurbs, video promos.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..lexicon import phrases
from .base import Context, Rule, phrase_rule

_PHRASES = phrases("watermark")

MAX_CAPTION_WORDS = 60
MAX_BLURB_WORDS = 90


def caption_before_credit(context: Context) -> Iterator[tuple[int, str]]:
    """A short block right before a photo credit is the caption the credit belongs to."""
    for i, decision in sorted(context.removed.items()):
        if decision.rule != "watermark.photo_credit":
            continue
        j = i - 1
        # Skip other wrapper lines stacked between caption and credit ("Copyright © site").
        while j >= 0 and j in context.removed and context.removed[j].rule.startswith("watermark."):
            j -= 1
        if j < 0 or j in context.removed:
            continue
        block = context.blocks[j]
        if block.role != "heading" and 3 <= block.n_words <= MAX_CAPTION_WORDS and j > 0:
            yield j, f'caption of the photo credited "{context.blocks[i].text.strip()[:40]}"'


def caption_with_credit(context: Context) -> Iterator[tuple[int, str]]:
    """A block that ends with its own credit ("... in Ankara, Turkey | AP") is a caption."""
    credits = _PHRASES["caption_credit"]
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.n_words > MAX_CAPTION_WORDS or block.role == "heading":
            continue
        hit = credits.match(block.text, block.norm)
        if hit:
            yield i, f'photo caption with its credit ("{hit}")'


def figure_caption(context: Context) -> Iterator[tuple[int, str]]:
    """Captions the markup names as such (<figcaption>, caption classes)."""
    for i, block in enumerate(context.blocks):
        if i not in context.removed and block.role == "caption":
            yield i, "figure caption"


def author_blurb(context: Context) -> Iterator[tuple[int, str]]:
    """The blurb under an author line, or one that reads as a writer's bio, in the tail."""
    blurbs = _PHRASES["blurb"]
    tail_start = context.last_kept_prose()
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.n_words > MAX_BLURB_WORDS:
            continue
        previous = context.previous_kept(i)
        after_author_line = (
            i > 0
            and context.removed.get(i - 1) is not None
            and context.removed[i - 1].rule == "watermark.byline"
            and previous is not None
        )
        hit = blurbs.match(block.text, block.norm)
        if after_author_line and (hit or _only_boilerplate_after(context, i)):
            yield i, f'blurb under the author line "{context.blocks[i - 1].text.strip()[:40]}"'
        elif hit and i >= tail_start and i > len(context.blocks) // 2:
            yield i, f'author or site blurb ("{hit}")'


def _only_boilerplate_after(context: Context, index: int) -> bool:
    return context.next_kept(index) is None


PER_BLOCK = [
    Rule("watermark.source_link", phrase_rule(_PHRASES["source"], 40, "a link to the story's source")),
    Rule("watermark.agency_credit", phrase_rule(_PHRASES["agency"], 60, "an agency or syndication line")),
    Rule("watermark.copyright", phrase_rule(_PHRASES["copyright"], 30, "a copyright line")),
    Rule("watermark.photo_credit", phrase_rule(_PHRASES["credit"], 16, "a photo credit")),
    Rule("watermark.cookie_notice", phrase_rule(_PHRASES["cookie"], 80, "a cookie or consent notice")),
    Rule("watermark.call_to_action", phrase_rule(_PHRASES["cta"], 45, "a call to subscribe, follow or share")),
    Rule("watermark.video_promo", phrase_rule(_PHRASES["promo"], 30, "a video or media promotion")),
    Rule("watermark.byline", phrase_rule(_PHRASES["author"], 16, "a byline or author line")),
]

CONTEXT = [
    Rule("watermark.caption", figure_caption),
    Rule("watermark.caption", caption_before_credit),
    Rule("watermark.caption", caption_with_credit),
    Rule("watermark.author_blurb", author_blurb),
]
