"""Watermark wrappers: text a site or republisher wraps around the story.

Source links, agency and copyright lines, photo credits and the captions they follow, cookie
notices, newsletter / app / social calls to action, bylines and author blurbs, video promos.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon.matcher import PhraseList
from ..lexicon.phrases import phrases
from .engine import Context, Rule, phrase_rule

PHRASES = phrases("watermark")

MAX_CAPTION_WORDS = 60
# A cookie notice opens its sentences with the cookie phrase ("We use cookies to...", "By continuing
# to use this site, you agree to our use of cookies"); prose that only reports one does not.
COOKIE_SENTENCE_LEAD = 10
MAX_BLURB_WORDS = 90
# Legal and investment disclaimers run to a paragraph of their own.
MAX_DISCLAIMER_WORDS = 120


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
        if block.role == "heading" or not 3 <= block.n_words <= MAX_CAPTION_WORDS or j == 0:
            continue
        # A caption is one sentence or a fragment; a paragraph of several sentences before a
        # credit is article text whose picture sat between it and the credit.
        if block.is_prose and sentence_count(block.text) > MAX_CAPTION_SENTENCES:
            continue
        if not _reads_as_caption_of(block, context.blocks[i]):
            continue
        yield j, f'caption of the photo credited "{context.blocks[i].text.strip()[:40]}"'


# A block before an unlabelled credit ("Jonathan Ernst/AP") is its caption up to this length;
# before a labelled one ("Photo: Getty Images"), which often stands alone under a picture, only
# a short one on a page is.
MAX_LOOSE_CAPTION_WORDS = 40
MAX_LABELLED_CAPTION_WORDS = 20
_LABELLED_CREDIT = re.compile(
    r"^\(?\s*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*(?::|\||–|—|\bby\b|\bvon\b|\bpar\b|\bpor\b)", re.IGNORECASE
)


def _reads_as_caption_of(block, credit) -> bool:
    """Whether the block before a credit is its caption, not the article paragraph above a picture."""
    if _same_text_group(block, credit):
        return True  # the credit on the very next line of a text, no blank line between
    if _LABELLED_CREDIT.match(credit.text.strip()):
        if block.lines is not None and credit.lines is not None:
            return False  # in a text, a labelled credit set off by a blank line stands alone
        return block.n_words <= MAX_LABELLED_CAPTION_WORDS  # a page's captions are short
    return block.n_words <= MAX_LOOSE_CAPTION_WORDS


def _same_text_group(block, credit) -> bool:
    if block.lines is None or credit.lines is None:
        return False  # not read from a text
    return credit.lines[0] == block.lines[1] + 1


MAX_CAPTION_SENTENCES = 1
# A sentence end: a word of two or more letters (not an initial as in "U.S.") and a full stop,
# ! or ?, then the capital that opens the next sentence ("Nov. 6" and "Dr. Okafor" do not count).
_SENTENCE_END = re.compile(
    r"(?<![\w.])(?!(?:dr|mr|mrs|ms|st|no|nr|vs|co|inc|ltd|jr|sr|prof|gen|gov|sen|rep)\b)[^\W\d_]{2,}"
    r"[.!?…][\"'”’»)]*\s+[\"'“‘„«(]?(?-i:(?=[A-ZÀ-ÖØ-Þ]))",
    re.IGNORECASE,
)


def sentence_count(text: str) -> int:
    """Sentences in a block, roughly: sentence ends before a capital, plus the last one."""
    return len(_SENTENCE_END.findall(text)) + 1


def caption_with_credit(context: Context) -> Iterator[tuple[int, str]]:
    """A block that ends with its own credit ("... in Ankara, Turkey | AP") is a caption."""
    credits = PHRASES["caption_credit"]
    for i in context.may_match_at(credits):  # the gate rules the other blocks out
        block = context.blocks[i]
        # The text path guesses that a short line without a full stop is a heading: captions are such lines.
        guessed_heading = block.role == "heading" and context.kind == "html"
        if i in context.removed or block.n_words > MAX_CAPTION_WORDS or guessed_heading:
            continue
        hit = credits.match(block.text, block.norm)
        if hit:
            yield i, f'photo caption with its credit ("{hit}")'


def figure_caption(context: Context) -> Iterator[tuple[int, str]]:
    """Captions the markup names as such (<figcaption>, caption classes)."""
    for i, block in enumerate(context.blocks):
        if i not in context.removed and block.role == "caption":
            yield i, "figure caption"


# A person's name on its own line: two to four capitalised words ("Jenna Whitfield", "Ana de la Cruz").
_NAME = re.compile(
    r"^(?-i:[A-ZÀ-ÖØ-Þ][\w'’.\-]+)(?:\s+(?:(?:van|von|de|der|den|del|la|le|da|di|du|bin|al)\s+){0,2}"
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.\-]+)){1,3}$"
)


def author_name(context: Context) -> Iterator[tuple[int, str]]:
    """A name on its own line next to an author line ("Jenna Whitfield" above "Health Editor")."""
    for i, decision in sorted(context.removed.items()):
        if decision.rule != "watermark.byline":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(context.blocks) and j not in context.removed:
                block = context.blocks[j]
                if block.n_words <= 4 and _NAME.match(block.text.strip()):
                    yield (
                        j,
                        f'the author\'s name beside the author line "{context.blocks[i].text.strip()[:40]}"',
                    )


def author_blurb(context: Context) -> Iterator[tuple[int, str]]:
    """The blurb under an author line, or one that reads as a writer's bio, in the tail."""
    blurbs = PHRASES["blurb"]
    tail_start = context.last_kept_prose()
    for i in blurb_candidates(context, blurbs):
        block = context.blocks[i]
        if i in context.removed or block.n_words > MAX_BLURB_WORDS:
            continue
        after_author_line = (
            i > 0
            and context.removed.get(i - 1) is not None
            and context.removed[i - 1].rule == "watermark.byline"
            and context.previous_kept(i) is not None
        )
        hit = blurbs.match(block.text, block.norm)
        if after_author_line and (hit or _only_boilerplate_after(context, i)):
            yield i, f'blurb under the author line "{context.blocks[i - 1].text.strip()[:40]}"'
        elif hit and i >= tail_start and i > len(context.blocks) // 2:
            yield i, f'author or site blurb ("{hit}")'


