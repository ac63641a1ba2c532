"""Load the phrase data in cleaner/data: stopwords and each rule family's phrase lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .gate import ListNeeds, PhraseGate, regex_alternation, text_words

LANGUAGES = ("en", "de", "fr", "es")
# Language-neutral lists (class and id tokens of the markup) live beside the languages.
DATA_FILES = (*LANGUAGES, "markup")
_WORD = re.compile(r"\w+", re.UNICODE)
# Emoji, arrows and bullets that open a line ("🚀 Sign up for...", "👉 Donate today"): patterns
# anchored at the start of a line should see the words, as the exact and prefix lists do.
_LEADING_SYMBOLS = re.compile(r"^[^\w\s\"'“‘«„(\[<>$€£#@]+\s*")


def normalise(text: str) -> str:
    """Lowercase words joined by single spaces: the form phrases are compared in."""
    return " ".join(_WORD.findall(text.lower()))


def _data_file(*parts: str):
    path = resources.files("cleaner").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path


def _load_stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in LANGUAGES:
        path = _data_file("stopwords", f"{lang}.txt")
        if path.is_file():
            words.update(path.read_text(encoding="utf-8").split())
    return frozenset(words)


STOPWORDS = _load_stopwords()


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
        self._prefix = _alternation(self.prefixes, r"^(?:{})(?: |$)")
        self._contains = _alternation(self.contains, r"(?:^| )(?:{})(?: |$)")
        self._prefix_heads = _first_words(self.prefixes)
        self._contains_heads = _first_words(self.contains)
        self._contains_by_head = _by_first_word(self.contains) if self._contains_heads is not None else None
        # Patterns anchored at the start of the line are compiled apart from the others: in one
        # alternation the anchored branches are retried at every position of the text, which
        # made a long list several times slower.
        anchored = [p for p in self.patterns if _is_anchored(p)]
        self._anchored = regex_alternation(anchored)
        unanchored = [p for p in self.patterns if p not in anchored]
        self._unanchored = regex_alternation(unanchored)
        self._unanchored_gate = _literal_gate([_required_literals(p) for p in unanchored])

    def match(self, text: str, norm: str | None = None) -> str | None:
        """The phrase or pattern that matches the text, or None.

        The gate answers first: it rules most lists out for most texts, and its bits for a block
        are already known. What the gate lets through is memoised per list: the rules ask a list
        about the same block in several rules and in every pass of the text path, and sites
        repeat their boilerplate lines from page to page.
        """
        if norm is None:
            norm = normalise(text)
        if self._gate is not None:
            # candidate_lists, with its usual answer looked up inline: the rules ask often.
            entry = _CANDIDATES.new.get(text)
            bits = entry[1] if entry is not None and entry[0] == norm else candidate_lists(text, norm)
            if not bits & self._gate_bit:
                return None  # the gate rules the list out: _match would find nothing
        cache = self._matches
        key = (text, norm)
        hit = cache.get(key, _UNKNOWN)
        if hit is not _UNKNOWN:
            return hit
        if len(cache) >= MAX_CACHED_MATCHES:
            cache.clear()  # a bound on memory; the lines that recur come back soon
        hit = self._match(text, norm)
        cache[key] = hit
        return hit

    def needs(self) -> ListNeeds:
        """What a text must have for this list to match it, for a PhraseGate."""
        literals = {p: _required_literals(p) for p in self.patterns}
        bare = [p for p, options in literals.items() if options is None]
        return ListNeeds(
            exact=self.exact,
            first_words=[p.split(" ", 1)[0] for p in self.prefixes],
            words=[_rarest_word(p) for p in self.contains],
            literals=[literal for options in literals.values() if options for literal in options],
            anchored_patterns=[p for p in bare if _is_anchored(p)],
            # An empty phrase matches without a word; an unanchored pattern the gate cannot test.
            always=any(not p or p.startswith(" ") for p in self.prefixes + self.contains)
            or any(not _is_anchored(p) for p in bare),
        )

    def may_match(self, candidates: int) -> bool:
        """False when the bits of candidate_lists for a text rule this list out."""
        return self._gate is None or bool(candidates & self._gate_bit)

    @property
    def gate_bit(self) -> int | None:
        """The list's bit in candidate_lists, or None when no gate knows the list."""
        return None if self._gate is None else self._gate_bit

    def join_gate(self, gate: PhraseGate) -> None:
        self._gate, self._gate_bit = gate, gate.add(self.needs())
        _CANDIDATES.clear()  # bits of texts asked about before this list joined would miss it

    def _match(self, text: str, norm: str) -> str | None:
        if norm in self.exact:
            return norm
        if self._prefix is not None and _may_hold(self._prefix_heads, norm.split(" ", 1)[:1]):
            hit = self._prefix.search(norm)
            if hit:
                return hit.group(0).strip()
        if self._contains_by_head is not None:
            phrase = _find_phrase(self._contains_by_head, norm)
            if phrase is not None:
                return phrase
        elif self._contains is not None:
            hit = self._contains.search(norm)
            if hit:
                return hit.group(0).strip()
        stripped, bare, folded = _text_forms(text)
        if self._anchored is not None:
            hit = self._anchored.match(stripped)
            if hit is None:
                hit = self._anchored.match(bare) if bare != stripped else None
            if hit:
                return hit.group(0).strip()
        if self._unanchored is not None:
            hit = self._search_unanchored(stripped, folded)
            if hit:
                return hit.group(0).strip()
        return None

    def _search_unanchored(self, text: str, folded: str) -> re.Match[str] | None:
        """The unanchored alternation's search, skipped when the text holds none of the literals
        its patterns need: patterns that open with \\b are tried at every position of the text,
        while one search for plain strings is quick."""
        if self._unanchored_gate is not None and not self._unanchored_gate.search(folded):
            return None
        return self._unanchored.search(text)


