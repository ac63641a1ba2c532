"""What every rule shares: the decision it makes and the view of the document it gets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon.candidates import candidate_lists_of
from ..lexicon.matcher import PhraseList
from ..model.block import Block, norms_of
from ..model.decision import Decision
from ..model.words import normalise
from ..sites.profiles import SiteProfile

# A rule yields (block index, reason) for each block it removes.
RuleFunction = Callable[["Context"], Iterator[tuple[int, str]]]


@dataclass(frozen=True)
class Rule:
    """A named rule; the name (family.rule) is what users see in explain output.

    needs: phrase lists one of which must match a block of the document for the rule to remove
    anything (a list heading, a comment heading); run_rules skips the rule on a document where
    the phrase gate finds that none of them can.
    """

    name: str
    apply: RuleFunction
    needs: tuple[PhraseList, ...] = ()


@dataclass
class Context:
    """The block sequence and what earlier rules decided about it."""

    blocks: list[Block]
    kind: str = "text"
    title: str | None = None
    removed: dict[int, Decision] = field(default_factory=dict)
    # The document's site and what its profile learned (rules/site_template.py), when known.
    site: str | None = None
    profile: SiteProfile | None = None
    # The bits of the phrase lists that may match each block (lexicon.candidate_lists), when the
    # caller knows them (a pass of the text rules, from the pass before); else found when first
    # asked.
    block_bits: list[int] | None = None
    # The bits of the phrase lists that may match one of the blocks, computed when first asked.
    _phrase_bits: int | None = field(default=None, init=False, repr=False)
    # Per gate bit, the indices of the blocks that list may match, computed when first asked.
    _candidates: dict[int, list[int]] = field(default_factory=dict, init=False, repr=False)
    # (index, bits) of the blocks some list may match, computed when first asked: the lists ask
    # in turn, and each looks at these only (about half the blocks), not at every block.
    _gated: list[tuple[int, int]] | None = field(default=None, init=False, repr=False)

    def may_match(self, phrase_list: PhraseList) -> bool:
        """False when the list can match no block of the document (see lexicon.candidate_lists)."""
        if self._phrase_bits is None:
            self._phrase_bits = 0
            for _, bits in self._gated_blocks():
                self._phrase_bits |= bits
        return phrase_list.may_match(self._phrase_bits)

    def _gated_blocks(self) -> list[tuple[int, int]]:
        if self._gated is None:
            self._gated = [(i, bits) for i, bits in enumerate(self.gate_bits()) if bits]
        return self._gated

    def gate_bits(self) -> list[int]:
        """The bits of the phrase lists that may match each block."""
        if self.block_bits is None:
            blocks = self.blocks
            self.block_bits = candidate_lists_of([b.text for b in blocks], norms_of(blocks))
        return self.block_bits

    def may_match_at(self, phrase_list: PhraseList) -> Sequence[int]:
        """Indices (in order) of the blocks the list may match: all of them when no gate knows
        the list. A per-block phrase rule then looks at a few blocks, not at every one."""
        bit = phrase_list.gate_bit
        if bit is None:
            return range(len(self.blocks))
        indices = self._candidates.get(bit)
        if indices is None:
            indices = self._candidates[bit] = [i for i, bits in self._gated_blocks() if bits & bit]
        return indices

    def kept(self) -> Iterator[int]:
        return (i for i in range(len(self.blocks)) if i not in self.removed)

    def next_kept(self, index: int) -> int | None:
        for j in range(index + 1, len(self.blocks)):
            if j not in self.removed:
                return j
        return None

    def previous_kept(self, index: int) -> int | None:
        for j in range(index - 1, -1, -1):
            if j not in self.removed:
                return j
        return None

    def last_kept_prose(self) -> int:
        """Index of the last kept block that reads as prose (-1 when there is none)."""
        for j in range(len(self.blocks) - 1, -1, -1):
            if j not in self.removed and self.blocks[j].is_prose and not is_teaser(self.blocks[j]):
                return j
        return -1


def is_teaser(block: Block) -> bool:
    """A cut excerpt of another page ("... the first lines …", "... Read more")."""
    text = block.text.rstrip()
    return text.endswith(("…", "...")) or text.lower().endswith("read more")


def run_rules(context: Context, rules: list[Rule]) -> Context:
    """Apply rules in order; a block keeps the first decision made about it."""
    # Decisions are immutable, and rules give many blocks the same reason (the lines of a comment
    # thread, of a menu): one Decision for each rule and reason.
    made: dict[tuple[str, str], Decision] = {}
    for rule in rules:
        if rule.needs and not any(context.may_match(phrase_list) for phrase_list in rule.needs):
            continue
        for index, reason in rule.apply(context):
            if index not in context.removed:
                decision = made.get((rule.name, reason))
                if decision is None:
                    decision = made[rule.name, reason] = Decision(rule.name, reason)
                context.removed[index] = decision
    return context


def phrase_rule(
    phrase_list, max_words: int, describe: str, *, allow_prose: bool = True, sentence_lead: int | None = None
) -> RuleFunction:
    """A per-block rule: remove blocks of at most max_words that match a phrase list.

    With sentence_lead, a block that reads as prose matches only when the phrase opens one of its
    sentences (within that many words of the sentence start): notices say "We use cookies to...",
    while an article that reports one says "...a banner saying that it uses cookies to...".
    """

    def apply(context: Context) -> Iterator[tuple[int, str]]:
        blocks = context.blocks
        for i in context.may_match_at(phrase_list):
            block = blocks[i]
            if block.n_words > max_words or i in context.removed:
                continue
            if not allow_prose and block.is_prose:
                continue
            hit = phrase_list.match(block.text, block.norm)
            if not hit or quoted_mention(block.text, hit):
                continue
            if (
                sentence_lead is not None
                and block.is_prose
                and not _opens_a_sentence(phrase_list, block, sentence_lead)
            ):
                continue
            yield i, f'{describe} ("{_clip(hit)}")'

    return apply


# Sentence ends, and the bars between the items of a line of links ("Home | Terms | Cookie settings").
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+|\s+[|•·]\s+")


def _opens_a_sentence(phrase_list, block: Block, lead: int) -> bool:
    """Whether the list matches one of the block's sentences within its first `lead` words."""
    if block.norm in phrase_list.exact:
        return True
    for sentence in _SENTENCE_SPLIT.split(block.text):
        head = " ".join(sentence.split()[: lead + MAX_PHRASE_WORDS])
        norm = normalise(head)
        hit = phrase_list.match(head, norm)
        if hit:
            at = norm.find(normalise(hit))
            if len(norm[: max(at, 0)].split()) <= lead:
                return True
    return False


