"""What a page says it is, in its own structured data (schema.org JSON-LD, og:type).

Extraction choices differ by kind: on a product page buyers' reviews are not the page's text,
on a discussion page the replies are.
"""

from __future__ import annotations

import re

from lxml import etree

PRODUCT = "product"
DISCUSSION = "discussion"

_TYPE = r'"@type"\s*:\s*(?:\[[^\]]*)?"(?:{})"'
_PRODUCT_TYPE = re.compile(_TYPE.format("Product|ProductGroup"))
_ARTICLE_TYPE = re.compile(_TYPE.format("Article|NewsArticle|BlogPosting|Review"))
_DISCUSSION_TYPE = re.compile(_TYPE.format("DiscussionForumPosting|QAPage"))


def declared_kind(tree: etree._Element) -> str | None:
    """PRODUCT, DISCUSSION or None (an article, or the page does not say).

    A page that says it is an article is not a product page even with Product data: a buying
    guide carries Product data for every item it reviews.
    """
    og_types = {
        (meta.get("content") or "").strip().lower() for meta in tree.iterfind(".//meta[@property='og:type']")
    }
    json_ld = " ".join(s.text or "" for s in tree.iterfind(".//script[@type='application/ld+json']"))
    if _DISCUSSION_TYPE.search(json_ld):
        return DISCUSSION
    if "article" in og_types or _ARTICLE_TYPE.search(json_ld):
        return None
    if "product" in og_types or _PRODUCT_TYPE.search(json_ld):
        return PRODUCT
    return None
