"""What every rule shares: the decision it makes and the view of the document it gets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..blocks import Block

# A rule yields (block index, reason) for each block it removes.
RuleFunction = Callable[["Context"], Iterator[tuple[int, str]]]


@dataclass(frozen=True)
class Rule:
    """A named rule; the name (family.rule) is what users see in explain output."""

    name: str
    apply: RuleFunction


@dataclass(frozen=True)
class Decision:
    rule: str
    reason: str


@dataclass
class Context:
    """The block sequence and what earlier rules decided about it."""

    blocks: list[Block]
    kind: str = "text"
    title: str | None = None
    removed: dict[int, Decision] = field(default_factory=dict)

    def is_removed(self, index: int) -> bool:
        return index in self.removed

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
            if j not in self.removed and self.blocks[j].is_prose and not _is_teaser(self.blocks[j]):
                return j
        return -1


def _is_teaser(block: Block) -> bool:
    text = block.text.rstrip()
    return text.endswith(("…", "...")) or text.lower().endswith("read more")


def run_rules(context: Context, rules: list[Rule]) -> Context:
    """Apply rules in order; a block keeps the first decision made about it."""
    for rule in rules:
        for index, reason in rule.apply(context):
            if index not in context.removed:
                context.removed[index] = Decision(rule.name, reason)
    return context


def phrase_rule(phrase_list, max_words: int, describe: str, *, allow_prose: bool = True) -> RuleFunction:
    """A per-block rule: remove blocks of at most max_words that match a phrase list."""

    def apply(context: Context) -> Iterator[tuple[int, str]]:
        for i, block in enumerate(context.blocks):
            if i in context.removed or block.n_words > max_words:
                continue
            if not allow_prose and block.is_prose:
                continue
            hit = phrase_list.match(block.text, block.norm)
            if hit:
                yield i, f'{describe} ("{_clip(hit)}")'

    return apply


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
