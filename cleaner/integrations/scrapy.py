"""Scrapy integration: an item pipeline that cleans the page an item carries.

Scrapy item pipelines never see the response, so the page has to travel in the item. Either
the spider puts it there itself (`item["html"] = response.text`), or `CleanerSpiderMiddleware`
does it: for each item a callback yields, it stores the response's text (its body bytes when
the response is not text) and URL under the configured fields, unless the item has them.

    # settings.py
    SPIDER_MIDDLEWARES = {"cleaner.integrations.scrapy.CleanerSpiderMiddleware": 500}
    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

Settings (project settings or a spider's custom_settings, as Scrapy merges them):

    CLEANER_SOURCE_FIELD    "html"          item field holding the page (HTML or text, str or bytes)
    CLEANER_URL_FIELD       "url"           item field holding the page URL (None: no URL)
    CLEANER_TEXT_FIELD      "text"          where the article text goes
    CLEANER_TITLE_FIELD     "title"         where the title goes (None: not written)
    CLEANER_METADATA_FIELD  "metadata"      where the metadata dict goes (None: not written)
    CLEANER_REMOVED_FIELD   None            where the removed segments go, as
                                            [{"text", "rule", "reason"}] (None: not written)
    CLEANER_ERROR_FIELD     "cleaner_error" set to an error kind of cleaner.run.records
                                            ("not_a_document", "invalid_record", "internal_error")
                                            when the item could not be cleaned; None when it was
    CLEANER_KIND            "auto"          "auto", "html" or "text"
    CLEANER_KEEP_SOURCE     False           keep the raw page in the item (default: drop it, so
                                            feeds stay small)
    CLEANER_DROP_EMPTY      False           raise DropItem instead of writing an item with no
                                            text or with an error
    CLEANER_PROFILES        None            a site profiles file (`cleaner profiles learn`) to
                                            clean with; it is read once and not updated

Items with fixed fields (scrapy.Item) must declare every field the pipeline writes, error
field included; an undeclared one raises a KeyError that names the setting. A field setting
of None or "" leaves that field out (the text, source and error fields cannot be left out).

Cleaning takes tens of milliseconds a page, so it runs in a thread, off the event loop that
downloads the other pages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import TextResponse

from ..batch import Cleaner
from ..model.result import Result
from ..read.document import KINDS
from ..run.records import INVALID_RECORD, Record, failed_record
from ..sites.profiles import Profiles

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "CLEANER_SOURCE_FIELD": "html",
    "CLEANER_URL_FIELD": "url",
    "CLEANER_TEXT_FIELD": "text",
    "CLEANER_TITLE_FIELD": "title",
    "CLEANER_METADATA_FIELD": "metadata",
    "CLEANER_REMOVED_FIELD": None,
    "CLEANER_ERROR_FIELD": "cleaner_error",
    "CLEANER_KIND": "auto",
    "CLEANER_KEEP_SOURCE": False,
    "CLEANER_DROP_EMPTY": False,
    "CLEANER_PROFILES": None,
}
_REQUIRED = ("CLEANER_SOURCE_FIELD", "CLEANER_TEXT_FIELD", "CLEANER_ERROR_FIELD")


def _field_settings(settings: BaseSettings | Mapping[str, Any]) -> dict[str, Any]:
    """The CLEANER_* settings with their defaults; a required field name must be a string."""
    values = {}
    for name, default in DEFAULTS.items():
        # Not settings.get(): it reads an explicit None as unset, and None turns a field off.
        values[name] = settings[name] if name in settings else default  # noqa: SIM401
    for name in _REQUIRED:
        if not isinstance(values[name], str) or not values[name]:
            raise ValueError(f"{name} must be a field name, not {values[name]!r}")
    if values["CLEANER_KIND"] not in KINDS:
        raise ValueError(f"CLEANER_KIND must be one of {', '.join(KINDS)}, not {values['CLEANER_KIND']!r}")
    return values


def _flag(value: Any) -> bool:
    # `scrapy crawl -s CLEANER_KEEP_SOURCE=False` gives the string "False", as getbool() reads it.
    return value.strip().lower() in ("1", "true") if isinstance(value, str) else bool(value)


def _set(adapter: ItemAdapter, field: str, value: Any, setting: str) -> None:
    try:
        adapter[field] = value
    except KeyError:
        # scrapy.Item refuses undeclared fields with a bare KeyError; say which setting it was.
        raise KeyError(
            f"{type(adapter.item).__name__} has no field {field!r} ({setting}): declare it with "
            f"scrapy.Field() or set {setting} to a field the item has"
        ) from None


class CleanerSpiderMiddleware:
    """Puts the response's page and URL into each item its callback yields (see the module doc)."""

    def __init__(self, source_field: str = "html", url_field: str | None = "url") -> None:
        self.source_field = source_field
        self.url_field = url_field

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanerSpiderMiddleware:
        values = _field_settings(crawler.settings)
        return cls(values["CLEANER_SOURCE_FIELD"], values["CLEANER_URL_FIELD"])

    def fill(self, item: Any, response: Response | None) -> Any:
        """The item with the response's page and URL added where it has none."""
        if response is None or isinstance(item, Request) or not ItemAdapter.is_item(item):
            return item
        adapter = ItemAdapter(item)
        if adapter.get(self.source_field) is None:
            page = response.text if isinstance(response, TextResponse) else response.body
            _set(adapter, self.source_field, page, "CLEANER_SOURCE_FIELD")
        if self.url_field and adapter.get(self.url_field) is None:
            _set(adapter, self.url_field, response.url, "CLEANER_URL_FIELD")
        return item

    # Scrapy calls the async variant for async callbacks (2.7+) and the plain one otherwise;
    # `spider` is optional: recent Scrapy versions no longer pass it, and warn when it is required.
    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Any = None
    ) -> Iterable[Any]:
        for item in result:
            yield self.fill(item, response)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        async for item in result:
            yield self.fill(item, response)