class _RecentTexts:
    """Texts mapped to (normalised form, candidate bits), bounded in two generations: when the
    newer fills, it becomes the older and the oldest entries go. A document's blocks, asked
    about again and again by the rules, stay in the cache while it fills (a single dict cleared
    when full would drop them all at once and recompute them)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self.new: dict[str, tuple[str, int]] = {}
        self._old: dict[str, tuple[str, int]] = {}

    def recall(self, text: str) -> tuple[str, int] | None:
        """The entry of a text not in the newer generation (callers look there first, inline:
        most asks find the text there), moved into it."""
        entry = self._old.get(text)
        if entry is not None:
            self.put(text, entry)
        return entry

    def put(self, text: str, entry: tuple[str, int]) -> None:
        if len(self.new) >= self._limit:
            self._old, self.new = self.new, {}
        self.new[text] = entry

    def clear(self) -> None:
        self.new.clear()
        self._old.clear()


# Texts with the normalised form they were asked with and the bits of the lists that may match.
MAX_CACHED_CANDIDATES = 30_000
_CANDIDATES = _RecentTexts(MAX_CACHED_CANDIDATES)


def candidate_lists(text: str, norm: str, *, norm_of_text: bool = False) -> int:
    """Bits of the data's phrase lists that may match the text (see PhraseGate); memoised, as
    every list asks in turn about the same block.

    With norm_of_text the caller vouches that norm is normalise(text), whose words are those of
    the case-folded text unless the text has a character fold_case treats apart.
    """
    entry = _CANDIDATES.new.get(text) or _CANDIDATES.recall(text)
    if entry is not None and (entry[0] is norm or entry[0] == norm):
        return entry[1]
    bits = _gate_bits(text, norm, norm_of_text)
    _CANDIDATES.put(text, (norm, bits))
    return bits


def _gate_bits(text: str, norm: str, norm_of_text: bool) -> int:
    # The forms as _text_forms makes them, without its cache: the gate sees each text once, and
    # only the few texts it lets through are matched (and their forms cached) later.
    stripped = text.strip()
    twins = _has_case_twins(text)
    folded = fold_case(stripped) if twins else stripped.lower()
    words = norm.split(" ")
    if not norm_of_text or twins:
        words += text_words(folded)
    bare = stripped if _opens_a_word(stripped) else _LEADING_SYMBOLS.sub("", stripped)
    if bare == stripped:
        return _GATE.mask(norm, words, (stripped,), (folded,))
    folded_bare = fold_case(bare)
    words += text_words(folded_bare)
    return _GATE.mask(norm, words, (stripped, bare), (folded, folded_bare))


def _opens_a_word(stripped: str) -> bool:
    """A text that opens with a word character has no leading symbols to strip."""
    return stripped[:1].isalnum() or stripped[:1] == "_"


@lru_cache(maxsize=4096)
def _text_forms(text: str) -> tuple[str, str, str]:
    """The text stripped, stripped of its leading symbols too, and case-folded; memoised, as
    every phrase list asks for them in turn."""
    stripped = text.strip()
    # A text that opens with a word character has no leading symbols: the regex is skipped.
    bare = stripped if _opens_a_word(stripped) else _LEADING_SYMBOLS.sub("", stripped)
    return stripped, bare, fold_case(stripped)


def _literal_gate(needs: list[tuple[str, ...] | None]) -> re.Pattern[str] | None:
    """A search for any of the literals the patterns need (one of each pattern's must occur for
    it to match); None when a pattern needs none, as then no text can be ruled out."""
    if not needs or any(options is None for options in needs):
        return None
    literals = sorted({literal for options in needs for literal in options}, key=len, reverse=True)
    return re.compile("|".join(re.escape(literal) for literal in literals))


# Characters that an IGNORECASE regex matches to an ASCII letter or digit but str.lower() does
# not turn into one (found by testing every code point against [a-z0-9] with re.IGNORECASE).
_TWIN_CHARS = ("\u0130", "\u0131", "\u017f", "\u212a")
_REGEX_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# ASCII literals shorter than this are too common to rule a text out.
MIN_REQUIRED_LITERAL = 3


def fold_case(text: str) -> str:
    """Lowercase, so that a literal an IGNORECASE regex matches in the text occurs in this."""
    if _has_case_twins(text):
        text = text.translate(_REGEX_CASE_TWINS)
    return text.lower()


def _has_case_twins(text: str) -> bool:
    return not text.isascii() and _CASE_TWIN.search(text) is not None


_CASE_TWIN = re.compile("[" + "".join(_TWIN_CHARS) + "]")


def _required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lowercased literals one of which every match of the pattern contains; None when the
    pattern has none worth checking.

    Only the top level of the pattern is read, with the groups and alternations in it: a literal
    outside any repeat is part of every match.
    """
    try:
        parsed = re._parser.parse(pattern, re.IGNORECASE)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a parser of another shape only costs the shortcut
        return None
    return _literal_options(list(parsed))


