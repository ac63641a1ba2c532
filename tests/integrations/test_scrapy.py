"""The Scrapy integration: the pipeline and spider middleware alone, then real crawls of pages
served from 127.0.0.1 (each crawl in a subprocess: Twisted's reactor cannot restart)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files

import pytest

scrapy = pytest.importorskip("scrapy")

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

import cleaner
from cleaner.integrations.scrapy import CleanerPipeline, CleanerSpiderMiddleware

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
ARTICLES = {
    "/news.html": ("text/html; charset=utf-8", "news-article.html"),
    "/post.html": ("text/html; charset=utf-8", "wordpress-post.html"),
    "/dump.txt": ("text/plain; charset=utf-8", "text-dump.txt"),
}


def sample(name: str) -> bytes:
    return (files("cleaner") / "samples" / name).read_bytes()


def run(coroutine):
    return asyncio.run(coroutine)


# -- the pipeline and middleware alone --------------------------------------------------------


def test_pipeline_cleans_a_dict_item_and_drops_the_page():
    page = sample("news-article.html")
    url = "https://example.org/news/trees"
    expected = cleaner.clean(page, url=url)
    item = run(CleanerPipeline().process_item({"url": url, "html": page, "id": 7}))
    assert item["text"] == expected.text and item["text"]
    assert item["title"] == expected.title == "City council approves plan to replant 12,000 street trees"
    assert item["metadata"] == expected.metadata
    assert item["cleaner_error"] is None
    assert item["id"] == 7 and item["url"] == url
    assert "html" not in item and "removed" not in item


def test_pipeline_settings_from_the_crawler():
    settings = {
        "CLEANER_SOURCE_FIELD": "body",
        "CLEANER_TEXT_FIELD": "body_text",
        "CLEANER_TITLE_FIELD": None,
        "CLEANER_METADATA_FIELD": None,
        "CLEANER_REMOVED_FIELD": "removed",
        "CLEANER_KEEP_SOURCE": True,
        "CLEANER_KIND": "text",
    }
    pipeline = CleanerPipeline.from_crawler(get_crawler(settings_dict=settings))
    page = sample("news-article.html").decode("utf-8")
    item = run(pipeline.process_item({"body": page}))
    expected = cleaner.clean(page, kind="text")  # the markup read as text: what CLEANER_KIND asks
    assert item["body_text"] == expected.text
    assert item["body"] == page
    assert item["removed"] == [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in expected.removed]
    assert item["removed"]
    assert set(item) == {"body", "body_text", "removed", "cleaner_error"}


def test_flags_given_as_strings_on_the_command_line():
    page = sample("news-article.html")
    for value, kept in (("False", False), ("0", False), ("True", True), ("1", True)):
        pipeline = CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_KEEP_SOURCE": value}))
        assert ("html" in run(pipeline.process_item({"html": page}))) is kept


def test_pipeline_marks_or_drops_what_is_not_a_page():
    pipeline = CleanerPipeline()
    item = run(pipeline.process_item({"url": "http://127.0.0.1/a.png", "html": PNG}))
    assert item == {
        "url": "http://127.0.0.1/a.png",
        "text": "",
        "title": None,
        "metadata": {},
        "cleaner_error": "not_a_document",
    }
    missing = run(pipeline.process_item({"url": "http://127.0.0.1/x"}))
    assert missing["cleaner_error"] == "invalid_record" and missing["text"] == ""
    empty = run(pipeline.process_item({"html": "  "}))
    assert empty["text"] == "" and empty["cleaner_error"] is None

    dropping = CleanerPipeline({"CLEANER_DROP_EMPTY": True})
    for item in ({"html": PNG}, {"html": ""}, {"other": 1}):
        with pytest.raises(DropItem):
            run(dropping.process_item(item))


class Article(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    text = scrapy.Field()
    title = scrapy.Field()
    metadata = scrapy.Field()
    cleaner_error = scrapy.Field()


def test_scrapy_items_with_declared_fields():
    page = sample("wordpress-post.html")
    item = run(CleanerPipeline().process_item(Article(url="https://example.org/p", html=page)))
    assert isinstance(item, Article)
    assert item["text"] == cleaner.clean(page, url="https://example.org/p").text
    assert "html" not in item
    with pytest.raises(KeyError, match="CLEANER_REMOVED_FIELD"):
        run(CleanerPipeline({"CLEANER_REMOVED_FIELD": "removed"}).process_item(Article(html=page)))


def test_saved_site_profiles_clean_with_what_the_site_repeats(tmp_path):
    from test_site_batch import BLURB, make_site

    dumps, _ = make_site()
    learned = cleaner.Cleaner()
    for k, dump in enumerate(dumps[:14]):
        learned.learn(dump, url=f"https://courier.example/{k}", kind="text")
    learned.profiles.save(tmp_path / "profiles.json")
    item = {"url": "https://courier.example/14", "html": dumps[14]}
    alone = run(CleanerPipeline({"CLEANER_KIND": "text"}).process_item(dict(item)))
    assert BLURB in alone["text"]  # the rules alone keep the site's author blurb
    settings = {"CLEANER_KIND": "text", "CLEANER_PROFILES": str(tmp_path / "profiles.json")}
    with_profiles = run(CleanerPipeline.from_crawler(get_crawler(settings_dict=settings)).process_item(item))
    assert BLURB not in with_profiles["text"] and with_profiles["text"]


def test_required_field_settings_are_checked():
    with pytest.raises(ValueError, match="CLEANER_TEXT_FIELD"):
        CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_TEXT_FIELD": None}))
    with pytest.raises(ValueError, match="CLEANER_KIND"):
        CleanerPipeline.from_crawler(get_crawler(settings_dict={"CLEANER_KIND": "pdf"}))


def test_middleware_puts_the_page_into_items():
    middleware = CleanerSpiderMiddleware.from_crawler(get_crawler(settings_dict={"CLEANER_SOURCE_FIELD": "page"}))
    html = HtmlResponse("http://127.0.0.1/a", body=b"<p>caf\xc3\xa9</p>", encoding="utf-8")
    request = scrapy.Request("http://127.0.0.1/b")
    out = list(middleware.process_spider_output(html, [{}, {"page": "mine"}, request]))
    assert out[0] == {"page": "<p>caf\u00e9</p>", "url": "http://127.0.0.1/a"}
    assert out[1] == {"page": "mine", "url": "http://127.0.0.1/a"}  # the spider's own page is kept
    assert out[2] is request
    with pytest.raises(KeyError, match="CLEANER_SOURCE_FIELD"):
        list(middleware.process_spider_output(html, [Article()]))
    binary = Response("http://127.0.0.1/a.png", body=PNG)
    assert next(iter(CleanerSpiderMiddleware().process_spider_output(binary, [{}])))["html"] == PNG


# -- real crawls ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    """A local site: an index page linking to three articles, an image and an empty page."""
    pages = {path: (ctype, sample(name)) for path, (ctype, name) in ARTICLES.items()}
    pages["/image.png"] = ("image/png", PNG)
    pages["/empty.html"] = ("text/html", b"")
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in pages)
    pages["/"] = ("text/html", f"<html><body><ul>{links}</ul></body></html>".encode())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in pages:
                self.send_error(404)
                return
            ctype, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CRAWL = '''
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess

start, feed, project, custom, callbacks = sys.argv[1:6]


class Pages(scrapy.Spider):
    name = "pages"
    start_urls = [start]
    custom_settings = json.loads(custom)

    def parse(self, response):
        callback = self.page_async if callbacks == "async" else self.page
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=callback)

    def page(self, response):
        yield {"status": response.status}

    async def page_async(self, response):
        yield {"status": response.status}


settings = {
    "FEEDS": {feed: {"format": "jsonlines"}},
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "SPIDER_MIDDLEWARES": {"cleaner.integrations.scrapy.CleanerSpiderMiddleware": 500},
    "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
}
if scrapy.version_info < (2, 12):  # what new projects set: the older default warns
    settings["REQUEST_FINGERPRINTER_IMPLEMENTATION"] = "2.7"
settings.update(json.loads(project))
process = CrawlerProcess(settings)
process.crawl(Pages)
process.start()
'''


def crawl(tmp_path, start, *, project=None, custom=None, callbacks="sync"):
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL)
    feed = tmp_path / "items.jsonl"
    args = [start, feed.as_uri(), json.dumps(project or {}), json.dumps(custom or {}), callbacks]
    done = subprocess.run(
        [sys.executable, str(script), *args], check=False, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # No deprecated API used, and nothing went wrong in the crawl.
    assert "Deprecat" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    items = [json.loads(line) for line in feed.read_text().splitlines()]
    return {item["url"].removeprefix(start): item for item in items}


def test_crawl_with_default_settings(tmp_path, site):
    items = crawl(tmp_path, site)
    assert set(items) == {*ARTICLES, "/image.png", "/empty.html"}
    for path, (_, name) in ARTICLES.items():
        page = sample(name)
        expected = cleaner.clean(page, url=site + path)
        item = items[path]
        assert item["text"] == expected.text and len(item["text"]) > 500
        for removal in expected.removed:  # the boilerplate is gone
            assert removal.text not in item["text"]
        assert item["title"] == expected.title
        assert item["metadata"] == cleaner.clean(page.decode("utf-8"), url=site + path).metadata
        assert item["metadata"]["url"] == site + path
        assert item["cleaner_error"] is None and item["status"] == 200
        assert "html" not in item
    assert items["/news.html"]["title"] == "City council approves plan to replant 12,000 street trees"
    assert items["/image.png"]["cleaner_error"] == "not_a_document" and items["/image.png"]["text"] == ""
    assert items["/empty.html"]["text"] == "" and items["/empty.html"]["cleaner_error"] is None


def test_crawl_respects_settings(tmp_path, site):
    # The spider's custom_settings win over the project's, as Scrapy merges them.
    # A non-asyncio reactor too: the pipeline then awaits a Deferred from deferToThread.
    project = {
        "CLEANER_TEXT_FIELD": "ignored",
        "CLEANER_DROP_EMPTY": True,
        "TWISTED_REACTOR": "twisted.internet.selectreactor.SelectReactor",
    }
    custom = {"CLEANER_TEXT_FIELD": "body_text", "CLEANER_KEEP_SOURCE": True, "CLEANER_METADATA_FIELD": None}
    items = crawl(tmp_path, site, project=project, custom=custom, callbacks="async")
    assert set(items) == set(ARTICLES)  # the image and the empty page dropped
    for path, (_, name) in ARTICLES.items():
        item = items[path]
        assert item["body_text"] == cleaner.clean(sample(name), url=site + path).text
        assert item["html"] == sample(name).decode("utf-8")
        assert "text" not in item and "ignored" not in item and "metadata" not in item