class CleanerPipeline:
    """Cleans the page in each item and writes its text, title and metadata into the item."""

    def __init__(self, settings: BaseSettings | Mapping[str, Any] | None = None) -> None:
        values = _field_settings(settings or {})
        self.source_field: str = values["CLEANER_SOURCE_FIELD"]
        self.url_field: str | None = values["CLEANER_URL_FIELD"]
        self.text_field: str = values["CLEANER_TEXT_FIELD"]
        self.title_field: str | None = values["CLEANER_TITLE_FIELD"]
        self.metadata_field: str | None = values["CLEANER_METADATA_FIELD"]
        self.removed_field: str | None = values["CLEANER_REMOVED_FIELD"]
        self.error_field: str = values["CLEANER_ERROR_FIELD"]
        self.kind: str = values["CLEANER_KIND"]
        self.keep_source = _flag(values["CLEANER_KEEP_SOURCE"])
        self.drop_empty = _flag(values["CLEANER_DROP_EMPTY"])
        profiles = values["CLEANER_PROFILES"]
        self.cleaner = Cleaner(Profiles.load(profiles) if profiles else None)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanerPipeline:
        return cls(crawler.settings)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the item's page in a thread (`spider`: only older Scrapy versions pass it)."""
        adapter = ItemAdapter(item)
        page = adapter.get(self.source_field)
        url = adapter.get(self.url_field) if self.url_field else None
        url = url if isinstance(url, str) and url else None
        if isinstance(page, (str, bytes)):
            outcome = await _in_thread(self._clean, page, url)
        else:
            what = "no" if page is None else f"a {type(page).__name__} in the"
            outcome = (INVALID_RECORD, f"{what} {self.source_field!r} field, not a page")
        return self._write(adapter, outcome, url)

    def _clean(self, page: str | bytes, url: str | None) -> Result | tuple[str, str]:
        """A Result, or the (error kind, detail) of records.failed_record for what was raised."""
        try:
            return self.cleaner.clean(page, url=url, kind=self.kind)
        except Exception as exc:  # noqa: BLE001 -- a bad page is marked in its item, not fatal
            failed = failed_record(Record(url or "", None, url=url), exc)
            return failed["error"], failed["error_detail"]

    def _write(self, adapter: ItemAdapter, outcome: Result | tuple[str, str], url: str | None) -> Any:
        if not self.keep_source:
            adapter.pop(self.source_field, None)
        if isinstance(outcome, tuple):
            error, detail = outcome
            if self.drop_empty:
                raise DropItem(f"cleaner: {error}: {detail} ({url})")
            logger.info("cleaner: %s: %s (%s)", error, detail, url)
            # The same fields as a cleaned item (feed exporters such as CSV take the columns of
            # the first item), empty as in records.error_record.
            self._write_fields(adapter, "", None, {}, [], error)
            return adapter.item
        if self.drop_empty and not outcome.text.strip():
            raise DropItem(f"cleaner: no text found ({url})")
        removed = [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in outcome.removed]
        self._write_fields(adapter, outcome.text, outcome.title, dict(outcome.metadata), removed, None)
        return adapter.item

    def _write_fields(
        self,
        adapter: ItemAdapter,
        text: str,
        title: str | None,
        metadata: dict[str, Any],
        removed: list[dict[str, str]],
        error: str | None,
    ) -> None:
        _set(adapter, self.text_field, text, "CLEANER_TEXT_FIELD")
        if self.title_field:
            _set(adapter, self.title_field, title, "CLEANER_TITLE_FIELD")
        if self.metadata_field:
            _set(adapter, self.metadata_field, metadata, "CLEANER_METADATA_FIELD")
        if self.removed_field:
            _set(adapter, self.removed_field, removed, "CLEANER_REMOVED_FIELD")
        _set(adapter, self.error_field, error, "CLEANER_ERROR_FIELD")


async def _in_thread(function: Any, *args: Any) -> Any:
    """Run a function in a thread from a Scrapy coroutine, whichever event loop drives it."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        # A non-asyncio Twisted reactor drives the coroutine: it can await Deferreds only.
        from twisted.internet.threads import deferToThread

        return await deferToThread(function, *args)
    return await asyncio.to_thread(function, *args)
