"""`cleaner bench --hostile`: clean() and trafilatura alone on pathological pages, each in a
process of its own on one core with two minutes of CPU, measured the same way.

Each case is built in the child process (nothing large crosses a pipe); the child pins itself
to one core, sets an RLIMIT_CPU of the budget and prints its CPU seconds, peak RSS and what
came out. A child the budget kills is reported as such.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

CPU_BUDGET_SECONDS = 120
# A child that has used little CPU but runs this long (a loaded machine) is stopped too.
WALL_LIMIT_SECONDS = 900

SENTENCE = "The council said the new bridge would open next spring after a long debate in the chamber."


def _paragraph_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>Item {k} of the long list, lorem ipsum dolor sit amet, short.</p>\n" for k in range(paragraphs))
    return f"<html><head><title>A very long list</title></head><body><article>{body}</article></body></html>".encode()


def _article_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>{k}. {SENTENCE}</p>\n" for k in range(paragraphs))
    return f"<html><head><title>Long</title></head><body><article>{body}</article></body></html>".encode()


def _around(middle: str) -> bytes:
    return f"<html><body><p>{SENTENCE}</p>{middle}<p>After it: {SENTENCE}</p></body></html>".encode()


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">' for k in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE html [' + "".join(entities) + ']>'
        f"<html><body><p>&lol9;</p><p>{SENTENCE}</p></body></html>"
    ).encode()


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]


CASES = [
    Case("20 MB page of 250,000 paragraphs", lambda: _paragraph_page(250_000)),
    Case("56 MB page of 550,000 paragraphs", lambda: _article_page(550_000)),
    Case("10 MB single line of text", lambda: (SENTENCE + " ").encode() * 110_000),
    Case("10 MB paragraph in HTML", lambda: _around(f"<p>{(SENTENCE + ' ') * 115_000}</p>")),
    Case("11 MB inline script before the text", lambda: _around(f"<script>var d='{'A' * 11_000_000}';</script>")),
    Case(
        "100,000 nested <div>",
        lambda: _around("<div>" * 100_000 + f"<p>Deep inside: {SENTENCE}</p>" + "</div>" * 100_000),
    ),
    Case("100,000 unclosed <b>", lambda: _around("<b>" * 100_000)),
    Case("50,000 tiny blocks", lambda: _around("<div><span>ab</span></div>" * 50_000)),
    Case("2,000,000 entities (&amp; and out of range)", lambda: _around("&amp;" * 1_500_000 + "&#x110000;&#0;" * 250_000)),
    Case("billion laughs (XML entity declarations)", _billion_laughs),
    Case("5 MB random bytes", lambda: random.Random(1).randbytes(5_000_000)),
    Case("5 MB base64 junk as text", lambda: base64.b64encode(random.Random(2).randbytes(3_750_000))),
]
SYSTEMS = ("cleaner", "trafilatura")


@dataclass
class Outcome:
    cpu_seconds: float
    peak_mib: float
    result: str
    input_mb: float | None = None  # the page's size, as the child built it


def _run_one(case_index: int, system: str) -> dict:
    """In the child: build the case, clean it, report."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_BUDGET_SECONDS, CPU_BUDGET_SECONDS + 5))
    data = CASES[case_index].build()
    before = time.process_time()
    if system == "cleaner":
        import cleaner

        try:
            result = cleaner.clean(data)
            limits = [n for n in result.notes if n.startswith("work limit")]
            other = [n for n in result.notes if not n.startswith("work limit")]
            summary = f"{len(result.text):,} chars" + "".join(f"; {n}" for n in limits + other[:1])
        except cleaner.InputError as error:
            summary = f"InputError: {error}"
    else:
        import trafilatura

        text = trafilatura.extract(data)
        summary = f"{len(text or ''):,} chars"
    seconds = time.process_time() - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"cpu_seconds": seconds, "peak_mib": peak, "result": summary, "input_mb": len(data) / 1e6}


def measure(case_index: int, system: str) -> Outcome:
    command = [sys.executable, "-m", "cleaner.devtools.bench.hostile", "--one", str(case_index), system]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=WALL_LIMIT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(float("nan"), float("nan"), f"stopped after {WALL_LIMIT_SECONDS} s wall clock")
    if done.returncode != 0:
        used = time.monotonic() - started
        if done.returncode in (-24, -9):  # SIGXCPU, then SIGKILL past the hard limit
            return Outcome(CPU_BUDGET_SECONDS, float("nan"), f"not done in {CPU_BUDGET_SECONDS} s of CPU")
        tail = (done.stderr.strip().splitlines() or [""])[-1]
        return Outcome(float("nan"), float("nan"), f"exit {done.returncode} after {used:.0f} s: {tail[:120]}")
    return Outcome(**json.loads(done.stdout.strip().splitlines()[-1]))


def hostile_table(cases: list[int], systems: tuple[str, ...] = SYSTEMS, log=print) -> str:
    rows = ["| case | input MB | " + " | ".join(f"{s} CPU s | {s} peak MiB | {s} result" for s in systems) + " |"]
    rows.append("|---|---|" + "---|---|---|" * len(systems))
    for index in cases:
        case = CASES[index]
        cells: list[str] = []
        size: float | None = None  # from a child: the parent never builds a page
        for system in systems:
            log(f"{case.name}: {system}")
            outcome = measure(index, system)
            size = size if size is not None else outcome.input_mb
            cells += [f"{outcome.cpu_seconds:.1f}", f"{outcome.peak_mib:.0f}", outcome.result]
        input_mb = f"{size:.1f}" if size is not None else "-"
        rows.append("| " + " | ".join([case.name, input_mb, *cells]) + " |")
    return "\n".join(rows)


def run_hostile(systems: tuple[str, ...] = SYSTEMS, only: str | None = None) -> int:
    cases = [k for k, case in enumerate(CASES) if only is None or only.lower() in case.name.lower()]
    if not cases:
        print(f"no hostile case matches {only!r}", file=sys.stderr)
        return 2
    print(
        f"## Hostile pages: each system in a process of its own on one core, {CPU_BUDGET_SECONDS} s of CPU "
        "(RLIMIT_CPU); peak RSS includes building the page\n"
    )
    print(hostile_table(cases, systems, log=lambda m: print(m, file=sys.stderr, flush=True)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("system", nargs="?", choices=SYSTEMS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(_run_one(args.one, args.system or "cleaner")))
        return 0
    return run_hostile()


if __name__ == "__main__":
    sys.exit(main())
