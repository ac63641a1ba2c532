"""A phrase list, compiled for matching: exact phrases, prefixes, phrases contained as whole words,
and regular expressions; each answer memoised per text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from ..model.words import fold_case, normalise
from .candidates import CANDIDATES, LEADING_SYMBOLS, candidate_lists, opens_a_word
from .gate import ListNeeds, PhraseGate, regex_alternation
from .literals import is_anchored, literal_gate, rarest_word, required_literals

# Match results kept per phrase list, for blocks and lines met again.
MAX_CACHED_MATCHES = 20_000


_UNKNOWN = object()


@dataclass
class PhraseList:
    """One named list of a family, all languages merged, compiled for matching."""

    exact: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    contains: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)

    def compile(self) -> None:
        self._matches: dict[tuple[str, str], str | None] = {}
        # Set when the list joins a PhraseGate (the lists of the data files do).
        self._gate: PhraseGate | None = None
        self._gate_bit = 0
        # The gate's bit for the literals of the unanchored patterns (None: they have none, and
        # are searched whenever the list's bit lets a text through).
        self._unanchored_bit: int | None = None
        self._prefix = _alternation(self.prefixes, r"^(?:{})(?: |$)")
        self._contains = _alternation(self.contains, r"(?:^| )(?:{})(?: |$)")
        self._prefix_heads = _first_words(self.prefixes)
        self._contains_heads = _first_words(self.contains)
        self._contains_by_head = by_first_word(self.contains) if self._contains_heads is not None else None
        # Patterns anchored at the start of the line are compiled apart from the others: in one
        # alternation the anchored branches are retried at every position of the text, which
        # made a long list several times slower.
        anchored = [p for p in self.patterns if is_anchored(p)]
        self._anchored = regex_alternation(anchored)
        unanchored = [p for p in self.patterns if p not in anchored]
        self.unanchored = regex_alternation(unanchored)
        self._unanchored_literals = [required_literals(p) for p in unanchored]
        self._unanchored_gate = literal_gate(self._unanchored_literals)

    def match(self, text: str, norm: str | None = None) -> str | None:
        """The phrase or pattern that matches the text, or None.

        The gate answers first: it rules most lists out for most texts, and its bits for a block
        are already known. What the gate lets through is memoised per list: the rules ask a list
        about the same block in several rules and in every pass of the text path, and sites
        repeat their boilerplate lines from page to page.
        """
        if norm is None:
            norm = normalise(text)
        search = True
        if self._gate is not None:
            # candidate_lists, with its usual answer looked up inline: the rules ask often.
            entry = CANDIDATES.new.get(text)
            bits = entry[1] if entry is not None and entry[0] == norm else candidate_lists(text, norm)
            if not bits & self._gate_bit:
                return None  # the gate rules the list out: _match would find nothing
            # The text holds none of the literals the unanchored patterns need: none can match.
            search = self._unanchored_bit is None or bool(bits & self._unanchored_bit)
        cache = self._matches
        key = (text, norm)
        hit = cache.get(key, _UNKNOWN)
        if hit is not _UNKNOWN:
            return cast("str | None", hit)
        if len(cache) >= MAX_CACHED_MATCHES:
            cache.clear()  # a bound on memory; the lines that recur come back soon
        hit = self._match(text, norm, search)
        cache[key] = hit
        return hit

    def needs(self) -> ListNeeds:
        """What a text must have for this list to match it, for a PhraseGate."""
        literals = {p: required_literals(p) for p in self.patterns}
        bare = [p for p, options in literals.items() if options is None]
        return ListNeeds(
            exact=self.exact,
            first_words=[p.split(" ", 1)[0] for p in self.prefixes],
            words=[rarest_word(p) for p in self.contains],
            literals=[literal for options in literals.values() if options for literal in options],
            anchored_patterns=[p for p in bare if is_anchored(p)],
            # An empty phrase matches without a word; an unanchored pattern the gate cannot test.
            always=any(not p or p.startswith(" ") for p in self.prefixes + self.contains)
            or any(not is_anchored(p) for p in bare),
        )

    def may_match(self, candidates: int) -> bool:
        """False when the bits of candidate_lists for a text rule this list out."""
        return self._gate is None or bool(candidates & self._gate_bit)

    @property
    def gate_bit(self) -> int | None:
        """The list's bit in candidate_lists, or None when no gate knows the list."""
        return None if self._gate is None else self._gate_bit

    def unanchored_needs(self) -> ListNeeds | None:
        """What a text must hold for one of the unanchored patterns to match it (one of their
        literals); None when one of them needs no literal."""
        if not self._unanchored_literals or any(options is None for options in self._unanchored_literals):
            return None
        return ListNeeds(literals=[literal for options in self._unanchored_literals if options for literal in options])

    def join_gate(self, gate: PhraseGate) -> None:
        self._gate, self._gate_bit = gate, gate.add(self.needs())
        unanchored = self.unanchored_needs()
        self._unanchored_bit = gate.add(unanchored) if unanchored is not None else None
        CANDIDATES.clear()  # bits of texts asked about before this list joined would miss it

    def _match(self, text: str, norm: str, search: bool = True) -> str | None:
        """What match finds, without the gate; with search False the unanchored patterns are
        not searched (the gate found none of their literals)."""
        if norm in self.exact:
            return norm
        if self._prefix is not None and _may_hold(self._prefix_heads, norm.split(" ", 1)[:1]):
            hit = self._prefix.search(norm)
            if hit:
                return hit.group(0).strip()
        if self._contains_by_head is not None:
            phrase = find_phrase(self._contains_by_head, norm)
            if phrase is not None:
                return phrase
        elif self._contains is not None:
            hit = self._contains.search(norm)
            if hit:
                return hit.group(0).strip()
        stripped, bare, folded = text_forms(text)
        if self._anchored is not None:
            hit = self._anchored.match(stripped)
            if hit is None:
                hit = self._anchored.match(bare) if bare != stripped else None
            if hit:
                return hit.group(0).strip()
        if search and self.unanchored is not None:
            hit = self.search_unanchored(stripped, folded)
            if hit:
                return hit.group(0).strip()
        return None

    def search_unanchored(self, text: str, folded: str) -> re.Match[str] | None:
        """The unanchored alternation's search, skipped when the text holds none of the literals
        its patterns need: patterns that open with \\b are tried at every position of the text,
        while one search for plain strings is quick."""
        if self._unanchored_gate is not None and not self._unanchored_gate.search(folded):
            return None
        return self.unanchored.search(text) if self.unanchored is not None else None


