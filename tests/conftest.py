"""The fuzz target's promises (fuzz/promises.py, not a package) are importable by the tests
that check the same things: the hypothesis properties and the kept fuzz inputs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
