"""CPython's regular expression parser, which is private: `re._parser` and its companions from
Python 3.11 on, `sre_parse` and its companions on 3.10; None where neither is there (another
implementation), and then literals.required_literals finds no literal."""

from __future__ import annotations

import warnings
from types import ModuleType


def _load() -> tuple[ModuleType | None, ModuleType | None, frozenset[int]]:
    """(parser, constants, code points with case twins beyond str.lower and str.upper)."""
    try:
        from re import _casefix, _constants, _parser  # type: ignore[attr-defined]

        return _parser, _constants, frozenset(_casefix._EXTRA_CASES)
    except ImportError:
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import sre_compile
            import sre_constants
            import sre_parse

        return sre_parse, sre_constants, frozenset(sre_compile._ignorecase_fixes)  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None, None, frozenset()


parser, constants, extra_cases = _load()
