"""`cleaner bench DATASET --streams`: the `cleaner clean` command itself on streams of documents.

Three parts, each a markdown table:

- throughput: `cleaner clean -j 1` and `-j 2` over the pages as files, JSONL and WARC (wall
  clock of the real command, start-up included), next to trafilatura.extract alone over the same
  pages in this process;
- memory: the peak of the summed resident memory of the command and its workers, for N pages
  and for the same pages ten times as new documents of new sites;
- faults: a JSONL batch with broken lines, records without a page, binary payloads, a page that
  outlasts --timeout and a worker killed from outside, which must give one record per line.

The command runs as a subprocess (`python -m cleaner.cli clean ...`) so what is measured is what
a user runs: process start, reading, the pool, both passes of the batch mode and writing.
Inputs are written once to a cache folder and reused.
"""

from __future__ import annotations

import base64
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from ...read.decode import decode_bytes
from .wcxb import Page

PARTS = ("throughput", "memory", "faults")
INPUT_FORMATS = ("files", "jsonl", "warc")
# The CLI's site-profile modes: the default (a batch: learn every page, then clean) and alone.
MODES: dict[str, list[str]] = {"profiles": [], "no-profiles": ["--no-profiles"]}
MODE_LABELS = {"profiles": "batch profiles (default)", "no-profiles": "--no-profiles"}
TARGET_SPEEDUP = 1.7  # jobs 2 against jobs 1, on two cores
TARGET_MEMORY_RATIO = 1.2  # peak for 10N documents against N
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Doc:
    """One page as the inputs carry it."""

    id: str
    url: str | None
    html: bytes


def docs_from_pages(pages: Sequence[Page]) -> list[Doc]:
    return [Doc(page.id, page.url, page.html()) for page in pages]


# ---------------------------------------------------------------------------------------------
# Input builders


def write_files(docs: Iterable[Doc], folder: Path) -> Path:
    """One ID.html file per page (files carry no URL: the CLI uses the page's own links)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc.id}.html").write_bytes(doc.html)
    return folder


def jsonl_line(doc: Doc) -> str:
    # JSON holds text, not bytes: decode as the cleaner would (declared charset, BOM, detection).
    text, _ = decode_bytes(doc.html)
    obj: dict[str, str] = {"id": doc.id, "html": text}
    if doc.url:
        obj["url"] = doc.url
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(lines: Iterable[str], path: Path) -> Path:
    """Lines as given, one per line (the fault batch gives some that are not JSON on purpose)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(line + "\n" for line in lines)
    tmp.replace(path)
    return path


