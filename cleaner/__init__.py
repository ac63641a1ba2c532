"""cleaner: strip navigation, related posts, comment forms and wrappers from web articles."""

from .batch import Cleaner, Document
from .errors import InputError
from .pipeline import clean
from .profiles import ProfileError, Profiles
from .records import Fields, Record
from .result import Removal, Result
from .run import clean_records
from .sources import jsonl_records, warc_records

__all__ = [
    "Cleaner",
    "Document",
    "Fields",
    "InputError",
    "ProfileError",
    "Profiles",
    "Record",
    "Removal",
    "Result",
    "clean",
    "clean_records",
    "jsonl_records",
    "warc_records",
]
__version__ = "0.1.0"
