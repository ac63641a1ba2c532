"""A judgement on one block: which rule removed it and why, in words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    rule: str
    reason: str
    # Made by a markup rule over a whole container, which the account already lists once.
    by_markup: bool = False


# The headline is not removed as boilerplate: it is returned apart, as Result.title.
TITLE_RULE = "metadata.title"
TITLE_REASON = "the headline, returned as Result.title"
HEADLINE = Decision(TITLE_RULE, TITLE_REASON)
