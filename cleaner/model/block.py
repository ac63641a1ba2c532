"""The unit every rule talks about: a block of text with its role, origin and cheap features."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

from .words import STOPWORDS, normalise

# Roles a block can have; the HTML path knows them from markup, the text path guesses.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE_ROW = "table_row"
CAPTION = "caption"
QUOTE = "quote"
CODE = "code"

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)
_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*\s*$""")
_DATE = re.compile(
    r"""\b(?:
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
      | \d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
      | \d{4}-\d{2}-\d{2}
      | \d{1,2}[/.]\d{1,2}[/.]\d{2,4}
      | \d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A date in a line (the line model's feature reads it too).
DATE = _DATE


_T = TypeVar("_T")


class cached_property(Generic[_T]):
    """functools.cached_property without its lock: Python 3.11 takes a lock on each first read,
    a noticeable cost over the hundreds of thousands of blocks of a text run. Blocks are not
    shared between threads while their features are computed."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Block:
    """A paragraph-level piece of the document, in document order."""

    text: str
    role: str = PARAGRAPH
    # Where it came from: a line number for text, an element tag path for HTML.
    origin: str = ""
    # True when this block starts a new list, table or paragraph group in the output.
    group_start: bool = True
    # Text only: the first and the last line of the text the block was read from.
    lines: tuple[int, int] | None = None
    # HTML only: the index of the page segment the block was read from, in the extraction's list
    # of segments (those shown to readers that run scripts: not HtmlExtraction.segments, which
    # holds the <noscript> ones too), where the block is made from one (the page's own text, a
    # resegmented paragraph, a section put back); None for the blocks trafilatura wrote and for
    # the segments the block model puts back (it counts in HtmlExtraction.segments). Not read yet.
    segment: int | None = None

    @cached_property
    def words(self) -> list[str]:
        words = _WORD.findall(self.text)
        self.__dict__["n_words"] = len(words)  # asked for next, of nearly every block
        return words

    @cached_property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def norm(self) -> str:
        """Lowercase words only: the form phrase lists are matched against.

        The same normalisation as the phrase data (lexicon.normalise): "e-mail" and "don't" split
        into "e mail" and "don t", or phrases with hyphens and apostrophes would never match.
        """
        if self.text.isascii():
            # The same from the words: ASCII letters keep their class when lowercased, and the
            # words are the text's \w+ runs, joined by single apostrophes and hyphens.
            return " ".join(self.words).replace("'", " ").replace("-", " ").lower()
        return normalise(self.text)

    @cached_property
    def ends_sentence(self) -> bool:
        return bool(_TERMINAL.search(self.text))

    @cached_property
    def stopword_density(self) -> float:
        if not self.words:
            return 0.0
        if self.text.isascii():  # one lower() for all the words
            lowered: Iterable[str] = " ".join(self.words).lower().split(" ")
        else:
            lowered = map(str.lower, self.words)
        return sum(map(STOPWORDS.__contains__, lowered)) / len(self.words)

    @cached_property
    def title_case_share(self) -> float:
        """Share of longer words that start with a capital: high in headlines and menus."""
        long_words = [w for w in self.words if len(w) > 3]
        if not long_words:
            return 0.0
        return sum(1 for w in long_words if w[0].isupper()) / len(long_words)

    @cached_property
    def is_prose(self) -> bool:
        """Reads like running text: several words, sentence end, many function words."""
        return (
            self.n_words >= 8
            and self.stopword_density >= 0.2
            and (self.ends_sentence or self.n_words >= 25)
        )


# How the cleaner (and most extractors) write out the cells of a table row.
CELL_SEPARATOR = " | "
_GROUPED = (LIST_ITEM, TABLE_ROW)


def on_next_line(previous: Block, block: Block) -> bool:
    """Whether the block is rendered on the line after the previous one (an item of the same
    list or table), not after a blank line."""
    return block.role in _GROUPED and block.role == previous.role and not block.group_start


def render_blocks(blocks: list[Block]) -> str:
    """The blocks as text: one blank line between paragraphs, the items of a list or table on
    consecutive lines."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            out.append("\n" if on_next_line(previous, block) else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out).strip()


# The cached features above that depend on the text alone.
TEXT_FEATURES = (
    "words",
    "n_words",
    "norm",
    "ends_sentence",
    "stopword_density",
    "title_case_share",
    "is_prose",
)


def norms_of(blocks: list[Block]) -> list[str]:
    """The blocks' norms, with their words and n_words: what the properties compute, computed for
    the blocks that lack them in one pass (the words of all of them in one map, no property
    lookups), as the phrase gate asks every block of a document for its norm."""
    todo = [b for b in blocks if "norm" not in b.__dict__]
    for block, found in zip(todo, map(_WORD.findall, [b.text for b in todo])):
        features = block.__dict__
        words = features.setdefault("words", found)
        features["n_words"] = len(words)
        if block.text.isascii():  # as Block.norm
            features["norm"] = " ".join(words).replace("'", " ").replace("-", " ").lower()
        else:
            features["norm"] = normalise(block.text)
    return [b.__dict__["norm"] for b in blocks]


def carry_text_features(source: Block, target: Block) -> None:
    """Give target the features already computed for source, a block with the same text."""
    known, features = source.__dict__, target.__dict__
    for name in TEXT_FEATURES:
        if name in known:
            features[name] = known[name]


# What may stand beside a date in a timestamp line: a time, "Updated", "on", a time zone.
_DATE_COMPANIONS = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s*(?:am|pm)?|updated|published|posted|on|at|by|am|pm|ist|gmt|utc|est|edt|pst|pdt|cet)\b",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[A-Za-z]{3,}")


# Answers of only_dates kept by text: several rules ask it about the same lines, in every pass.
MAX_CACHED_DATE_ANSWERS = 20_000


# What every match of _DATE holds: four digits, a digit, slash or dot and digit, or "ago". A quick
# search for these rules most lines out before the long one; replacing words of a line by spaces
# (as navigation.only_a_date does first) adds none of them.
MAY_HOLD_A_DATE = re.compile(r"\d{4}|\d[/.]\d|ago", re.IGNORECASE)


@lru_cache(maxsize=MAX_CACHED_DATE_ANSWERS)
def only_dates(text: str) -> bool:
    """True when the text is a date or time and nothing else (a teaser's timestamp)."""
    if not MAY_HOLD_A_DATE.search(text) or not _DATE.search(text):
        return False
    return not _LETTERS.search(_DATE_COMPANIONS.sub(" ", _DATE.sub(" ", text)))
