"""Comment forms and threads: "Leave a Reply", "Your email address will not be published...", field labels."""

from __future__ import annotations

from collections.abc import Iterator

from ..lexicon.phrases import phrases
from ..model.block import only_dates
from .engine import Context, Rule, phrase_rule

PHRASES = phrases("comment_form")
HEADINGS = PHRASES["heading"]
FORM_TEXT = PHRASES["form"]
FIELDS = PHRASES["field"]

MAX_FORM_TEXT_WORDS = 60
MAX_HEADING_WORDS = 30
MAX_FIELD_WORDS = 8


def comment_zone(context: Context) -> Iterator[tuple[int, str]]:
    """A comment heading and the form fields and short lines that follow it."""
    # Only a block the heading list may match can head a form (the gate rules out the others).
    for i in context.may_match_at(HEADINGS):
        block = context.blocks[i]
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
    return (
        nxt < len(context.blocks)
        and context.removed.get(nxt, None) is not None
        and context.removed[nxt].rule.startswith("comment_form")
    )


def _form_run(context: Context, start: int) -> list[int]:
    """Blocks after a comment heading that are form labels, buttons or short lines."""
    run = []
    for j in range(start + 1, len(context.blocks)):
        if j in context.removed:
            continue
        block = context.blocks[j]
        if (
            block.n_words <= MAX_FIELD_WORDS
            and (not block.ends_sentence or FIELDS.match(block.text, block.norm))
            or block.n_words <= MAX_FORM_TEXT_WORDS
            and FORM_TEXT.match(block.text, block.norm)
        ):
            run.append(j)
        else:
            break
    return run


AUTHOR_LINES = PHRASES["thread_author"]
SIGNATURES = PHRASES["signature"]
# A thread shows itself by its furniture: timestamps, "Reply" links, "Name says:" lines.
MIN_THREAD_MARKS = 2
# The thread follows an article: this much kept prose must come before its heading.
MIN_ARTICLE_WORDS = 60


def comment_thread(context: Context) -> Iterator[tuple[int, str]]:
    """In a text dump, a comment heading after the article with comment furniture after it opens
    the thread, which runs to the end of the page (the footer after it goes too). Without a
    heading, the first of several signed comments opens it.

    Only for text: in HTML the extractor already leaves article comments out, and on forum and
    product pages the thread is the content.
    """
    if context.kind != "text":
        return
    for i, hit in _thread_openers(context):
        if _discussion_at(context, i):
            continue  # a discussion page: the thread is its content
        yield i, f'heading of a comment thread ("{hit}")'
        for j in range(i + 1, len(context.blocks)):
            yield j, f'part of the comment thread under "{context.blocks[i].text.strip()[:40]}"'
        return


def reads_as_discussion(context: Context) -> bool:
    """Whether a text's thread is its content: a discussion (a forum thread, a question with its
    answers), not an article with comments under it."""
    return any(_discussion_at(context, i) for i, _ in _thread_openers(context))


def _thread_openers(context: Context) -> Iterator[tuple[int, str]]:
    """Each block that opens a comment thread after enough of an article, with what opens it."""
    article_words = 0
    # A thread opens at a heading or a signature: the gate rules the other blocks out.
    openers = set(context.may_match_at(HEADINGS)).union(context.may_match_at(SIGNATURES))
    for i, block in enumerate(context.blocks):
        if i not in context.removed and block.is_prose:
            article_words += block.n_words
            continue
        if (
            i not in openers
            or article_words < MIN_ARTICLE_WORDS
            or block.n_words > MAX_HEADING_WORDS
            or block.is_prose
        ):
            continue
        hit = HEADINGS.match(block.text, block.norm)
        if hit and not _comment_furniture(context, range(i + 1, len(context.blocks))):
            continue
        if not hit and _opens_signed_comments(context, i):
            hit = block.text.strip()  # the signatures are the furniture
        if hit:
            yield i, hit


def _discussion_at(context: Context, index: int) -> bool:
    return _posts_before(context, index) >= MIN_POSTS_OF_A_DISCUSSION or _answers_counted(context, index)


def _comment_furniture(context: Context, rest: range) -> bool:
    marks = [j for j in rest if _thread_mark(context.blocks[j])]
    return len(marks) >= MIN_THREAD_MARKS and any(_names_a_comment(context.blocks[j]) for j in marks)


# Where no heading opens the thread, its first signature does when this many follow in all.
MIN_SIGNED_COMMENTS = 3


def _opens_signed_comments(context: Context, index: int) -> bool:
    """The first of a run of signed comments ("jdoe (1234) writes: on Friday..."), headed or not."""
    if not SIGNATURES.match(context.blocks[index].text, context.blocks[index].norm):
        return False
    signed = sum(1 for block in context.blocks[index:] if SIGNATURES.match(block.text, block.norm))
    return signed >= MIN_SIGNED_COMMENTS


# Posts signed and dated before the thread's heading make the page a discussion (a forum thread,
# a question with its answers) rather than an article with comments under it.
MIN_POSTS_OF_A_DISCUSSION = 3


def _posts_before(context: Context, index: int) -> int:
    return sum(1 for j in range(index) if j not in context.removed and _names_a_comment(context.blocks[j]))


ANSWER_COUNTS = PHRASES["answers"]
# The count of answers stands by the thread's heading, within this many lines of it.
MAX_ANSWER_COUNT_DISTANCE = 3


def _answers_counted(context: Context, index: int) -> bool:
    """A question's page: "14 Answers" next to the thread's heading ("Add a comment")."""
    nearby = context.blocks[max(0, index - MAX_ANSWER_COUNT_DISTANCE) : index + MAX_ANSWER_COUNT_DISTANCE + 1]
    return any(ANSWER_COUNTS.match(block.text, block.norm) for block in nearby)


def _names_a_comment(block) -> bool:
    """A timestamp or an author line: what every comment in a thread carries."""
    if only_dates(block.text) or AUTHOR_LINES.match(block.text, block.norm) is not None:
        return True
    return SIGNATURES.match(block.text, block.norm) is not None


def _thread_mark(block) -> bool:
    if block.n_words > MAX_FIELD_WORDS:
        return False
    return _names_a_comment(block) or FIELDS.match(block.text, block.norm) is not None


PER_BLOCK = [
    Rule("comment_form.text", phrase_rule(FORM_TEXT, MAX_FORM_TEXT_WORDS, "comment-form text")),
]

CONTEXT = [
    Rule("comment_form.zone", comment_zone, needs=(HEADINGS,)),
    Rule("comment_form.thread", comment_thread, needs=(HEADINGS, SIGNATURES)),
]
