"""`cleaner clean PATH...`: clean files, folders, globs or stdin; `cleaner` alone cleans the samples.

Inputs are gathered first (folders recursively, globs expanded), then each is cleaned on its
own: a failed input is reported on stderr and the rest still run. With -o the outputs mirror
the input tree under OUTDIR; without it a single input goes to stdout.
"""

from __future__ import annotations

import argparse
import functools
import glob
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TextIO

from .batch import WARMUP_DOCUMENTS, Cleaner, Document
from .errors import InputError
from .pipeline import clean
from .profiles import ProfileError, Profiles
from .result import Result

# Extensions taken from folders and globs; a .gz of any of them too.
TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS
STDIN = "-"
STDIN_NAME = "stdin"
FORMATS = ("text", "json")
EXPLAIN_SUFFIX = ".explain.txt"
# How much of a removed segment --explain shows.
EXPLAIN_CLIP = 160


@dataclass(frozen=True)
class Input:
    """One document to clean: where it is read from and the name it has under OUTDIR."""

    path: str  # a file path, or "-" for stdin
    relative: str  # path relative to the common base of all inputs, "/"-separated

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else self.path


@dataclass
class Failure:
    label: str
    message: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched recursively), glob patterns, or - for stdin",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUTDIR", help="write outputs under OUTDIR, mirroring the inputs"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default) or json")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list each removed segment with its rule and reason (stderr, or FILE.explain.txt with -o)",
    )
    sites = parser.add_argument_group(
        "site profiles",
        "Several documents are cleaned as a batch: every input is read once to learn what each site's "
        "pages repeat (its template), then cleaned with that, whatever the order of the inputs. A "
        "document's site is the host of the URL it declares (canonical link, og:url), or --site.",
    )
    sites.add_argument("--site", metavar="NAME", help="the site of every input (text files carry no URL)")
    sites.add_argument(
        "--profiles",
        metavar="FILE",
        help="start from the site profiles in FILE (when it exists), and save them there with this run's "
        "documents learned (.gz to compress)",
    )
    mode = sites.add_mutually_exclusive_group()
    mode.add_argument(
        "--stream",
        action="store_true",
        help="learn as documents arrive instead of reading all inputs first (for unbounded input); a "
        "document waits until its site has --warmup pages learned",
    )
    mode.add_argument("--no-profiles", action="store_true", help="clean each document alone")
    sites.add_argument(
        "--warmup", type=int, default=WARMUP_DOCUMENTS, metavar="N", help=f"with --stream (default {WARMUP_DOCUMENTS})"
    )


# ---------------------------------------------------------------------------------------------
# Gathering inputs


def accepted(name: str) -> bool:
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    return lower.endswith(ACCEPTED_EXTENSIONS)


def kind_for(path: str) -> str:
    """kind= for clean(): .txt is text, .html/.htm is HTML (also gzipped), the rest auto."""
    lower = path.lower()
    lower = lower.removesuffix(".gz")
    if lower.endswith(TEXT_EXTENSIONS):
        return "text"
    if lower.endswith(HTML_EXTENSIONS):
        return "html"
    return "auto"


def _walk(folder: str, skip: str | None) -> Iterator[str]:
    """Accepted files under a folder, sorted, not following symlinked folders, skipping OUTDIR."""
    for root, dirs, files in os.walk(folder):
        if skip is not None:
            dirs[:] = [d for d in dirs if os.path.abspath(os.path.join(root, d)) != skip]
        dirs.sort()
        for name in sorted(files):
            if accepted(name):
                yield os.path.join(root, name)


