"""The phrase data in cleaner/data: each rule family's folder of phrase files, one per language
(and one of markup tokens), parsed into the family's phrase lists."""

from __future__ import annotations

import re
from functools import cache

from ..model.words import LANGUAGES, data_file, normalise
from .candidates import GATE
from .matcher import PhraseList

# Language-neutral lists (class and id tokens of the markup) live beside the languages.
DATA_FILES = (*LANGUAGES, "markup")

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


def phrases(family: str) -> dict[str, PhraseList]:
    """All phrase lists of a rule family, merged over the supported languages."""
    return _all_families().get(family, {})


@cache
def _all_families() -> dict[str, dict[str, PhraseList]]:
    """The phrase lists of every family folder in cleaner/data, loaded together so that the gate
    knows every list before any text is asked about."""
    families = {}
    for folder in sorted(data_file().iterdir(), key=lambda p: p.name):
        if folder.is_dir() and folder.name != "stopwords":
            families[folder.name] = _load_family(folder.name)
    for lists in families.values():
        for phrase_list in lists.values():
            phrase_list.join_gate(GATE)
    return families


def _load_family(family: str) -> dict[str, PhraseList]:
    lists: dict[str, PhraseList] = {}
    for name in DATA_FILES:
        path = data_file(family, f"{name}.txt")
        if path.is_file():
            parse_phrase_file(path.read_text(encoding="utf-8"), lists, f"{family}/{name}.txt")
    for phrase_list in lists.values():
        phrase_list.compile()
    return lists
