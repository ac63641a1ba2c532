"""Site profiles: per site, in how many of its documents each block occurs.

What repeats across a site's pages (an author blurb, a footer, a "More from us" box whose
headlines rotate, a sponsor line) is its template, even when it reads like prose and no rule
knows its words. A profile counts documents, not occurrences: a block seen on 37 of a site's 40
pages scores 37, however often one page repeats it. Blocks are counted by fingerprint (case,
whitespace, digits and dates masked) and by near-duplicate band (see fingerprint.py).

Profiles are plain counts, so two built separately (parallel workers, yesterday's crawl) merge
by adding them; each remembers the documents it learned, so learning a page twice counts it once.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .counts import FingerprintCounts
from .fingerprint import block_fingerprints, document_fingerprint

FORMAT = "cleaner-site-profiles"
# The fewest pages of a site on which the site rules act (rules/site_template.py): a profile
# of fewer pages cannot tell a template from a coincidence.
MIN_SITE_DOCUMENTS = 5
# Stream mode (batch.py): a site's pages are held back until the profile has this many of them...
WARMUP_DOCUMENTS = 20
# ...or until this many documents wait, which bounds the memory a stream takes.
LOOKAHEAD_DOCUMENTS = 1000
VERSION = 2
READABLE_VERSIONS = (1, 2)


# Letters, digits, hyphens and dots (and the letters of internationalised names).
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*")


class ProfileError(ValueError):
    """A profiles file that cannot be read: not JSON, another format, or a newer version."""


def site_of_url(url: str | None) -> str | None:
    """The site a URL belongs to: its host, lower case, without www. and port."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    if not _HOST.fullmatch(host):
        return None
    return host.removeprefix("www.") or None


def site_for(site: str | None, url: str | None, declared_url: str | None = None) -> str | None:
    """A document's site: the one given, else the host of its URL, else of the URL it declares."""
    return site or site_of_url(url) or site_of_url(declared_url)


@dataclass(frozen=True)
class Observation:
    """What one document adds to its site's profile: its fingerprint and its blocks' distinct
    fingerprints and bands. Small and picklable: worker processes observe, one process counts."""

    site: str
    document: int
    blocks: frozenset[int]
    bands: frozenset[int]


def observe_blocks(texts: Iterable[str], document: int, site: str = "") -> Observation:
    exact: set[int] = set()
    bands: set[int] = set()
    for text in texts:
        fingerprint, near = block_fingerprints(text)
        exact.add(fingerprint)
        bands.update(near)
    return Observation(site, document, frozenset(exact), frozenset(bands))


@dataclass
class SiteProfile:
    documents: int = 0
    # fingerprint -> number of documents containing a block with it (counts.py: compact,
    # exact up to BUCKET_WIDTH documents, then a lower bound that drops the rare ones)
    blocks: FingerprintCounts = field(default_factory=FingerprintCounts)
    # near-duplicate band key -> number of documents containing a block in that band
    bands: FingerprintCounts = field(default_factory=FingerprintCounts)
    # fingerprints of the documents learned
    seen: set[int] = field(default_factory=set)

    def learn(self, texts: Iterable[str], document: int) -> bool:
        """Count one document's blocks; False when this document was learned before."""
        return self.add(observe_blocks(texts, document))

    def add(self, observation: Observation) -> bool:
        """Count one observed document; False when it was learned before."""
        if observation.document in self.seen:
            return False
        self.seen.add(observation.document)
        self.documents += 1
        self.blocks.add_document(observation.blocks)
        self.bands.add_document(observation.bands)
        return True

    def occurrences(self, text: str) -> int:
        """In how many of the site's documents this block, or a near-duplicate of it, occurs."""
        return self.occurrences_many([text])[0]

    def occurrences_many(self, texts: list[str]) -> list[int]:
        """occurrences() of several blocks, with one lookup in the counts for all of them."""
        prints = [block_fingerprints(text) for text in texts]
        exact = self.blocks.get_many([fingerprint for fingerprint, _ in prints])
        bands = self.bands.get_many([band for _, near in prints for band in near])
        counts = []
        at = 0
        for (_, near), count in zip(prints, exact):
            if near:
                count = max(count, *bands[at : at + len(near)])
                at += len(near)
            counts.append(count)
        return counts

    def merge(self, other: SiteProfile) -> int:
        """Add another profile's counts; returns how many documents both had learned (those are
        counted twice: shards of a batch should not overlap)."""
        overlap = len(self.seen & other.seen)
        self.documents += other.documents
        self.blocks.merge(other.blocks)
        self.bands.merge(other.bands)
        self.seen |= other.seen
        return overlap

    def copy(self) -> SiteProfile:
        profile = SiteProfile()
        profile.merge(self)
        return profile


# Fingerprints all profiles may hold (16 bytes each in counts.py: 128 MB). A crawl of many
# sites goes past it with the pages of sites seen once or twice; those go first (see add).
MAX_FINGERPRINTS = 8_000_000


