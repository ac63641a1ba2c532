"""One test per text for all phrase lists at once: which lists could match it at all.

Almost no block matches any phrase list, yet each list took its own look at every block (a set
test, a prefix search, a regex over the start of the text, a literal search). The gate collects
what each list needs of a text into shared indexes keyed by words, so that one pass over a text's
words tells every list whether it can match. A list the gate rules out cannot match; one it lets
through runs its full match as before, so the gate changes no result, only the work.

What a list needs, any one of which lets it through:
- its exact phrases: the whole normalised text;
- its prefixes: the first word of the normalised text;
- its contains phrases: one of the phrase's words, as a whole word of the normalised text;
- its patterns: one of the literals every match of the pattern holds (see
  lexicon.required_literals), found in the case-folded text. A literal is looked up by one of
  its words: a word with other characters on both sides in the literal ("rights" in "all rights
  reserved") is a whole word of the text; the literal's first word ends a word of the text, its
  last word starts one, and a literal of one word lies inside one. A literal without a word
  character ("©") is searched for in the text itself;
- a pattern anchored at the start of the text without such a literal: the pattern itself. All
  such patterns of all lists are tried as one alternation at the start of the text, and let
  their lists through only when it matches (rarely: they are credit and agency lines);
- an unanchored pattern without such a literal lets its list through whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .first_chars import AnchoredDispatch

# A word as the gate reads texts and literals; text_words gives the words of a text so.
_WORD = re.compile(r"\w+")


def text_words(text: str) -> list[str]:
    return _WORD.findall(text)

# Words resolved to the lists their word conditions let through are kept across texts: the
# vocabulary of pages repeats, so most words are resolved once per process.
MAX_CACHED_WORDS = 200_000


@dataclass
class ListNeeds:
    """What a text must have for one phrase list to match it (any one of these)."""

    exact: Iterable[str] = ()
    first_words: Iterable[str] = ()
    words: Iterable[str] = ()
    literals: Iterable[str] = ()
    # Patterns anchored at the start of the text with no literal to look for.
    anchored_patterns: Iterable[str] = ()
    # An empty phrase, which matches without a word, or a pattern the gate cannot test.
    always: bool = False


@dataclass
class _WordConditions:
    """Conditions on one word of a text, each with the bits of the lists it lets through."""

    whole: dict[str, int] = field(default_factory=dict)  # the word itself
    starts: dict[str, int] = field(default_factory=dict)  # a start of the word
    ends: dict[str, int] = field(default_factory=dict)  # an end of the word
    # Inside the word, keyed by the piece's first two characters; pieces of one character apart.
    inside: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    inside_single: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, piece: str, bit: int) -> None:
        if kind == "inside" and len(piece) > 1:
            self.inside.setdefault(piece[:2], []).append((piece, bit))
            return
        table = {"whole": self.whole, "starts": self.starts, "ends": self.ends, "inside": self.inside_single}[kind]
        table[piece] = table.get(piece, 0) | bit

    def finish(self) -> None:
        self._start_lengths = sorted({len(p) for p in self.starts})
        self._end_lengths = sorted({len(p) for p in self.ends})
        # Whether a word starts with, ends with or holds any piece, in one regex test (the pieces
        # as a trie): most words hold none, and skip the loops that find which ones they hold.
        self._starts_any = _trie_regex(self.starts).match
        self._ends_any = _trie_regex(p[::-1] for p in self.ends).match  # on the word reversed
        self._inside_any = _trie_regex([p for group in self.inside.values() for p, _ in group]).search

    def lists_for(self, word: str) -> int:
        bits = self.whole.get(word, 0)
        if self._starts_any(word):
            for n in self._start_lengths:
                if n > len(word):
                    break
                bits |= self.starts.get(word[:n], 0)
        if self._ends_any(word[::-1]):
            for n in self._end_lengths:
                if n > len(word):
                    break
                bits |= self.ends.get(word[-n:], 0)
        if self.inside_single:  # none in the data: no set of letters to make for every word
            for char in set(word) & self.inside_single.keys():
                bits |= self.inside_single[char]
        if self._inside_any(word):
            for i in range(len(word) - 1):
                for piece, bit in self.inside.get(word[i : i + 2], ()):
                    if word.startswith(piece, i):
                        bits |= bit
        return bits


def _trie_regex(pieces: Iterable[str]) -> re.Pattern[str]:
    """A regex that matches where one of the pieces starts: their trie as nested groups, so that
    the engine tries the pieces' characters once, not each piece in turn (it never matches when
    there are no pieces)."""
    trie: dict[str, dict] = {}
    for piece in pieces:
        node = trie
        for char in piece:
            node = node.setdefault(char, {})
        node[""] = {}  # a piece ends here

    def pattern(node: dict[str, dict]) -> str:
        if "" in node:
            return ""  # a piece ends here: what follows it does not matter
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(pattern(trie) if trie else "(?!)")


def literal_condition(literal: str, common: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The word test a text passes whenever it contains the literal: (kind, piece), where kind
    is whole, starts, ends or inside a word of the text, or ("text", literal) for a literal
    without word characters. Of the literal's words, the test takes one that lets few texts
    through: not a common word, then a whole word, then the longest."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(literal)]
    if not spans:
        return "text", literal

    def selectivity(span: tuple[int, int]) -> tuple[bool, bool, int]:
        start, end = span
        return literal[start:end] not in common, 0 < start and end < len(literal), end - start

    start, end = max(spans, key=selectivity)
    piece = literal[start:end]
    if start > 0 and end < len(literal):
        return "whole", piece  # non-word characters on both sides: a whole word of the text
    if start > 0:
        return "starts", piece  # a non-word character before it: a word of the text starts so
    if end < len(literal):
        return "ends", piece
    return "inside", piece


class PhraseGate:
    """Bits of the phrase lists that may match a text, for all lists in one pass over its words."""

    def __init__(self, common_words: frozenset[str] = frozenset()) -> None:
        # Words found in most texts (stopwords): a literal is looked up by another of its words.
        self._common = common_words
        self._bits = 0
        self._always = 0
        self._exact: dict[str, int] = {}
        self._first: dict[str, int] = {}
        self.word_conditions = _WordConditions()
        self._in_text: dict[str, int] = {}
        self._resolved = _ResolvedWords()
        self.word_conditions.finish()
        self._anchored_patterns: list[str] = []
        self._anchored: re.Pattern[str] | None = None
        self._anchored_bits = 0
        self._in_text_search: Callable[[str], re.Match[str] | None] | None = None
        self._head_words: frozenset[str] | None = None
        self._anchored_dispatch: AnchoredDispatch | None = None

    def add(self, needs: ListNeeds) -> int:
        """Index one list's needs; its bit, to test against mask()."""
        bit = 1 << self._bits
        self._bits += 1
        if needs.always:
            self._always |= bit
        for phrase in needs.exact:
            self._exact[phrase] = self._exact.get(phrase, 0) | bit
        for word in needs.first_words:
            self._first[word] = self._first.get(word, 0) | bit
        for word in needs.words:
            self.word_conditions.add("whole", word, bit)
        for literal in needs.literals:
            kind, piece = literal_condition(literal, self._common)
            if kind == "text":
                self._in_text[piece] = self._in_text.get(piece, 0) | bit
            else:
                self.word_conditions.add(kind, piece, bit)
        for pattern in needs.anchored_patterns:
            self._anchored_patterns.append(pattern)
            self._anchored_bits |= bit
        self._anchored = regex_alternation(self._anchored_patterns)
        self._in_text_search = _any_of(self._in_text)
        self.word_conditions.finish()
        self._resolved = _ResolvedWords()
        self._head_words = None
        self._anchored_dispatch = None
        return bit

    def mask(self, norm: str, words: list[str], forms: tuple[str, ...], folded_forms: tuple[str, ...]) -> int:
        """Bits of the lists that may match a text, given its normalised form (for the phrase
        lists), the words of that and of its case-folded forms, the forms the patterns are
        matched against (the text stripped, and stripped of leading symbols when it has any)
        and their case-folded forms (for the literals without a word)."""
        bits = self._always | self._exact.get(norm, 0) | self._first.get(norm.partition(" ")[0], 0)
        if self._anchored is not None:
            for form in forms:
                if self._anchored.match(form):
                    bits |= self._anchored_bits
                    break
        if self._in_text_search is not None:
            for folded in folded_forms:
                if self._in_text_search(folded):  # one scan; most texts hold none of them
                    for literal, bit in self._in_text.items():
                        if literal in folded:
                            bits |= bit
        # Set tests that take the word list as it is: most words are known and hit no list. The
        # words are read in one _ResolvedWords, whole even when a resolve replaces it, and the
        # bits of the words resolved here count as they are found.
        resolved = self._resolved
        if not resolved.known.issuperset(words):
            for word in set(words) - resolved.known:
                bits |= self._resolve(word)
        if not resolved.hit_words.isdisjoint(words):
            for word in resolved.hit_words.intersection(words):
                bits |= resolved.hit_bits[word]
        return bits

    # What gate_texts.text_masks reads: the needs by kind, for many texts at once.

    def joins_by_line_breaks(self) -> bool:
        """Whether the literals without a word can be looked for in texts joined by line breaks:
        none is empty or holds a space (which could span two texts)."""
        return all(literal and not any(c.isspace() for c in literal) for literal in self._in_text)

    @property
    def always_bits(self) -> int:
        return self._always

    @property
    def anchored_bits(self) -> int:
        return self._anchored_bits

    @property
    def anchored_match(self) -> Callable[[str], re.Match[str] | None] | None:
        """The anchored patterns' match, which tries only those that can start with the text's
        first character (the same answer as the alternation of them all)."""
        if not self._anchored_patterns:
            return None
        if self._anchored_dispatch is None:
            self._anchored_dispatch = AnchoredDispatch(self._anchored_patterns)
        return self._anchored_dispatch.match

    @property
    def text_literals(self) -> list[tuple[str, int]]:
        return list(self._in_text.items())

    @property
    def head_words(self) -> frozenset[str]:
        """The first words of the exact phrases and of the prefixes: head_bits is 0 for a
        normalised text whose first word is none of them."""
        if self._head_words is None:
            self._head_words = frozenset({p.partition(" ")[0] for p in self._exact} | set(self._first))
        return self._head_words

    def head_bits(self, norm: str) -> int:
        """The bits of the exact phrases and the prefixes for a normalised text."""
        return self._exact.get(norm, 0) | self._first.get(norm.partition(" ")[0], 0)

    def word_hits(self, words: set[str]) -> dict[str, int]:
        """The words that let some list through, with the bits of those lists (read as mask
        reads them: the unknown words resolved first, their bits counted as they are found)."""
        resolved = self._resolved
        hits = {}
        for word in words - resolved.known:
            bits = self._resolve(word)
            if bits:
                hits[word] = bits
        for word in resolved.hit_words.intersection(words):
            hits[word] = resolved.hit_bits[word]
        return hits

    def _resolve(self, word: str) -> int:
        """The bits of the lists the word lets through, remembered; most words let none through,
        so the words of a text are matched against these with two set operations."""
        resolved = self._resolved
        if len(resolved.known) >= MAX_CACHED_WORDS:
            # A bound on memory; common words come back at once.
            resolved = self._resolved = _ResolvedWords()
        bits = self.word_conditions.lists_for(word)
        resolved.add(word, bits)
        return bits


class _ResolvedWords:
    """Words with the bits of the lists they let through, shared by the threads that clean.

    A word is added with its bits before it is known, and the sets are only added to (a full
    one is replaced, not emptied): a thread that finds a word known finds its bits, and one
    reading while another resolves or replaces sees a whole set. Known first, another thread
    asking about the word while its bits were being found took it for one that hits no list."""

    __slots__ = ("hit_bits", "hit_words", "known")

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.hit_words: set[str] = set()
        self.hit_bits: dict[str, int] = {}

    def add(self, word: str, bits: int) -> None:
        if bits:
            self.hit_bits[word] = bits
            self.hit_words.add(word)
        self.known.add(word)


def _any_of(literals: Iterable[str]) -> Callable[[str], re.Match[str] | None] | None:
    """A search for any of the literals (longest first), or None when there are none."""
    ordered = sorted(literals, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))).search if ordered else None


def regex_alternation(patterns: list[str]) -> re.Pattern[str] | None:
    """The patterns as one case-insensitive regex (the phrase lists compile theirs so too)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