@lru_cache(maxsize=4096)
def text_forms(text: str) -> tuple[str, str, str]:
    """The text stripped, stripped of its leading symbols too, and case-folded; memoised, as
    every phrase list asks for them in turn."""
    stripped = text.strip()
    # A text that opens with a word character has no leading symbols: the regex is skipped.
    bare = stripped if opens_a_word(stripped) else LEADING_SYMBOLS.sub("", stripped)
    return stripped, bare, fold_case(stripped)


def _first_words(phrases: list[str]) -> frozenset[str] | None:
    """The first words of the phrases; None when one is empty (it matches without a word)."""
    if any(not p or p.startswith(" ") for p in phrases):
        return None
    return frozenset(p.split(" ", 1)[0] for p in phrases)


def _may_hold(heads: frozenset[str] | None, words: Iterable[str]) -> bool:
    """Whether a phrase starting with one of heads can match at one of words.

    A phrase matches at word boundaries (space or end of text), so its first word is one of
    the text's space-separated words; a set test skips most regex searches, which are slow
    on long alternations of phrases.
    """
    return heads is None or not heads.isdisjoint(words)


def by_first_word(phrases: list[str]) -> dict[str, tuple[str, ...]]:
    """The phrases by their first word, longest first (as in the alternation of _alternation)."""
    grouped: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        grouped.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
    return {head: tuple(group) for head, group in grouped.items()}


def find_phrase(by_head: dict[str, tuple[str, ...]], norm: str) -> str | None:
    """What the contains alternation finds in norm, found word by word: the leftmost phrase that
    fills whole words of norm, the longest one at its word. A phrase starts at a word of norm
    equal to its first word, so only the phrases of that word are tried; a long alternation
    of phrases costs the regex engine a try at every character."""
    heads = by_head.keys() & norm.split(" ")
    if not heads:
        return None  # the usual answer, found without a Python step per word
    # The head words of norm are few: look for each where it stands, not at every word of norm.
    found_at, found = len(norm), None
    for head in heads:
        hit = _first_phrase(by_head[head], head, norm, found_at)
        if hit is not None:
            found_at, found = hit
    return found


def _first_phrase(phrases: tuple[str, ...], head: str, norm: str, before: int) -> tuple[int, str] | None:
    """Where the first of the phrases (all starting with the word head) that fills whole words
    of norm starts before `before`, and which one (the first in order at that place)."""
    at = norm.find(head)
    while 0 <= at < before:
        if at == 0 or norm[at - 1] == " ":  # a word of norm starts here
            for phrase in phrases:
                end = at + len(phrase)
                if norm.startswith(phrase, at) and (end == len(norm) or norm[end] == " "):
                    return at, phrase
        at = norm.find(head, at + 1)
    return None


def _alternation(phrases: list[str], template: str) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # Longest first so that "leave a reply cancel reply" wins over "leave a reply".
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(template.format("|".join(re.escape(p) for p in ordered)))