def _literal_options(items: list) -> tuple[str, ...] | None:
    """Literals one of which every match of the sequence of parsed items contains, or None.

    Each run of plain characters is such a set of one, and each group or alternation outside a
    repeat is such a set; of these, the set that fewest texts hold (see _option_strength).
    """
    constants = re._constants  # type: ignore[attr-defined]
    runs, run = [], []
    groups: list[tuple[str, ...]] = []
    for op, arg in items:
        if op is constants.LITERAL and _caseless_or_ascii(arg):
            run.append(chr(arg))
            continue
        runs.append("".join(run))
        run = []
        options = _group_options(op, arg)
        if options is not None:
            groups.append(options)
    runs.append("".join(run))
    candidates = [
        (literal,)
        for literal in sorted((r.lower() for r in runs), key=len, reverse=True)
        if len(literal) >= MIN_REQUIRED_LITERAL or not literal.isascii()
    ]
    candidates += groups
    # max keeps the first of equals: the longest run, then the groups in pattern order.
    return max(candidates, key=_option_strength, default=None)


def _option_strength(options: tuple[str, ...]) -> tuple[int, int]:
    """How few texts hold one of the literals: as few as hold its most common one."""
    return min(_literal_strength(literal) for literal in options)


def _rarest_word(phrase: str) -> str:
    """The word of a normalised phrase that fewest texts hold: not a stopword, then the longest."""
    return max(phrase.split(" "), key=lambda word: (word not in STOPWORDS, len(word)))


def _literal_strength(literal: str) -> tuple[int, int]:
    """A literal with a word that is not a stopword ("subscribe") is rarer than one without a
    word ("©", "...", searched for as it is), which is rarer than one of stopwords only (" a ",
    "this "); then the longer its longest such word (or itself), the rarer. ASCII punctuation
    shorter than MIN_REQUIRED_LITERAL ("-", ",") is in most texts."""
    words = _WORD.findall(literal)
    rare = [w for w in words if w not in STOPWORDS]
    if rare:
        return 2, max(map(len, rare))
    if words:
        return 0, max(map(len, words))
    if len(literal) >= MIN_REQUIRED_LITERAL or not literal.isascii():
        return 1, len(literal)
    return 0, 0