def write_warc(docs: Iterable[Doc], path: Path) -> Path:
    """A WARC.gz of HTTP response records, as a crawler writes them (status line and headers)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for doc in docs:
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", str(len(doc.html)))],
                protocol="HTTP/1.1",
            )
            # An http(s) URI even for a page without one: warcio parses the HTTP headers of a
            # response record only then; otherwise the CLI sees application/http and skips it.
            url = doc.url or f"http://no-url.invalid/{doc.id}"
            record = writer.create_warc_record(url, "response", payload=BytesIO(doc.html), http_headers=headers)
            writer.write_record(record)
    tmp.replace(path)
    return path


def prepared_inputs(docs: Sequence[Doc], folder: Path) -> dict[str, Path]:
    """The pages as files, JSONL and WARC under folder, written once (a marker says complete)."""
    paths = {"files": folder / "files", "jsonl": folder / "pages.jsonl", "warc": folder / "pages.warc.gz"}
    marker = folder / "complete"
    if marker.exists() and marker.read_text() == str(len(docs)):
        return paths
    write_files(docs, paths["files"])
    write_jsonl((jsonl_line(doc) for doc in docs), paths["jsonl"])
    write_warc(docs, paths["warc"])
    marker.write_text(str(len(docs)))
    return paths


# ---------------------------------------------------------------------------------------------
# The process tree and its memory, from /proc (Linux)


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children(current))
    return tree


def _kib(path: str, key: str) -> int:
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass  # the process ended between listing and reading
    return 0


def rss_kib(pid: int) -> int:
    return _kib(f"/proc/{pid}/status", "VmRSS:")


def pss_kib(pid: int) -> int:
    # Proportional set size: pages shared after fork counted once across the tree, unlike RSS.
    return _kib(f"/proc/{pid}/smaps_rollup", "Pss:")


@dataclass
class Peak:
    rss_kib: int = 0  # the largest sum of RSS over the tree seen in one sample
    pss_kib: int = 0
    processes: int = 0  # the most processes seen in the tree at once
    parent_rss_kib: int = 0  # the command's own process (reads, learns the batch, writes)
    worker_rss_kib: int = 0  # the largest worker
    samples: int = 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree every SAMPLE_SECONDS until stopped, keeping the peak;
    `hook(pid)` runs after each sample (the fault run uses it to kill a worker)."""

    def __init__(self, pid: int, hook: Callable[[int], None] | None = None, memory: bool = True) -> None:
        super().__init__(daemon=True)
        self.pid, self.hook, self.memory = pid, hook, memory
        self.peak = Peak()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_SECONDS):
            if self.memory:
                tree = process_tree(self.pid)
                rss = [rss_kib(p) for p in tree]  # tree[0] is the command itself
                peak = self.peak
                peak.rss_kib = max(peak.rss_kib, sum(rss))
                peak.parent_rss_kib = max(peak.parent_rss_kib, rss[0])
                peak.worker_rss_kib = max([peak.worker_rss_kib, *rss[1:]])
                peak.pss_kib = max(peak.pss_kib, sum(pss_kib(p) for p in tree))
                peak.processes = max(peak.processes, len(tree))
                peak.samples += 1
            if self.hook is not None:
                self.hook(self.pid)

    def stop(self) -> Peak:
        self.stopped.set()
        self.join()
        return self.peak


# ---------------------------------------------------------------------------------------------
# Running the command