def gather(paths: list[str], outdir: str | None = None) -> tuple[list[Input], list[Failure]]:
    """Expand the PATH arguments into inputs, each with a relative name that mirrors the tree.

    The relative name is taken from the deepest folder common to all inputs (a folder argument
    counts as its own base, a file as its parent folder), so distinct inputs get distinct names.
    """
    skip = os.path.abspath(outdir) if outdir else None
    found: list[tuple[str, str]] = []  # (path, base folder)
    failures: list[Failure] = []
    stdin_seen = False

    for arg in paths:
        if arg == STDIN:
            if stdin_seen:
                failures.append(Failure("<stdin>", "stdin given more than once"))
            stdin_seen = True
            continue
        if os.path.isdir(arg):
            files = list(_walk(arg, skip))
            if not files:
                print(
                    f"cleaner: {arg}: no .html, .htm or .txt files (or .gz of them) in this folder",
                    file=sys.stderr,
                )
            for path in files:
                found.append((path, arg))
        elif os.path.exists(arg):
            found.append((arg, os.path.dirname(arg) or "."))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                failures.append(Failure(arg, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, skip):
                        found.append((path, match))
                elif accepted(match):
                    found.append((match, os.path.dirname(match) or "."))
        else:
            failures.append(Failure(arg, "no such file or folder"))

    inputs = _with_relative_names(found)
    if stdin_seen:
        inputs.insert(0, Input(STDIN, STDIN_NAME))
    return inputs, failures


def _with_relative_names(found: list[tuple[str, str]]) -> list[Input]:
    seen: set[str] = set()
    unique: list[tuple[str, str, str]] = []  # (as named, absolute path, absolute base)
    for path, base in found:
        absolute = os.path.abspath(path)
        if absolute not in seen:  # the same file named twice (a folder and a glob) runs once
            seen.add(absolute)
            unique.append((path, absolute, os.path.abspath(base)))
    if not unique:
        return []
    common = os.path.commonpath([base for _, _, base in unique])
    return [
        Input(path, os.path.relpath(absolute, common).replace(os.sep, "/")) for path, absolute, _ in unique
    ]


# ---------------------------------------------------------------------------------------------
# Output names


def output_relative(relative: str, fmt: str) -> str:
    """file.html -> file.txt, page.htm.gz -> page.json; a name with no known extension keeps it."""
    name = relative
    if name.lower().endswith(".gz"):
        name = name[:-3]
    root, ext = os.path.splitext(name)
    if ext.lower() in ACCEPTED_EXTENSIONS:
        name = root
    return name + (".json" if fmt == "json" else ".txt")


def safe_join(outdir: str, relative: str) -> str:
    """OUTDIR/relative, refusing any name that would land outside OUTDIR."""
    parts = relative.split("/")
    if not relative or os.path.isabs(relative) or any(p in ("", ".", "..") for p in parts):
        raise OSError(f"refusing output name {relative!r}: it would leave the output folder")
    root = os.path.realpath(outdir)
    target = os.path.join(root, *parts)
    parent = os.path.realpath(os.path.dirname(target))
    if os.path.commonpath([root, parent]) != root:
        raise OSError(f"refusing output name {relative!r}: it would leave the output folder")
    return target


def assign_outputs(inputs: list[Input], fmt: str) -> dict[Input, str]:
    """Relative output names, made unique when two inputs map to one (a.html and a.htm)."""
    names: dict[Input, str] = {}
    taken: set[str] = set()
    for item in inputs:
        name = output_relative(item.relative, fmt)
        if name.lower() in taken:
            base = item.relative[:-3] if item.relative.lower().endswith(".gz") else item.relative
            name = base + (".json" if fmt == "json" else ".txt")
            k = 2
            while name.lower() in taken:
                name = f"{base}-{k}" + (".json" if fmt == "json" else ".txt")
                k += 1
        taken.add(name.lower())
        names[item] = name
    return names


# ---------------------------------------------------------------------------------------------
# Rendering one result


def render_text(result: Result) -> str:
    """The article as text: the title as its first paragraph when the page has one."""
    text = result.text
    title = (result.title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return text + "\n" if text else ""


def render_json(result: Result, *, indent: int | None = 2) -> str:
    data = result.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n"


def render_explain(label: str, result: Result) -> str:
    lines = [f"{label}: {summary(result)}"]
    for removal in result.removed:
        text = " / ".join(line.strip() for line in removal.text.splitlines() if line.strip())
        if len(text) > EXPLAIN_CLIP:
            text = text[: EXPLAIN_CLIP - 1] + "…"
        lines.append(f"  - [{removal.rule}] {removal.reason}")
        lines.append(f"      {text}")
    for note in result.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines) + "\n"


def summary(result: Result) -> str:
    """'removed 7 segments (comment_form.zone 3, navigation.menu 2, ...)'."""
    counts = result.rule_counts()
    n = len(result.removed)
    if not n:
        return "removed nothing"
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    detail = ", ".join(f"{rule} {count}" for rule, count in ordered)
    return f"removed {n} segment{'s' if n != 1 else ''} ({detail})"


# ---------------------------------------------------------------------------------------------
# Running


def read_input(item: Input, stdin: TextIO) -> bytes | str:
    if item.path == STDIN:
        buffer = getattr(stdin, "buffer", None)
        return buffer.read() if buffer is not None else stdin.read()
    with open(item.path, "rb") as handle:
        return handle.read()


def _write(path: str, content: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)


def _closed_pipe_is_the_end(run):
    """`cleaner ... | head` closes stdout early: stop quietly, as other command-line tools do."""

    @functools.wraps(run)
    def wrapper(*args, **kwargs):
        try:
            return run(*args, **kwargs)
        except BrokenPipeError:
            # Python flushes stdout again at exit; point it at devnull so that does not fail too.
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
            return 141  # 128 + SIGPIPE, what a shell reports for a killed writer

    return wrapper


@_closed_pipe_is_the_end
def run_clean(
    args: argparse.Namespace,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin
    outdir = args.output
    inputs, failures = gather(args.paths, outdir)
    for failure in failures:
        print(f"cleaner: {failure.label}: {failure.message}", file=stderr)
    if not inputs:
        print(f"cleaner: nothing to clean ({len(failures)} failed)", file=stderr)
        return 1
    names = assign_outputs(inputs, args.format) if outdir else {}
    many_to_stdout = not outdir and len(inputs) > 1
    try:
        batch = make_cleaner(args)
    except (OSError, ProfileError) as exc:
        print(f"cleaner: --profiles: {exc}", file=stderr)
        return 2
    cleaned = 0
    for item, outcome in outcomes(inputs, args, batch, stdin):
        try:
            if isinstance(outcome, Exception):
                raise outcome
            result = outcome
        except InputError as exc:
            failures.append(Failure(item.label, f"not a document: {exc}"))
            print(f"cleaner: {item.label}: not a document: {exc}", file=stderr)
            continue
        except OSError as exc:
            message = exc.strerror or str(exc)
            failures.append(Failure(item.label, f"cannot read: {message}"))
            print(f"cleaner: {item.label}: cannot read: {message}", file=stderr)
            continue
        if not result.text:
            print(f"cleaner: {item.label}: warning: {'; '.join(result.notes) or 'empty output'}", file=stderr)
        if outdir:
            try:
                target = safe_join(outdir, names[item])
                body = render_json(result) if args.format == "json" else render_text(result)
                _write(target, body)
                if args.explain:
                    explain_path = target[: -len(os.path.splitext(target)[1])] + EXPLAIN_SUFFIX
                    _write(explain_path, render_explain(item.label, result))
            except OSError as exc:
                message = exc.strerror or str(exc)
                failures.append(Failure(item.label, f"cannot write output: {message}"))
                print(f"cleaner: {item.label}: cannot write output: {message}", file=stderr)
                continue
        else:
            if args.format == "json":
                body = render_json(result, indent=None if many_to_stdout else 2)
            else:
                body = render_text(result)
                if many_to_stdout:
                    body = f"==> {item.label} <==\n{body}\n"
            stdout.write(body)
            if args.explain:
                stdout.flush()
                stderr.write(render_explain(item.label, result))
        cleaned += 1
    if failures or len(inputs) > 1 or outdir:
        print(f"cleaner: {cleaned} cleaned, {len(failures)} failed", file=stderr)
    if args.profiles:
        try:
            batch.profiles.save(args.profiles)
        except OSError as exc:
            print(f"cleaner: --profiles: cannot save {args.profiles}: {exc.strerror or exc}", file=stderr)
            return 1
    return 1 if failures else 0


def make_cleaner(args: argparse.Namespace) -> Cleaner:
    """The Cleaner for a run, with the profiles of --profiles FILE when it exists."""
    profiles = Profiles.load(args.profiles) if args.profiles and os.path.exists(args.profiles) else None
    return Cleaner(profiles, site=args.site)


Outcome = Result | InputError | OSError


def outcomes(
    inputs: list[Input], args: argparse.Namespace, batch: Cleaner, stdin: TextIO
) -> Iterator[tuple[Input, Outcome]]:
    """Each input with its result or its error, in input order: cleaned alone (--no-profiles),
    as a batch learned first (the default for several inputs or with --profiles), or as a stream
    that learns as it goes (--stream)."""
    if args.no_profiles or (len(inputs) == 1 and not args.profiles and not args.stream):
        for item in inputs:
            yield item, _attempt(lambda item=item: batch.clean(read_input(item, stdin), kind=_kind(item)))
        return
    if args.stream:
        yield from _stream(inputs, args, batch, stdin)
        return
    data: dict[Input, bytes | str] = {}
    for item in inputs:  # first pass: learn every input
        try:
            raw = read_input(item, stdin)
        except OSError:
            continue  # the second pass reports it
        if item.path == STDIN:
            data[item] = raw  # stdin cannot be read twice
        batch.learn(raw, kind=_kind(item))
    for item in inputs:
        yield item, _attempt(
            lambda item=item: batch.clean(data.pop(item) if item in data else read_input(item, stdin), kind=_kind(item))
        )


def _stream(inputs: list[Input], args: argparse.Namespace, batch: Cleaner, stdin: TextIO) -> Iterator[tuple[Input, Outcome]]:
    unreadable: dict[int, OSError] = {}

    def documents() -> Iterator[Document]:
        for k, item in enumerate(inputs):
            try:
                yield Document(read_input(item, stdin), kind=_kind(item))
            except OSError as exc:
                unreadable[k] = exc
                yield Document(b"", kind="text")

    for k, (item, outcome) in enumerate(zip(inputs, batch.clean_stream(documents(), warmup=args.warmup))):
        yield item, unreadable.pop(k, outcome)


def _attempt(clean_it) -> Outcome:
    try:
        return clean_it()
    except (InputError, OSError) as exc:
        return exc


def _kind(item: Input) -> str:
    return "auto" if item.path == STDIN else kind_for(item.path)


# ---------------------------------------------------------------------------------------------
# The bundled samples


def sample_files() -> list[tuple[str, bytes]]:
    folder = resources.files("cleaner").joinpath("samples")
    items = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and accepted(entry.name):
            items.append((entry.name, entry.read_bytes()))
    return items


@_closed_pipe_is_the_end
def run_samples(stdout: TextIO | None = None) -> int:
    """Clean each bundled sample page and print its text with a header and a removal summary."""
    stdout = stdout or sys.stdout
    samples = sample_files()
    if not samples:
        print("cleaner: no bundled samples found", file=sys.stderr)
        return 1
    print("Cleaning the bundled sample pages (run `cleaner clean --help` to clean your own).\n", file=stdout)
    for name, data in samples:
        result = clean(data, kind=kind_for(name))
        title = f" - {result.title}" if result.title else ""
        print(f"===== {name} ({result.kind}){title} =====", file=stdout)
        print(result.text or "(no article text found)", file=stdout)
        print(f"----- {summary(result)}", file=stdout)
        print(file=stdout)
    return 0
