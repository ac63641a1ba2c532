"""cleaner: strip navigation, related posts, comment forms and wrappers from web articles."""

from .errors import InputError
from .pipeline import clean
from .result import Removal, Result

__all__ = ["InputError", "Removal", "Result", "clean"]
__version__ = "0.1.0"
