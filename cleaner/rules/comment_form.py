"""Comment forms and threads: "Leave a Reply", "Your email address will not be published...", field labels."""

from __future__ import annotations

from collections.abc import Iterator

from ..lexicon import phrases
from .base import Context, Rule, phrase_rule

_PHRASES = phrases("comment_form")
HEADINGS = _PHRASES["heading"]
FORM_TEXT = _PHRASES["form"]
FIELDS = _PHRASES["field"]

MAX_FORM_TEXT_WORDS = 60
MAX_HEADING_WORDS = 30
MAX_FIELD_WORDS = 8


def comment_zone(context: Context) -> Iterator[tuple[int, str]]:
    """A comment heading and the form fields and short lines that follow it."""
    for i, block in enumerate(context.blocks):
        if block.n_words > MAX_HEADING_WORDS or block.is_prose:
            continue
        hit = HEADINGS.match(block.text, block.norm)
        if not hit:
            continue
        zone = _form_run(context, i)
        if i not in context.removed and (zone or context.next_kept(i) is None or _form_follows(context, i)):
            yield i, f'heading of a comment form ("{hit}")'
        for j in zone:
            yield j, f'part of the comment form under "{block.text.strip()[:40]}"'


def _form_follows(context: Context, index: int) -> bool:
    nxt = index + 1
    return nxt < len(context.blocks) and context.removed.get(nxt, None) is not None and context.removed[
        nxt
    ].rule.startswith("comment_form")


def _form_run(context: Context, start: int) -> list[int]:
    """Blocks after a comment heading that are form labels, buttons or short lines."""
    run = []
    for j in range(start + 1, len(context.blocks)):
        if j in context.removed:
            continue
        block = context.blocks[j]
        if block.n_words <= MAX_FIELD_WORDS and (not block.ends_sentence or FIELDS.match(block.text, block.norm)):
            run.append(j)
        elif block.n_words <= MAX_FORM_TEXT_WORDS and FORM_TEXT.match(block.text, block.norm):
            run.append(j)
        else:
            break
    return run


PER_BLOCK = [
    Rule("comment_form.text", phrase_rule(FORM_TEXT, MAX_FORM_TEXT_WORDS, "comment-form text")),
]

CONTEXT = [
    Rule("comment_form.zone", comment_zone),
]
