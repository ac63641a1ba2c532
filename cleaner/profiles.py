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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .fingerprint import block_fingerprints, document_fingerprint

FORMAT = "cleaner-site-profiles"
VERSION = 1


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
    # fingerprint -> number of documents containing a block with it
    blocks: Counter[int] = field(default_factory=Counter)
    # near-duplicate band key -> number of documents containing a block in that band
    bands: Counter[int] = field(default_factory=Counter)
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
        self.blocks.update(observation.blocks)
        self.bands.update(observation.bands)
        return True

    def occurrences(self, text: str) -> int:
        """In how many of the site's documents this block, or a near-duplicate of it, occurs."""
        fingerprint, near = block_fingerprints(text)
        count = self.blocks.get(fingerprint, 0)
        for band in near:
            count = max(count, self.bands.get(band, 0))
        return count

    def merge(self, other: SiteProfile) -> int:
        """Add another profile's counts; returns how many documents both had learned (those are
        counted twice: shards of a batch should not overlap)."""
        overlap = len(self.seen & other.seen)
        self.documents += other.documents
        self.blocks.update(other.blocks)
        self.bands.update(other.bands)
        self.seen |= other.seen
        return overlap


@dataclass
class Profiles:
    """Site profiles by site name (a host, or a name given with site=)."""

    sites: dict[str, SiteProfile] = field(default_factory=dict)

    def learn(self, site: str, texts: Iterable[str], document_text: str) -> bool:
        return self.add(observe_blocks(texts, document_fingerprint(document_text), site))

    def add(self, observation: Observation) -> bool:
        """Count an observed document in its site's profile; False when it was learned before."""
        return self.sites.setdefault(observation.site, SiteProfile()).add(observation)

    def get(self, site: str | None) -> SiteProfile | None:
        return self.sites.get(site) if site else None

    def merge(self, other: Profiles) -> int:
        """Add another set of profiles to these; returns the number of documents both had."""
        overlap = 0
        for site, profile in other.sites.items():
            mine = self.sites.get(site)
            if mine is None:
                self.sites[site] = SiteProfile(
                    profile.documents, Counter(profile.blocks), Counter(profile.bands), set(profile.seen)
                )
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
        if data.get("version") != VERSION:
            raise ProfileError(
                f"{path}: profiles version {data.get('version')!r}, this cleaner reads {VERSION}"
            )
        try:
            return cls({site: _profile_from_json(p) for site, p in data["sites"].items()})
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProfileError(f"{path}: damaged profiles file ({exc!r})") from None


def _profile_to_json(profile: SiteProfile) -> dict:
    # Hex keys: JSON objects take string keys, and 64-bit integers lose precision in some readers.
    return {
        "documents": profile.documents,
        "blocks": {f"{k:016x}": v for k, v in sorted(profile.blocks.items())},
        "bands": {f"{k:016x}": v for k, v in sorted(profile.bands.items())},
        "seen": [f"{k:016x}" for k in sorted(profile.seen)],
    }


def _profile_from_json(data: dict) -> SiteProfile:
    return SiteProfile(
        int(data["documents"]),
        Counter({int(k, 16): int(v) for k, v in data["blocks"].items()}),
        Counter({int(k, 16): int(v) for k, v in data["bands"].items()}),
        {int(k, 16) for k in data["seen"]},
    )
