"""cleaner: strip navigation, related posts, comment forms and wrappers from web articles."""

from .batch import Cleaner, Document
from .errors import InputError
from .pipeline import clean
from .profiles import ProfileError, Profiles
from .result import Removal, Result

__all__ = ["Cleaner", "Document", "InputError", "ProfileError", "Profiles", "Removal", "Result", "clean"]
__version__ = "0.1.0"