def _caseless_or_ascii(code: int) -> bool:
    """An ASCII character (fold_case lowers what matches it) or one without case ("©", "…"),
    which an IGNORECASE regex matches only to itself."""
    char = chr(code)
    return code < 128 or (char.lower() == char == char.upper() and code not in re._casefix._EXTRA_CASES)  # type: ignore[attr-defined]


def _group_options(op, arg) -> tuple[str, ...] | None:
    """Literals of an alternation (the parser factors a shared \\b out of its branches) or of a
    group around one."""
    constants = re._constants  # type: ignore[attr-defined]
    if op is constants.SUBPATTERN:
        return _literal_options(list(arg[-1]))
    if op is constants.IN:
        return _set_options(arg)
    if op is not constants.BRANCH:
        return None
    options: list[str] = []
    for branch in arg[1]:
        found = _literal_options(list(branch))
        if found is None:
            return None
        options.extend(found)
    return tuple(options)


def _set_options(items: list) -> tuple[str, ...] | None:
    """The characters of a set of plain characters ("[|/]", and "↩|↑" as the parser reads it)."""
    constants = re._constants  # type: ignore[attr-defined]
    if not all(op is constants.LITERAL and _caseless_or_ascii(arg) for op, arg in items):
        return None
    return tuple(chr(arg).lower() for _, arg in items)


def _is_anchored(pattern: str) -> bool:
    """Whether every match of the pattern starts at the beginning of the text (a leading ^ that
    is not one branch of a top-level alternation)."""
    return pattern.startswith("^") and not _has_top_level_bar(pattern)


def _has_top_level_bar(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


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


def _by_first_word(phrases: list[str]) -> dict[str, tuple[str, ...]]:
    """The phrases by their first word, longest first (as in the alternation of _alternation)."""
    grouped: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        grouped.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
    return {head: tuple(group) for head, group in grouped.items()}


def _find_phrase(by_head: dict[str, tuple[str, ...]], norm: str) -> str | None:
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


_KIND_ATTR = {"exact": "exact", "prefix": "prefixes", "contains": "contains", "regex": "patterns"}


def parse_phrase_file(text: str, into: dict[str, PhraseList], source: str = "") -> None:
    """Add the `[list.kind]` sections of one data file to the lists in `into`."""
    current: PhraseList | None = None
    kind = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name, _, kind = line[1:-1].partition(".")
            if kind not in _KIND_ATTR:
                raise ValueError(f"{source}:{number}: unknown match kind {kind!r}")
            current = into.setdefault(name, PhraseList())
            continue
        if current is None:
            raise ValueError(f"{source}:{number}: phrase outside a [list.kind] section")
        if kind == "regex":
            re.compile(line)  # fail at load time, naming the file, not at match time
            current.patterns.append(line)
        elif kind == "exact":
            current.exact.add(normalise(line))
        else:
            getattr(current, _KIND_ATTR[kind]).append(normalise(line))


# One gate over the lists of every family: a block asked about by all the rules is looked at once.
_GATE = PhraseGate(STOPWORDS)


def phrases(family: str) -> dict[str, PhraseList]:
    """All phrase lists of a rule family, merged over the supported languages."""
    return _all_families().get(family, {})


@cache
def _all_families() -> dict[str, dict[str, PhraseList]]:
    """The phrase lists of every family folder in cleaner/data, loaded together so that the gate
    knows every list before any text is asked about."""
    families = {}
    for folder in sorted(_data_file().iterdir(), key=lambda p: p.name):
        if folder.is_dir() and folder.name != "stopwords":
            families[folder.name] = _load_family(folder.name)
    for lists in families.values():
        for phrase_list in lists.values():
            phrase_list.join_gate(_GATE)
    return families


def _load_family(family: str) -> dict[str, PhraseList]:
    lists: dict[str, PhraseList] = {}
    for name in DATA_FILES:
        path = _data_file(family, f"{name}.txt")
        if path.is_file():
            parse_phrase_file(path.read_text(encoding="utf-8"), lists, f"{family}/{name}.txt")
    for phrase_list in lists.values():
        phrase_list.compile()
    return lists
