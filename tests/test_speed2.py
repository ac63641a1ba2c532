"""Shortcuts of the text path's hot loop: each gives the answer of the plain computation."""

from __future__ import annotations

import re

import pytest

from cleaner.judge.engine import Context
from cleaner.lexicon import matcher
from cleaner.lexicon.candidates import _RecentTexts, candidate_lists
from cleaner.lexicon.literals import required_literals
from cleaner.lexicon.matcher import PhraseList
from cleaner.lexicon.phrases import phrases
from cleaner.model.block import Block, only_dates
from cleaner.model.words import STOPWORDS, normalise


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
    cache = _RecentTexts(2)
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
    assert matcher._find_phrase(matcher._by_first_word(contains), norm) == expected
