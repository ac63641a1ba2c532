"""Shortcuts of the text path's hot loops (phrase lists, the gate's bits, block features, rules'
prefilters): each gives the answer of the plain computation."""

from __future__ import annotations

import itertools
import re

import pytest

from cleaner.judge import navigation, watermark
from cleaner.judge.engine import Context, Decision, quoted_mention
from cleaner.lexicon import candidates, gate, matcher
from cleaner.lexicon import phrases as phrases_module
from cleaner.lexicon.candidates import RecentTexts, candidate_lists
from cleaner.lexicon.literals import required_literals
from cleaner.lexicon.matcher import PhraseList
from cleaner.lexicon.phrases import phrases
from cleaner.model.block import Block, only_dates
from cleaner.model.words import STOPWORDS, fold_case, has_case_twins, normalise
from cleaner.read.text_blocks import BULLET, may_be_bullet


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        # A run of stopwords (" a ") lets most texts through; the groups around it do not.
        (r"^(?:book|get) a (?:demo|quote)\.?$", ("demo", "quote")),
        (r"^this (?:article|story) (?:was )?(?:published|appeared)\b", ("published", "appeared")),
        # A rare word in the run beats a group of stopwords.
        (r"^(?:you|we) subscribe", (" subscribe",)),
        # A symbol beats a group of stopwords; one ASCII punctuation mark does not.
        (r"(?:read|more)…", ("…",)),
        (r"^(?:more|read)[-_]x", ("more", "read")),
        # Any run of the pattern may be the rarest, not only the longest.
        (r"^(?:enter )?your e-?mail\s*$", ("mail",)),
        # An optional group is not required, so it is never chosen.
        (r"^(?:great)? offer", (" offer",)),
    ],
)
def testrequired_literals_prefers_rare_ones(pattern, literals):
    assert required_literals(pattern) == literals
    # Whatever the choice, each match of the pattern holds one of the literals.
    for text in ["Book a demo", "get a QUOTE.", "This story was published", "we subscribe", "read…"]:
        hit = re.search(pattern, text, re.IGNORECASE)
        if hit:
            assert any(literal in text.lower() for literal in required_literals(pattern))


def test_recent_texts_keep_the_newest_generation_and_recall_the_older():
    cache = RecentTexts(2)
    for k, text in enumerate(["a", "b", "c"]):
        cache.put(text, (text, k))
    assert cache.new == {"c": ("c", 2)}  # "a" and "b" moved to the older generation
    assert cache.recall("a") == ("a", 0)
    assert "a" in cache.new  # recalled into the newer one
    assert cache.recall("zzz") is None


def test_match_answers_the_same_with_the_gate_first():
    links = phrases("navigation")["link"]
    ungated = PhraseList(links.exact, links.prefixes, links.contains, links.patterns)
    ungated.compile()
    for text in ["Sign in", "Read more", "A long sentence about nothing at all.", "Home", "Subscribe now"]:
        block = Block(text)
        assert links.match(block.text, block.norm) == ungated.match(text)


@pytest.mark.parametrize(
    "text",
    ["Don't stop--now", "e-mail__x", "-a- b", "it's 5'10\"", "ÉTÉ à Paris", "İstanbul", "ΟΔΟΣ ΚΑΙ", "", "___"],
)
def test_block_norm_and_stopwords_match_the_plain_forms(text):
    block = Block(text)
    assert block.norm == normalise(text)
    block_words = block.words
    expected = sum(w.lower() in STOPWORDS for w in block_words) / len(block_words) if block_words else 0.0
    assert block.stopword_density == expected


def test_only_dates_is_remembered_by_text():
    for text in ["March 3, 2024", "Posted 3 days ago", "March 3, 2024 in Paris", "nothing"]:
        assert only_dates(text) == only_dates.__wrapped__(text)
        assert only_dates(text) == only_dates.__wrapped__(text)  # the remembered answer


def test_may_match_at_lists_the_blocks_the_gate_lets_through_in_order():
    links = phrases("navigation")["link"]
    blocks = [Block(t) for t in ["Sign in", "An article sentence that goes on.", "Read more", "Home"]]
    context = Context(blocks)
    expected = [i for i, b in enumerate(blocks) if candidate_lists(b.text, b.norm, norm_of_text=True) & links.gate_bit]
    assert list(context.may_match_at(links)) == expected
    assert {i for i, b in enumerate(blocks) if links.match(b.text, b.norm)} <= set(expected)
    ungated = PhraseList(["home"])
    ungated.compile()
    assert list(context.may_match_at(ungated)) == [0, 1, 2, 3]  # a list no gate knows


@pytest.mark.parametrize(
    "norm",
    [
        "please get the app now",
        "get the app",
        "forget the app",  # "get" inside a word is no start
        "get the apps",  # nor a phrase that stops inside one
        "get the app store and get our newsletter",
        "  get the app ",
        "",
    ],
)
def test_find_phrase_finds_what_the_contains_alternation_finds(norm):
    contains = ["get the app", "get the app store", "get our newsletter", "app"]
    alternation = matcher._alternation(contains, r"(?:^| )(?:{})(?: |$)")
    hit = alternation.search(norm)
    expected = hit.group(0).strip() if hit else None
    assert matcher.find_phrase(matcher.by_first_word(contains), norm) == expected


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
    """The gate's bits as the previous round computed them, from the cached text_forms."""
    stripped, bare, folded = matcher.text_forms(text)
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
    assert candidates.gate_bits(text, norm, norm_of_text) == _plain_gate_bits(text, norm, norm_of_text)


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
    buttons = len(navigation.SHARE_BUTTON.findall(text))
    plain = buttons >= navigation.MIN_SHARE_BUTTONS and block.n_words <= navigation.MAX_WORDS_PER_SHARE_BUTTON * buttons
    assert navigation.share_bar(block) == plain


@pytest.mark.parametrize("text", ["- item", "• item", "12. item", "3) item", "  - item", "٣. item", "\u2003- item", "Item", "", "-item"])
def test_bullet_quick_test_passes_every_bullet(text):
    if BULLET.match(text):
        assert may_be_bullet(text)


@pytest.mark.parametrize("text", ["Updated: March 3, 2024", "Published on 12/03/2024 at 10:30", "3 days ago", "Paris, March 3", "x1"])
def test_only_a_date_is_the_plain_answer(text):
    plain = only_dates(navigation.DATE_GLUE.sub(" ", navigation.DATELINE_WORD.sub(" ", text)))
    assert navigation.only_a_date(text) == plain


def test_blurb_candidates_hold_the_lines_under_a_byline_and_the_gate_candidates():
    texts = ["By Jane Doe", "Jane writes about food.", "An article sentence that goes on.", "By John Roe"]
    blocks = [Block(t) for t in texts]
    context = Context(blocks, removed={0: Decision("watermark.byline", "x"), 3: Decision("watermark.byline", "x")})
    blurbs = watermark.PHRASES["blurb"]
    candidates = watermark.blurb_candidates(context, blurbs)
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
    by_head = matcher.by_first_word(contains)
    vocabulary = ["get", "the", "app", "store", "our", "newsletter", "forget", "apps", ""]
    for n in range(1, 5):
        for words in itertools.product(vocabulary, repeat=n):
            norm = " ".join(words)
            hit = alternation.search(norm)
            assert matcher.find_phrase(by_head, norm) == (hit.group(0).strip() if hit else None), norm