def blurb_candidates(context: Context, blurbs: PhraseList) -> list[int]:
    """The blocks author_blurb may remove, in order: those the blurb list may match and those
    right under a line removed as a byline. Any other block has no hit and no author line above
    it. This rule removes no byline, so the lines under one are known before it starts."""
    under_byline = (i + 1 for i, decision in context.removed.items() if decision.rule == "watermark.byline")
    return sorted(set(context.may_match_at(blurbs)).union(j for j in under_byline if j < len(context.blocks)))


def _only_boilerplate_after(context: Context, index: int) -> bool:
    return context.next_kept(index) is None


PER_BLOCK = [
    Rule("watermark.source_link", phrase_rule(PHRASES["source"], 40, "a link to the story's source")),
    Rule("watermark.agency_credit", phrase_rule(PHRASES["agency"], 60, "an agency or syndication line")),
    Rule("watermark.copyright", phrase_rule(PHRASES["copyright"], 30, "a copyright line")),
    Rule("watermark.photo_credit", phrase_rule(PHRASES["credit"], 16, "a photo credit")),
    Rule(
        "watermark.cookie_notice",
        phrase_rule(PHRASES["cookie"], 80, "a cookie or consent notice", sentence_lead=COOKIE_SENTENCE_LEAD),
    ),
    Rule("watermark.call_to_action", phrase_rule(PHRASES["cta"], 45, "a call to subscribe, follow or share")),
    Rule("watermark.video_promo", phrase_rule(PHRASES["promo"], 30, "a video or media promotion")),
    Rule(
        "watermark.disclosure",
        phrase_rule(PHRASES["disclosure"], MAX_DISCLAIMER_WORDS, "a disclaimer or affiliate disclosure"),
    ),
    Rule("watermark.byline", phrase_rule(PHRASES["author"], 16, "a byline or author line")),
]

CONTEXT = [
    Rule("watermark.caption", figure_caption),
    Rule("watermark.caption", caption_before_credit),
    Rule("watermark.caption", caption_with_credit, needs=(PHRASES["caption_credit"],)),
    Rule("watermark.byline", author_name),
    Rule("watermark.author_blurb", author_blurb),
]
