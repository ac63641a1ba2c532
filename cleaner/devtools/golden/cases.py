"""Golden-output check: run every case in a golden folder and compare with its expected text.

A case is a folder `golden/<case-name>/` with:

- `input.html` or `input.txt`: the page or text dump, read as bytes;
- `url.txt` (optional): the page's URL, passed to `clean(url=...)`;
- `expected.txt`: the expected `Result.text`, ending with one newline;
- `expected_title.txt` (optional, HTML cases): the expected `Result.title`, ending with one newline.
  Without it the title is not checked.
- `known_failure.txt` (optional): why the current program cannot pass the case yet. The case still
  fails here (and in `cleaner golden`); the pytest suite marks it as an expected failure, strictly,
  so that it turns red the day the case passes and the file must go.

The expected files are written by hand, line by line, as a careful editor would keep the article;
`--update` rewrites them from the current output so that a change can be reviewed with `git diff`,
never to make a failing case pass unseen.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...model.errors import InputError
from ...pipeline import clean

INPUT_NAMES = ("input.html", "input.txt")
EXPECTED = "expected.txt"
EXPECTED_TITLE = "expected_title.txt"
URL = "url.txt"
KNOWN_FAILURE = "known_failure.txt"
# The golden folder at the top of the repository, used when none is given and ./golden is absent.
REPO_GOLDEN = Path(__file__).resolve().parents[3] / "golden"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    input_path: Path

    @property
    def url(self) -> str | None:
        path = self.folder / URL
        if not path.is_file():
            return None
        return path.read_text(encoding="utf-8").strip() or None

    @property
    def expected(self) -> str | None:
        return _read_expected(self.folder / EXPECTED)

    @property
    def expected_title(self) -> str | None:
        return _read_expected(self.folder / EXPECTED_TITLE)

    @property
    def known_failure(self) -> str | None:
        """Why the case is known to fail, or None."""
        path = self.folder / KNOWN_FAILURE
        return path.read_text(encoding="utf-8").strip() or None if path.is_file() else None

    @property
    def kind(self) -> str:
        return "html" if self.input_path.suffix == ".html" else "text"


@dataclass
class CaseResult:
    case: Case
    text: str = ""
    title: str | None = None
    # One unified diff per mismatching file (expected.txt, expected_title.txt); empty when it passes.
    diffs: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def name(self) -> str:
        return self.case.name

    @property
    def ok(self) -> bool:
        return self.error is None and not self.diffs

    @property
    def diff(self) -> str:
        return "".join(self.diffs)


def default_dir() -> Path:
    local = Path("golden")
    return local if local.is_dir() else REPO_GOLDEN


def find_cases(root: Path | str, names: Iterable[str] | None = None) -> list[Case]:
    """The cases under root, sorted by name; `names` picks some (unknown names raise ValueError)."""
    root = Path(root)
    cases: dict[str, Case] = {}
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            input_path = next((folder / n for n in INPUT_NAMES if (folder / n).is_file()), None)
            if input_path is not None:
                cases[folder.name] = Case(folder.name, folder, input_path)
    if not names:
        return list(cases.values())
    wanted = list(names)
    unknown = [n for n in wanted if n not in cases]
    if unknown:
        raise ValueError(f"no golden case named {', '.join(unknown)} in {root}")
    return [cases[n] for n in wanted]


def run_case(case: Case) -> CaseResult:
    """Clean the case's input and compare with its expected files."""
    result = CaseResult(case)
    try:
        output = clean(case.input_path.read_bytes(), url=case.url)
    except InputError as exc:
        result.error = f"InputError: {exc}"
        return result
    result.text, result.title = output.text, output.title
    return compare(result, case)


def compare(result: CaseResult, case: Case) -> CaseResult:
    """Add the diffs of the result's text and title against the case's expected files."""
    expected = case.expected
    if expected is None:
        result.error = f"{EXPECTED} is missing"
    else:
        diff = unified(expected, result.text, f"{case.name}/{EXPECTED}", f"{case.name} (output)")
        if diff:
            result.diffs.append(diff)
    expected_title = case.expected_title
    if expected_title is not None:
        diff = unified(
            expected_title, result.title or "", f"{case.name}/{EXPECTED_TITLE}", f"{case.name} (title)"
        )
        if diff:
            result.diffs.append(diff)
    return result


def update_case(case: Case) -> CaseResult:
    """Rewrite the case's expected files from the current output (review them before committing)."""
    output = clean(case.input_path.read_bytes(), url=case.url)
    (case.folder / EXPECTED).write_text(output.text + "\n", encoding="utf-8")
    title_path = case.folder / EXPECTED_TITLE
    if case.kind == "html" and output.title:
        title_path.write_text(output.title + "\n", encoding="utf-8")
    elif title_path.is_file():
        title_path.unlink()
    return CaseResult(case, output.text, output.title)


def run_golden(
    root: Path | str, names: Iterable[str] | None = None, *, update: bool = False
) -> list[CaseResult]:
    cases = find_cases(root, names)
    return [update_case(c) if update else run_case(c) for c in cases]


def unified(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    """A unified diff of two texts, line by line; empty when they are equal."""
    if expected == actual:
        return ""
    lines = difflib.unified_diff(
        _lines(expected), _lines(actual), fromfile=expected_name, tofile=actual_name, lineterm=""
    )
    return "\n".join(lines) + "\n"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _read_expected(path: Path) -> str | None:
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").removesuffix("\n")
