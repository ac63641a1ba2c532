"""Shortcuts of the text path's third speed round: each gives the answer of the plain computation."""

from __future__ import annotations

import itertools

import pytest

from cleaner.judge import navigation, watermark
from cleaner.judge.engine import Context, Decision, quoted_mention
from cleaner.lexicon import candidates, gate, matcher
from cleaner.lexicon import phrases as phrases_module
from cleaner.lexicon.candidates import candidate_lists
from cleaner.model.block import Block, only_dates
from cleaner.model.words import fold_case, has_case_twins
from cleaner.read.text_blocks import _BULLET, _may_be_bullet

TEXTS = [
    "Photo by Jane Doe",
    "  🚀 Sign up for our newsletter",
    "— Reuters",
    "(AP) — The story begins here, with a comma; and more.",
    "İstanbul'da KAPALI ſhare",
    "© 2024 Example | All rights reserved",
    "",
    "   ",
    "Plain prose that says nothing in particular about anything.",
]


def _plain_gate_bits(text: str, norm: str, norm_of_text: bool) -> int:
    """The gate's bits as the previous round computed them, from the cached _text_forms."""
    stripped, bare, folded = matcher._text_forms(text)
    words = norm.split(" ")
    if not norm_of_text or has_case_twins(text):
        words += gate.text_words(folded)
    if bare == stripped:
        return candidates.GATE.mask(norm, words, (stripped,), (folded,))
    folded_bare = fold_case(bare)
    words += gate.text_words(folded_bare)
    return candidates.GATE.mask(norm, words, (stripped, bare), (folded, folded_bare))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("norm_of_text", [True, False])
def test_gate_bits_without_the_forms_cache_are_the_same(text, norm_of_text):
    phrases_module.phrases("watermark")  # the gate knows every list
    norm = Block(text).norm
    assert candidates._gate_bits(text, norm, norm_of_text) == _plain_gate_bits(text, norm, norm_of_text)


@pytest.mark.parametrize(
    ("text", "hit", "expected"),
    [
        ("Subscribe now", "subscribe now", False),  # nothing quoted: no pattern built
        ('Readers who saw a banner reading "Subscribe now" often left the page.', "subscribe now", True),
        ('"Subscribe now"', "subscribe now", False),  # the quote is all there is
        ('He said "hello" and then: subscribe now, please, before you go.', "subscribe now", False),
    ],
)
def test_quoted_mention(text, hit, expected):
    assert quoted_mention(text, hit) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Share on X Share on Facebook Share via Email",
        "ſhare on X ſhare on Facebook ſhare via Email",  # IGNORECASE reads ſ as s
        "Click to share on X (Opens in new window) X Click to share on LinkedIn (Opens in new window)",
        "Nothing to see here",
        "SHARE ON X SHARE TO Y SHARE VIA Z",
    ],
)
def test_share_bar_quick_test_keeps_the_regex_answer(text):
    block = Block(text)
    buttons = len(navigation._SHARE_BUTTON.findall(text))
    plain = buttons >= navigation.MIN_SHARE_BUTTONS and block.n_words <= navigation.MAX_WORDS_PER_SHARE_BUTTON * buttons
    assert navigation._share_bar(block) == plain


@pytest.mark.parametrize("text", ["- item", "• item", "12. item", "3) item", "  - item", "٣. item", "\u2003- item", "Item", "", "-item"])
def test_bullet_quick_test_passes_every_bullet(text):
    if _BULLET.match(text):
        assert _may_be_bullet(text)


@pytest.mark.parametrize("text", ["Updated: March 3, 2024", "Published on 12/03/2024 at 10:30", "3 days ago", "Paris, March 3", "x1"])
def test_only_a_date_is_the_plain_answer(text):
    plain = only_dates(navigation._DATE_GLUE.sub(" ", navigation._DATELINE_WORD.sub(" ", text)))
    assert navigation._only_a_date(text) == plain


def test_blurb_candidates_hold_the_lines_under_a_byline_and_the_gate_candidates():
    texts = ["By Jane Doe", "Jane writes about food.", "An article sentence that goes on.", "By John Roe"]
    blocks = [Block(t) for t in texts]
    context = Context(blocks, removed={0: Decision("watermark.byline", "x"), 3: Decision("watermark.byline", "x")})
    blurbs = watermark._PHRASES["blurb"]
    candidates = watermark._blurb_candidates(context, blurbs)
    assert candidates == sorted(set(context.may_match_at(blurbs)) | {1})  # 4 is past the end


def test_may_match_is_the_union_of_the_blocks_bits():
    blocks = [Block(t) for t in TEXTS]
    context = Context(blocks)
    links = phrases_module.phrases("navigation")["link"]
    union = 0
    for block in blocks:
        union |= candidate_lists(block.text, block.norm, norm_of_text=True)
    assert context.may_match(links) == bool(union & links.gate_bit)
    assert list(context.may_match_at(links)) == [i for i, b in enumerate(blocks) if candidate_lists(b.text, b.norm, norm_of_text=True) & links.gate_bit]


def test_find_phrase_agrees_with_the_alternation_on_every_short_text():
    contains = ["get the app", "get the app store", "get our newsletter", "app", "the app store", "store"]
    alternation = matcher._alternation(contains, r"(?:^| )(?:{})(?: |$)")
    by_head = matcher._by_first_word(contains)
    vocabulary = ["get", "the", "app", "store", "our", "newsletter", "forget", "apps", ""]
    for n in range(1, 5):
        for words in itertools.product(vocabulary, repeat=n):
            norm = " ".join(words)
            hit = alternation.search(norm)
            assert matcher._find_phrase(by_head, norm) == (hit.group(0).strip() if hit else None), norm
