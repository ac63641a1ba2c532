"""The phrase gate rules a list out only when the list cannot match: it changes no result."""

from __future__ import annotations

import pytest

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.lexicon.candidates import candidate_lists
from cleaner.lexicon.gate import ListNeeds, PhraseGate, literal_condition
from cleaner.lexicon.phrases import phrases
from cleaner.model.words import normalise
from cleaner.read.text_blocks import text_blocks

FAMILIES = ["comment_form", "watermark", "related_posts", "navigation"]


@pytest.mark.parametrize(
    ("literal", "condition"),
    [
        ("all rights reserved", ("whole", "rights")),  # spaces on both sides: a whole word
        (" read", ("starts", "read")),  # a word of the text starts with it
        ("continue reading", ("ends", "continue")),  # "reading" may go on: "continue" ends a word
        ("alamy", ("inside", "alamy")),
        ("©", ("text", "©")),
        ("(c)", ("whole", "c")),
    ],
)
def test_literal_condition(literal, condition):
    assert literal_condition(literal) == condition


def test_literal_condition_avoids_common_words():
    assert literal_condition(" in the news ", frozenset({"in", "the"})) == ("whole", "news")


def _gate(needs: ListNeeds) -> tuple[PhraseGate, int]:
    gate = PhraseGate()
    return gate, gate.add(needs)


def _bits(gate: PhraseGate, text: str) -> int:
    norm = normalise(text)
    folded = text.strip().lower()
    return gate.mask(norm, set(norm.split(" ")) | set(folded.split()), (text.strip(),), (folded,))


def test_each_kind_of_need_lets_its_texts_through_and_no_others():
    cases = [
        (ListNeeds(exact=["leave a reply"]), "Leave a Reply", "Leave a reply below"),
        (ListNeeds(first_words=["share"]), "Share this story", "Please share"),
        (ListNeeds(words=["newsletter"]), "Get our newsletter today", "Get our news"),
        (ListNeeds(literals=["getty"]), "Photo: Gettyimages", "Photo: Reuters"),
        (ListNeeds(literals=["©"]), "© 2024 Example", "(c) 2024 Example"),
        (ListNeeds(anchored_patterns=[r"^\d{1,2}:\d{2}$"]), "12:30", "at 12:30"),
    ]
    for needs, passes, fails in cases:
        gate, bit = _gate(needs)
        assert _bits(gate, passes) & bit, (needs, passes)
        assert not _bits(gate, fails) & bit, (needs, fails)


def test_always_lets_every_text_through():
    gate, bit = _gate(ListNeeds(always=True))
    assert _bits(gate, "anything at all") & bit


def _texts() -> list[str]:
    texts = [
        "© 2024 Example Media. All rights reserved.",
        "COPYRIGHT \u212a 2024",
        "\u017fhop now!",
        "👉 Sign up for our newsletter",
        "— Associated Press",
        "(AP)",
        "Photo: Getty Images",
        "Jonathan Ernst/AP",
        "12:45",
        "Read more …",
        "Smith J, et al. Nature 2019;5(2):100. doi: 10.1000/xyz ↩",
        "We use cookies to improve your experience. By continuing you agree.",
        "A plain sentence about the weather in Lisbon today.",
    ]
    for path in sorted(REPO_GOLDEN.glob("*/input.txt")):
        texts += [block.text for block in text_blocks(path.read_text(encoding="utf-8"))]
    return texts


@pytest.mark.parametrize("family", FAMILIES)
def test_gate_keeps_every_match_of_the_data_lists(family):
    texts = _texts()
    for name, phrase_list in phrases(family).items():
        for text in texts:
            norm = normalise(text)
            if phrase_list._match(text, norm) is not None:
                assert phrase_list.may_match(candidate_lists(text, norm)), (family, name, text)
                assert phrase_list.may_match(candidate_lists(text, norm, norm_of_text=True)), (family, name, text)
                assert phrase_list.match(text, norm) == phrase_list._match(text, norm)


def test_gate_rules_out_most_lists_for_plain_prose():
    text = "A plain sentence about the weather in Lisbon today."
    bits = candidate_lists(text, normalise(text))
    lists = [pl for family in FAMILIES for pl in phrases(family).values()]
    assert sum(pl.may_match(bits) for pl in lists) < len(lists) / 2


def test_the_texts_above_hold_matches_of_many_lists():
    """The soundness test means something only if the texts match lists of every family."""
    texts = _texts()
    for family in FAMILIES:
        matched = {name for name, pl in phrases(family).items() for t in texts if pl._match(t, normalise(t))}
        assert len(matched) >= 3, (family, matched)


def test_a_rule_whose_lists_match_no_block_is_skipped():
    from cleaner.judge.engine import Context, Rule, run_rules
    from cleaner.model.block import Block

    headings = phrases("related_posts")["heading"]
    calls = []

    def remove_first(context):
        calls.append(len(context.blocks))
        yield 0, "first"

    rule = Rule("test.rule", remove_first, needs=(headings,))
    plain = Context([Block("A plain sentence about the weather."), Block("Another one.")])
    assert run_rules(plain, [rule]).removed == {}
    assert calls == []
    listed = Context([Block("A plain sentence about the weather."), Block("Related Posts")])
    assert run_rules(listed, [rule]).removed[0].rule == "test.rule"
    assert calls == [2]
