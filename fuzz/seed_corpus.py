"""Seed the fuzz corpus with small real inputs: the bundled samples, golden inputs and a few
hostile shapes. Each seed starts with the two control bytes fuzz_clean.py reads (kind, bytes)."""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SEED_BYTES = 150_000
HOSTILE = [
    b"",
    b"\x00\x00\x00",
    b"<html><body>" + b"<div>" * 500 + b"deep" + b"</div>" * 500,
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>',
    b"<p>unclosed <b>bold <i>italic</html> after</p>",
    b"&amp;" * 200 + b"&#x10FFFF;&#0;&#xD800;&nbsp;",
    gzip.compress(b"<p>zipped page</p>")[:20],
    b'<meta charset="shift_jis"><p>\xe6\x97\xa5\xe6\x9c\xac</p>',
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    inputs = [p.read_bytes() for p in sorted((ROOT / "cleaner" / "samples").iterdir())]
    inputs += [
        p.read_bytes()
        for p in sorted((ROOT / "golden").rglob("*"))
        if p.is_file() and p.suffix in {".html", ".txt"} and "expected" not in p.name
    ]
    inputs += HOSTILE
    for number, data in enumerate(inputs):
        if len(data) > MAX_SEED_BYTES:
            continue
        seed = bytes([number % 3, number % 2]) + data
        (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