@dataclass
class Run:
    """One run of `cleaner clean`: its wall clock, exit code, peak memory and output records."""

    seconds: float
    returncode: int
    peak: Peak
    records: int = 0
    ids: int = 0  # distinct ids among the records
    errors: Counter[str] = field(default_factory=Counter)  # error kind -> records ("" for none)
    stderr: str = ""
    cpu_seconds: float = 0.0  # user + system time of the command and its reaped workers
    load: float = 0.0  # the machine's 1-minute load average when the run started

    @property
    def cores(self) -> float:
        """Cores busy on average: on a shared machine, what the run actually got."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def clean_command(inputs: Sequence[Path | str], out: Path, *, jobs: int, extra: Sequence[str] = ()) -> list[str]:
    """The command line: every input format writes one JSONL file, so runs compare alike."""
    return [
        sys.executable, "-m", "cleaner", "clean", *map(str, inputs),
        "--format", "jsonl", "-o", str(out), "-j", str(jobs), "-q", *extra,
    ]


def run_clean(
    command: list[str], out: Path, *, memory: bool = False, hook: Callable[[int], None] | None = None
) -> Run:
    """Run the command, timing its wall clock and sampling its tree when asked, then read `out`."""
    load = os.getloadavg()[0]
    # The command's CPU time: a reaped child's usage counts its own reaped children (the workers).
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeSampler(process.pid, hook, memory) if memory or hook else None
        if sampler:
            sampler.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = sampler.stop() if sampler else Peak()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    run = Run(seconds, returncode, peak, stderr=stderr[-2000:], cpu_seconds=cpu, load=load)
    count_outputs(out, run)
    return run


def count_outputs(out: Path, run: Run) -> None:
    ids: set[str] = set()
    if not out.exists():
        return
    with open(out, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            run.records += 1
            ids.add(record["id"])
            run.errors[record["error"] or ""] += 1
    run.ids = len(ids)


def _check(run: Run, expected: int, what: str) -> str:
    """'' when the run gave one record per input, else what went wrong (printed under the table)."""
    if run.records == expected and run.ids == expected:
        return ""
    return f"{what}: {run.records} records ({run.ids} distinct ids) for {expected} inputs; exit {run.returncode}; {run.stderr.strip()[-300:]}"


# ---------------------------------------------------------------------------------------------
# Throughput


@dataclass
class Speed:
    input_format: str
    mode: str
    docs: int
    runs: dict[int, Run]  # jobs -> its run
    errors: int = 0  # output records marked with an error (the larger count of the two runs)


def trafilatura_seconds(docs: Sequence[Doc]) -> float:
    """trafilatura.extract over the pages in this process, one after another (bench settings)."""
    import trafilatura

    start = time.perf_counter()
    for doc in docs:
        trafilatura.extract(doc.html, url=doc.url, include_comments=False, include_tables=True)
    return time.perf_counter() - start


def throughput(
    docs: Sequence[Doc], cache: Path, modes: Sequence[str], formats: Sequence[str] = INPUT_FORMATS,
    log: Callable[[str], None] = print,
) -> tuple[list[Speed], float, list[str]]:
    inputs = prepared_inputs(docs, cache / f"pages-{len(docs)}")
    speeds, problems = [], []
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        out = Path(tmp) / "out.jsonl"
        for mode in modes:
            for fmt in formats:
                speed = Speed(fmt, mode, len(docs), {})
                for jobs in (1, 2):  # back to back, so both see the same load on the machine
                    run = run_clean(clean_command([inputs[fmt]], out, jobs=jobs, extra=MODES[mode]), out)
                    speed.runs[jobs] = run
                    speed.errors = max(speed.errors, run.records - run.errors[""])
                    problem = _check(run, len(docs), f"{fmt} {mode} -j {jobs}")
                    if problem:
                        problems.append(problem)
                    log(
                        f"  {fmt:5} {mode:11} -j {jobs}: {run.seconds:6.1f} s, {run.cpu_seconds:6.1f} s CPU "
                        f"({run.cores:.2f} cores), load {run.load:.1f} at start"
                    )
                speeds.append(speed)
    log("  trafilatura alone ...")
    return speeds, trafilatura_seconds(docs), problems


def throughput_table(speeds: list[Speed], trafilatura: float, docs: int) -> str:
    header = [
        "input", "site profiles", "jobs 1 docs/s", "jobs 2 docs/s", "jobs 2 / jobs 1", ">= 1.7",
        "cores used j1 / j2", "CPU s j1 / j2", "load at start j1 / j2", "errors",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for s in speeds:
        one, two = s.runs[1], s.runs[2]
        ratio = one.seconds / two.seconds
        ok = "yes" if ratio >= TARGET_SPEEDUP else "no"
        lines.append(
            f"| {s.input_format} | {MODE_LABELS[s.mode]} | {s.docs / one.seconds:.1f} | {s.docs / two.seconds:.1f} | "
            f"{ratio:.2f} | {ok} | {one.cores:.2f} / {two.cores:.2f} | {one.cpu_seconds:.0f} / {two.cpu_seconds:.0f} | "
            f"{one.load:.1f} / {two.load:.1f} | {s.errors} |"
        )
    lines.append(
        f"| trafilatura.extract alone (1 process, in the bench process, no start-up) | - | {docs / trafilatura:.1f} "
        "| - | - | - | 1 | - | - | - |"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Memory


@dataclass
class Memory:
    """One mode's runs: the first N pages, all of them, and (a diagnostic, not the target) the N
    largest pages, which tells a peak set by page size from one that grows with the count."""

    mode: str
    small: Run
    large: Run
    small_docs: int
    large_docs: int
    largest: Run | None = None


def memory(
    docs: Sequence[Doc], cache: Path, modes: Sequence[str], small: int, log: Callable[[str], None] = print,
    largest: bool = False,
) -> tuple[list[Memory], list[str]]:
    """Peak memory of JSONL -> JSONL at jobs 2 on N pages and on 10N documents.

    N is a sample spread over the whole set; the 10N documents are those N pages ten times,
    each copy a new document of a new site (its own id and URL host), so that nothing is
    deduplicated and the site profiles see ten times the documents and sites, while the page
    sizes (which set a worker's peak: one large page needs its parse tree) stay the same. With
    `largest`, a run on the N largest pages shows what page size alone does.
    """
    step = max(1, len(docs) // small)
    sample = list(docs[::step][:small])
    sets = {"first": sample, "all": tenfold(sample)}
    if largest:
        sets["largest"] = sorted(docs, key=lambda d: len(d.html), reverse=True)[:small]
    inputs = {
        name: prepared_inputs(chosen, cache / f"memory-{name}-{len(chosen)}")["jsonl"] for name, chosen in sets.items()
    }
    results, problems = [], []
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        out = Path(tmp) / "out.jsonl"
        for mode in modes:
            runs = {}
            for name, path in inputs.items():
                n = len(sets[name])
                run = run_clean(clean_command([path], out, jobs=2, extra=MODES[mode]), out, memory=True)
                runs[name] = run
                problems.append(_check(run, n, f"memory {mode} {name} {n} pages"))
                log(f"  {mode:18} {name:7} {n:5} pages: peak RSS {run.peak.rss_kib / 1024:.0f} MiB, {run.seconds:.1f} s")
            results.append(Memory(mode, runs["first"], runs["all"], len(sample), len(sets["all"]), runs.get("largest")))
    return results, [p for p in problems if p]


def tenfold(docs: Sequence[Doc]) -> list[Doc]:
    """Each page ten times, each copy a document of its own site: id and URL host changed."""
    copies = []
    for copy in range(10):
        for doc in docs:
            url = doc.url or f"http://no-url.invalid/{doc.id}"
            scheme, _, rest = url.partition("://")
            copies.append(Doc(f"{doc.id}-copy{copy}", f"{scheme}://copy{copy}.{rest}", doc.html))
    return copies


def memory_table(results: list[Memory]) -> str:
    header = [
        "site profiles", "pages", "peak RSS sum (MiB)", "peak PSS sum (MiB)", "parent peak RSS", "largest worker peak RSS",
        "processes", "seconds", "RSS ratio to N", "<= 1.2",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for m in results:
        rows = [(m.small, f"{m.small_docs} pages"), (m.large, f"{m.large_docs} (the same pages x10, new sites)")]
        if m.largest is not None:
            rows.append((m.largest, f"largest {m.small_docs} (diagnostic)"))
        for run, what in rows:
            peak = run.peak
            ratio = peak.rss_kib / m.small.peak.rss_kib if m.small.peak.rss_kib else float("nan")
            tail = " | " if run is m.small else f"{ratio:.2f} | {'yes' if ratio <= TARGET_MEMORY_RATIO else 'no'}"
            if run is m.largest:
                tail = f"{ratio:.2f} | -"
            lines.append(
                f"| {MODE_LABELS[m.mode]} | {what} | {peak.rss_kib / 1024:.0f} | {peak.pss_kib / 1024:.0f} | "
                f"{peak.parent_rss_kib / 1024:.0f} | {peak.worker_rss_kib / 1024:.0f} | "
                f"{peak.processes} | {run.seconds:.1f} | {tail} |"
            )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Faults


SITES = 20
WORDS = [
    "river", "authority", "barrier", "night", "water", "level", "morning", "roads", "council", "budget",
    "school", "teachers", "harbour", "ferry", "timetable", "weather", "storm", "museum", "library",
    "festival", "market", "farmers", "bridge", "repair",
]


def synthetic_page(number: int) -> Doc:
    """A short article on one of SITES sites: the site's navigation and footer around a few
    paragraphs of its own, so batch profiles have a template to learn."""
    site = f"site{number % SITES}.example"
    rnd = random.Random(number)
    paragraphs = "".join(
        f"<p>{' '.join(rnd.choice(WORDS) for _ in range(rnd.randrange(25, 60))).capitalize()}.</p>"
        for _ in range(rnd.randrange(3, 7))
    )
    html = (
        f"<html><head><title>Story {number} - {site}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a> <a href='/about'>About {site}</a></nav>"
        f"<article><h1>Story {number}</h1>{paragraphs}</article>"
        f"<footer>Copyright {site}. All rights reserved. <a href='/privacy'>Privacy</a></footer></body></html>"
    )
    return Doc(f"page-{number}", f"https://{site}/story/{number}", html.encode())


def pathological_html(paragraphs: int = 250_000) -> str:
    """About 20 MB of tiny paragraphs: far more blocks than a page has, and slow to clean."""
    body = "".join(f"<p>Item {k} of the long list, lorem ipsum dolor sit amet, short.</p>\n" for k in range(paragraphs))
    return f"<html><head><title>A very long list</title></head><body><article>{body}</article></body></html>"


@dataclass
class FaultPlan:
    """What the batch holds, and the error kind each injected fault must come back with."""

    lines: list[str]
    expected: Counter[str]  # error kind ("" for cleaned) -> records, before the killed worker


def fault_batch(total: int, *, pathological: int = 1, paragraphs: int = 250_000, seed: int = 7) -> FaultPlan:
    """`total` JSONL lines: short synthetic articles on SITES sites, and spread among them the faults."""
    each = max(2, total // 400)  # 25 of each kind in 10,000
    rnd = random.Random(seed)
    junk = base64.b64encode(bytes(rnd.randrange(256) for _ in range(3000))).decode()
    control = "".join(chr(rnd.randrange(32)) for _ in range(3000))
    faults: list[tuple[str, str]] = []  # (expected kind, line)
    for k in range(each):
        faults.append(("invalid_record", f'{{"id": "broken-{k}", "html": "<p>cut short'))  # not JSON
        faults.append(("invalid_record", "this line is plain text, not JSON"))
        faults.append(("invalid_record", json.dumps([f"array-{k}"])))  # JSON, not an object
        faults.append(("invalid_record", json.dumps({"id": f"no-page-{k}", "url": "https://x.example/"})))
        faults.append(("invalid_record", json.dumps({"id": f"page-not-text-{k}", "html": 12345})))
        faults.append(("not_a_document", json.dumps({"id": f"control-{k}", "html": control})))
        faults.append(("not_a_document", json.dumps({"id": f"png-{k}", "html": "\x89PNG\r\n\x1a\n" + control})))
        # Broken and deep markup, entity storms and NUL bytes are pages all the same: cleaned.
        story = f"<p>Story {k}: the council said the bridge would open in the spring.</p>"
        faults.append(("", json.dumps({"id": f"deep-{k}", "html": "<div>" * 20_000 + story + "</div>" * 20_000})))
        faults.append(("", json.dumps({"id": f"unclosed-{k}", "html": "<font>" * 2_000 + story + "</html>" + story})))
        faults.append(("", json.dumps({"id": f"entities-{k}", "html": "&amp;&#x110000;&#0;" * 20_000 + story})))
        faults.append(("", json.dumps({"id": f"nul-{k}", "html": story.replace(" ", " \x00", 3)})))
        # Base64 junk decodes as text, but it is encoded data, not a document.
        faults.append(("not_a_document", json.dumps({"id": f"base64-{k}", "html": junk[k:] + junk[:k]})))
    big = json.dumps({"id": "pathological-0", "url": "https://slow.example/list", "html": pathological_html(paragraphs)})
    for k in range(pathological):
        faults.append(("timeout", big.replace("pathological-0", f"pathological-{k}", 1)))
    fillers = total - len(faults)
    if fillers < 0:
        raise ValueError(f"a batch of {total} cannot hold {len(faults)} faults")
    lines = [json.dumps({"id": d.id, "url": d.url, "html": d.html.decode()}) for d in map(synthetic_page, range(fillers))]
    expected: Counter[str] = Counter({"": fillers})
    for kind, line in faults:  # spread over the batch, the slow pages in the middle
        position = total // 2 if kind == "timeout" else rnd.randrange(len(lines) + 1)
        lines.insert(min(position, len(lines)), line)
        expected[kind] += 1
    return FaultPlan(lines, expected)


class WorkerKiller:
    """A TreeSampler hook: SIGKILL one worker of the command once `out` has `after` records."""

    def __init__(self, out: Path, after: int) -> None:
        self.out, self.after = out, after
        self.killed: int | None = None
        self.at: float | None = None
        self._seen = 0
        self._offset = 0

    def __call__(self, pid: int) -> None:
        if self.killed is not None or not self.out.exists():
            return
        with open(self.out, "rb") as handle:  # count the lines written since the last look
            handle.seek(self._offset)
            chunk = handle.read()
        self._offset += len(chunk)
        self._seen += chunk.count(b"\n")
        workers = children(pid)
        if self._seen >= self.after and workers:
            os.kill(workers[0], signal.SIGKILL)
            self.killed, self.at = workers[0], time.monotonic()


@dataclass
class FaultRun:
    mode: str
    total: int
    run: Run
    expected: Counter[str]
    killed: int | None
    timeout: float


def faults(
    cache: Path, modes: Sequence[str], *, total: int = 10_000, timeout: float = 5.0, kill: bool = True,
    paragraphs: int = 250_000, jobs: int = 2, log: Callable[[str], None] = print,
) -> list[FaultRun]:
    path = cache / f"faults-{total}-{paragraphs}.jsonl"
    plan = fault_batch(total, paragraphs=paragraphs)
    if not path.exists():
        write_jsonl(plan.lines, path)
    results = []
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        out = Path(tmp) / "out.jsonl"
        for mode in modes:
            killer = WorkerKiller(out, after=total // 3) if kill else None
            command = clean_command([path], out, jobs=jobs, extra=[*MODES[mode], "--timeout", f"{timeout:g}"])
            run = run_clean(command, out, hook=killer)
            killed = killer.killed if killer else None
            log(f"  {mode:18}: {run.records} records in {run.seconds:.1f} s, worker killed: {killed or 'no'}")
            results.append(FaultRun(mode, total, run, plan.expected, killed, timeout))
    return results


def faults_table(results: list[FaultRun]) -> str:
    kinds = sorted({k for r in results for k in (*r.run.errors, *r.expected)} | {"worker_died"}, key=lambda k: (k != "", k))
    header = ["site profiles", "in", "out", "distinct ids", "seconds", "worker killed"]
    header += [f"{k or 'cleaned'} (injected / got)" for k in kinds]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in results:
        row = [MODE_LABELS[r.mode], str(r.total), str(r.run.records), str(r.run.ids), f"{r.run.seconds:.1f}", "yes" if r.killed else "no"]
        for k in kinds:
            injected = r.expected.get(k, 0) + (1 if k == "worker_died" and r.killed else 0)
            row.append(f"{injected} / {r.run.errors.get(k, 0)}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The bench mode


def run_streams(
    pages: Sequence[Page], cache: Path, parts: Sequence[str], *, modes: Sequence[str] = tuple(MODES),
    small: int = 150, total: int = 10_000, timeout: float = 5.0,
) -> int:
    """Print the tables of the parts asked for; 1 if a run lost or duplicated a record."""
    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    problems: list[str] = []
    docs: list[Doc] = []
    if {"throughput", "memory"} & set(parts):
        docs = docs_from_pages(pages)
    if "throughput" in parts:
        log(f"throughput on {len(docs)} pages")
        speeds, trafilatura, found = throughput(docs, cache, modes, log=log)
        problems += found
        print(f"## Throughput of `cleaner clean` on {len(docs)} pages (wall clock, start-up included; same run)\n")
        print(throughput_table(speeds, trafilatura, len(docs)) + "\n")
    if "memory" in parts:
        small = min(small, len(docs))
        log(f"memory on {small} pages and on them ten times over")
        results, found = memory(docs, cache, modes, small, log=log)
        problems += found
        print(f"## Peak memory of `cleaner clean --jsonl -j 2`, {small} pages against the same pages x10 as new sites\n")
        print("Sum over the command and its workers, sampled every 50 ms from /proc; RSS counts the pages "
              "that forked workers share with the parent once per process, PSS splits them. The N largest "
            "pages are a diagnostic: a peak near theirs is set by page size, not by the number of pages.\n")
        print(memory_table(results) + "\n")
    if "faults" in parts:
        log(f"faults in {total} records")
        runs = faults(cache, modes, total=total, timeout=timeout, log=log)
        for r in runs:
            problems.append(_check(r.run, r.total, f"faults {r.mode}"))
        print(f"## Nothing lost: {total} JSONL records with faults, `-j 2 --timeout {timeout:g}`, one worker killed\n")
        print(faults_table(runs))
        print("\n(The killed worker's record was counted under its injected kind; it comes back as worker_died.)\n")
    problems = [p for p in problems if p]
    for problem in problems:
        print(f"LOST OR EXTRA RECORDS: {problem}")
    return 1 if problems else 0


def default_cache(dataset: str | Path, base: Path) -> Path:
    return base / "streams" / Path(dataset).resolve().name

