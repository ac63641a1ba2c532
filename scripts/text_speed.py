"""How fast the text path cleans, in MB of input per second of this process's CPU time.

    python scripts/text_speed.py [--limit N] [--cache FOLDER] [--repeat R] [--profile [TOP]] [--rules-only]
    python scripts/text_speed.py --html [--limit N] [--data FOLDER]

Reads the first N cached text renderings of the wcxb-dev pages (FOLDER/page-text/NNNN.txt and
FOLDER/loose-text/NNNN.txt, as `cleaner bench --as MODE` caches them), warms up on the W pages
after them (imports, phrase lists; not the timed texts, whose answers some caches would keep),
then times R rounds with time.process_time and reports, per
rendering, the input's UTF-8 bytes over the CPU seconds. `--html` times the HTML path on the
pages themselves (their raw bytes over CPU seconds). `--profile` runs one round under cProfile
instead and prints the TOP functions by own time and by cumulative time.

CPU time, not wall time: the machine may be shared. Compare numbers from one run only.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import pstats
import sys
import time
from pathlib import Path

from cleaner.devtools.bench.text_inputs import default_cache_dir

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = default_cache_dir()  # where `cleaner bench --as` caches them
DEFAULT_DATA = REPO.parent / "shared" / "data" / "wcxb-dev"
RENDERINGS = ("page-text", "loose-text")


def load_texts(cache: Path, rendering: str, start: int, stop: int) -> list[str]:
    files = sorted((cache / rendering).glob("*.txt"))[start:stop]
    return [f.read_text(encoding="utf-8") for f in files]


def load_pages(data: Path, start: int, stop: int) -> list[bytes]:
    files = sorted((data / "html").glob("*.html.gz"))[start:stop]
    return [gzip.decompress(f.read_bytes()) for f in files]


def cpu_seconds(inputs: list, kind: str, repeat: int) -> float:
    import cleaner

    start = time.process_time()
    for _ in range(repeat):
        for data in inputs:
            cleaner.clean(data, kind=kind)
    return time.process_time() - start


def profile(inputs: list, kind: str, top: int) -> None:
    import cleaner

    profiler = cProfile.Profile()
    profiler.enable()
    for data in inputs:
        cleaner.clean(data, kind=kind)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300, help="the first N pages (default 300)")
    parser.add_argument("--warmup", type=int, default=20, help="pages to warm up on (default 20)")
    parser.add_argument("--repeat", type=int, default=1, help="timed rounds after the warm-up (default 1)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="the folder of cached renderings")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the wcxb-dev folder (for --html)")
    parser.add_argument("--html", action="store_true", help="time the HTML path on the pages instead")
    parser.add_argument("--profile", type=int, nargs="?", const=40, default=None, metavar="TOP")
    parser.add_argument("--rules-only", action="store_true", help="without the learned models (the rules alone)")
    args = parser.parse_args(argv)
    if args.rules_only:
        from cleaner.judge.learned import judge, line_judge

        judge.shipped_model = line_judge.shipped_line_model = lambda: None
    stop = args.limit + args.warmup
    if args.html:
        suites = [("html", "html", load_pages(args.data, 0, stop))]
    else:
        suites = [(r, "text", load_texts(args.cache, r, 0, stop)) for r in RENDERINGS]
    for name, kind, loaded in suites:
        inputs, warmup = loaded[: args.limit], loaded[args.limit :]
        size = sum(len(d) if isinstance(d, bytes) else len(d.encode("utf-8")) for d in inputs)
        cpu_seconds(warmup, kind, 1)
        if args.profile is not None:
            print(f"== {name}: {len(inputs)} inputs, {size / 1e6:.1f} MB")
            profile(inputs, kind, args.profile)
            continue
        seconds = cpu_seconds(inputs, kind, args.repeat)
        rate = size * args.repeat / 1e6 / seconds
        print(f"{name}: {len(inputs)} inputs, {size / 1e6:.2f} MB x {args.repeat}, {seconds:.2f} CPU s, {rate:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