@dataclass
class Profiles:
    """Site profiles by site name (a host, or a name given with site=)."""

    sites: dict[str, SiteProfile] = field(default_factory=dict)
    max_fingerprints: int = MAX_FINGERPRINTS
    # Sites dropped to stay within max_fingerprints, and an upper bound of what is held now.
    dropped_sites: int = field(default=0, compare=False)
    _held: int = field(default=0, compare=False, repr=False)

    def learn(self, site: str, texts: Iterable[str], document_text: str) -> bool:
        return self.add(observe_blocks(texts, document_fingerprint(document_text), site))

    def add(self, observation: Observation) -> bool:
        """Count an observed document in its site's profile; False when it was learned before.

        Memory stays bounded: each site's counts by lossy counting (counts.py), and all of them
        by max_fingerprints. Past it, the sites with the fewest documents (the first learned
        among equals) are dropped until a quarter of the room is free: a site seen once or twice
        in a crawl of millions is the least likely to reach the pages the site rules need, and
        if it does, it starts again.
        """
        added = self.sites.setdefault(observation.site, SiteProfile()).add(observation)
        if added:
            self._held += len(observation.blocks) + len(observation.bands)
            if self._held > self.max_fingerprints:
                self._make_room(observation.site)
        return added

    def held(self) -> int:
        """Fingerprints held by all profiles."""
        return sum(len(p.blocks) + len(p.bands) for p in self.sites.values())

    def _make_room(self, keep: str) -> None:
        self._held = self.held()
        target = self.max_fingerprints * 3 // 4
        for site in sorted(self.sites, key=lambda name: self.sites[name].documents):
            if self._held <= target:
                break
            if site == keep:
                continue
            profile = self.sites.pop(site)
            self._held -= len(profile.blocks) + len(profile.bands)
            self.dropped_sites += 1

    def acting(self) -> Profiles:
        """The profiles of the sites with enough documents for the site rules to act: what
        cleaning needs (the others are kept for learning and saving)."""
        return Profiles({site: p for site, p in self.sites.items() if p.documents >= MIN_SITE_DOCUMENTS})

    def get(self, site: str | None) -> SiteProfile | None:
        return self.sites.get(site) if site else None

    def merge(self, other: Profiles) -> int:
        """Add another set of profiles to these; returns the number of documents both had."""
        overlap = 0
        for site, profile in other.sites.items():
            mine = self.sites.get(site)
            if mine is None:
                self.sites[site] = profile.copy()
            else:
                overlap += mine.merge(profile)
        return overlap

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.sites.values())

    # -- files -------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profiles as JSON (gzipped when the name ends in .gz), atomically."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "sites": {site: _profile_to_json(p) for site, p in sorted(self.sites.items())},
        }
        payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
        if str(path).endswith(".gz"):
            payload = gzip.compress(payload, mtime=0)
        folder = os.path.dirname(os.path.abspath(path))
        handle, tmp = tempfile.mkstemp(prefix=".profiles-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; a profile is an ordinary output
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Profiles:
        raw = Path(path).read_bytes()
        try:
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            data = json.loads(raw)
        except (OSError, EOFError, ValueError) as exc:
            raise ProfileError(f"{path}: not a profiles file ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ProfileError(f"{path}: not a {FORMAT} file")
        if data.get("version") not in READABLE_VERSIONS:
            raise ProfileError(
                f"{path}: profiles version {data.get('version')!r}, this cleaner reads {VERSION}"
            )
        try:
            return cls({site: _profile_from_json(p, data["version"]) for site, p in data["sites"].items()})
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProfileError(f"{path}: damaged profiles file ({exc!r})") from None


def _profile_to_json(profile: SiteProfile) -> dict:
    # Hex keys: JSON objects take string keys, and 64-bit integers lose precision in some readers.
    # A count is [count, delta] where lossy counting gave it a delta (counts.py), else a number.
    return {
        "documents": profile.documents,
        "blocks": _counts_to_json(profile.blocks),
        "bands": _counts_to_json(profile.bands),
        "seen": [f"{k:016x}" for k in sorted(profile.seen)],
    }


def _counts_to_json(counts: FingerprintCounts) -> dict:
    return {
        "documents": counts.documents,
        "counts": {f"{k:016x}": [c, d] if d else c for k, c, d in counts.items()},
    }


def _profile_from_json(data: dict, version: int) -> SiteProfile:
    documents = int(data["documents"])
    return SiteProfile(
        documents,
        _counts_from_json(data["blocks"], version, documents),
        _counts_from_json(data["bands"], version, documents),
        {int(k, 16) for k in data["seen"]},
    )


def _counts_from_json(data: dict, version: int, documents: int) -> FingerprintCounts:
    if version == 1:  # plain {hex: count}, exact counts
        return FingerprintCounts.from_items(documents, ((int(k, 16), int(v), 0) for k, v in data.items()))
    items = []
    for k, v in data["counts"].items():
        count, delta = (v, 0) if isinstance(v, int) else v
        items.append((int(k, 16), int(count), int(delta)))
    return FingerprintCounts.from_items(int(data["documents"]), items)
