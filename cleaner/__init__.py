"""cleaner: strip navigation, related posts, comment forms and wrappers from web articles."""

from .batch import Cleaner, Document
from .model.errors import InputError
from .model.result import PageBlock, Removal, Result
from .pipeline import clean
from .run.records import Fields, Record
from .run.runner import clean_records
from .run.sources import jsonl_records, warc_records
from .sites.profiles import ProfileError, Profiles

__all__ = [
    "Cleaner",
    "Document",
    "Fields",
    "InputError",
    "PageBlock",
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
