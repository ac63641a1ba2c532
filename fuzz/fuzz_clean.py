"""Coverage-guided fuzz target (atheris/libFuzzer) over cleaner.clean() for HTML, text and bytes.

Run it with fuzz/run (a time budget in minutes); not part of CI. The promises it checks are in
promises.py; a crashing input lands in fuzz/crashers/ (copy it into tests/data/fuzz/).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner", "trafilatura", "justext", "htmldate", "courlan", "promises"]):
    from promises import check_input


def main() -> None:
    atheris.Setup(sys.argv, check_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