# Phrases in the data are at most this long, in words.
MAX_PHRASE_WORDS = 10


# Text in quotation marks: “...”, "...", «...», „...“, ‘...’.
_QUOTED = re.compile(
    r"“([^”]{1,300})”|\"([^\"]{1,300})\"|«([^»]{1,300})»|„([^“”]{1,300})[“”]|‘([^’]{1,300})’"
)
# A quoted phrase is only a mention when the sentence around it says something of its own.
MIN_WORDS_AROUND_MENTION = 4


def quoted_mention(text: str, hit: str) -> bool:
    """True when the matched phrase occurs only inside quotation marks within a longer sentence.

    'Visitors who saw a banner reading “This website uses cookies” accepted...' reports a cookie
    notice, it is not one: the article quotes the boilerplate phrase (a mention, not a use).
    """
    phrase = normalise(hit)
    if not phrase:
        return False
    spans = [normalise(next(g for g in m.groups() if g is not None)) for m in _QUOTED.finditer(text)]
    if not spans:
        return False  # most texts quote nothing: no pattern to build
    pattern = _whole_words(phrase)
    if not any(pattern.search(span) for span in spans):
        return False
    outside = normalise(_QUOTED.sub(" ", text))
    return not pattern.search(outside) and len(outside.split()) >= MIN_WORDS_AROUND_MENTION


@lru_cache(maxsize=4096)
def _whole_words(phrase: str) -> re.Pattern[str]:
    """The normalised phrase as whole words of a normalised text; kept, as the phrases that match
    are few and asked about again on every page of a site (more than re's own cache holds)."""
    return re.compile(rf"(?:^| ){re.escape(phrase)}(?: |$)")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
