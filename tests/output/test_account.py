"""The account of an HTML page: every piece of visible text is either kept or listed as removed."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import ARTICLE, html_page

import cleaner
from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.extract import alignment
from cleaner.model.block import HEADING, Block
from cleaner.model.segment import Segment
from cleaner.output.account import EXTRACTOR_RULE, html_removals
from cleaner.read.html_parse import parse_html
from cleaner.read.segments import marked_page_segments, page_segments

HTML_CASES = sorted(p for p in REPO_GOLDEN.glob("*/input.html"))


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.parent.name for p in HTML_CASES])
def test_every_visible_word_is_kept_or_accounted_for(path):
    data = path.read_bytes()
    result = cleaner.clean(data)
    visible = words(" ".join(s.text for s in page_segments(parse_html(data.decode("utf-8")))))
    texts = [result.text, result.title or ""] + [removal.text for removal in result.removed]
    accounted = words(" ".join(texts))
    # Inline elements without space between them read as one word on the page ("WirtschaftSchlagwörter").
    glued = re.sub(r"\W+", "", " ".join(texts).lower())
    missing = [w for w in visible - accounted if w not in glued]
    assert not missing, f"words neither kept nor in .removed: {sorted(missing)[:20]}"


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.parent.name for p in HTML_CASES])
def test_removals_name_a_rule_and_a_reason(path):
    result = cleaner.clean(path.read_bytes())
    assert result.removed
    for removal in result.removed:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", removal.rule), removal.rule
        assert removal.reason and "\n" not in removal.reason
        assert removal.text.strip()


def test_removals_follow_document_order():
    page = (
        "<html><body><nav><a href='/'>Home</a> | <a href='/w'>World</a> | <a href='/s'>Sport</a></nav>"
        "<article><h1>Harbour reopens after storm</h1>"
        + "".join(
            f"<p>The harbour master said on Monday that boats could return to berth {n} once the divers "
            f"had checked the moorings and the channel was clear of debris.</p>"
            for n in range(1, 6)
        )
        + "<p>Source link</p></article>"
        "<div id='respond' class='comment-respond'><h3>Leave a Reply</h3>"
        "<p>Your email address will not be published.</p></div>"
        "<footer>Copyright © 2024 Harbour News</footer></body></html>"
    )
    result = cleaner.clean(page)
    texts = [r.text for r in result.removed]
    order = [
        next(i for i, t in enumerate(texts) if needle in t)
        for needle in ("Sport", "Source link", "Leave a Reply", "Copyright")
    ]
    assert order == sorted(order), texts
    assert "berth 5" in result.text and "Source link" not in result.text


def _segment(text: str, tag: str = "p") -> Segment:
    return Segment(text, tag, None, -1, False, 0.0)


def _missing(segments: list[Segment], kept: list[str], removals: list) -> Counter:
    """The page's words (as a multiset) that are neither in the kept text nor in a removal."""
    page = Counter(w for s in segments for w in s.norm.split())
    accounted = Counter(
        w for text in kept + [r.text for r in removals] for w in re.findall(r"\w+", text.lower())
    )
    return page - accounted


def test_a_dropped_heading_whose_words_recur_in_the_next_paragraph_is_reported():
    # The extractor dropped the heading and reshaped the paragraph after it (a word left out).
    # That the heading's words occur in the kept paragraph does not make the heading kept.
    heading = "UX Design Bootcamp at General Assembly"
    paragraph = (
        "This beginner-friendly UX Design Bootcamp at General Assembly takes a holistic approach to UX."
    )
    segments = [
        _segment("Design certificates compared, one by one."),
        _segment(heading, "h3"),
        _segment(paragraph),
    ]
    blocks = [Block(segments[0].text), Block(paragraph.replace("holistic ", ""))]
    removals = html_removals(segments, blocks, {}, None)
    assert not _missing(segments, [b.text for b in blocks], removals)
    assert [(r.text, r.rule) for r in removals] == [(heading, EXTRACTOR_RULE), ("holistic", EXTRACTOR_RULE)]


def test_text_the_extractor_moved_is_matched_where_it_was_and_not_reported():
    segments = [
        _segment(f"Paragraph {n} of the story, with enough words to stand alone.") for n in range(1, 5)
    ]
    # The extractor read the last paragraph first (it sat in the container it chose first).
    blocks = [Block(segments[3].text), *(Block(s.text) for s in segments[:3])]
    assert html_removals(segments, blocks, {}, None) == []


def test_a_word_the_text_keeps_once_does_not_account_for_its_second_copy():
    # "Subscribe" is kept once in the article; the page's menu has it too: the menu's is lost.
    segments = [_segment("Subscribe", "li"), _segment("Read the story and subscribe to the letter.")]
    blocks = [Block(segments[1].text)]
    removals = html_removals(segments, blocks, {}, None)
    assert [r.text for r in removals] == ["Subscribe"]


def test_a_heading_reshaped_into_the_next_block_is_not_reported():
    segments = [_segment("Results", "h2"), _segment("The trial met its goal in both groups.")]
    blocks = [Block("Results The trial met its goal in both groups.", role=HEADING)]
    assert html_removals(segments, blocks, {}, None) == []


def test_past_the_matching_budget_the_words_left_are_reported_not_lost(monkeypatch):
    # A hostile page may exhaust the matching work a page is allowed: what is left unmatched
    # is reported, so the account stays complete (only less exact).
    monkeypatch.setattr(alignment, "MATCH_CELLS_PER_PAGE", 0)
    segments = [_segment("The committee met on 5 May and the chair spoke.")]
    blocks = [Block("The committee met on and the chair spoke.")]
    removals = html_removals(segments, blocks, {}, None)
    assert [r.text for r in removals] == [segments[0].text]


def test_kept_table_cells_and_a_dropped_date_are_accounted_exactly():
    # trafilatura keeps the table as rows ("Basic | € 12") and drops the <time> from the sentence.
    table = (
        "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Basic</td><td>€ 12</td></tr>"
        "<tr><td>Family</td><td>€ 30</td></tr></table>"
    )
    sentence = "<p>The committee met on <time>5 May 2024</time> and the chair said the report was due within the month.</p>"
    result = cleaner.clean(html_page(middle=table + sentence))
    assert "Family | € 30" in result.text and "met on and the chair" in result.text
    # The account lists the date and nothing the text holds (the cells, the sentence around it).
    assert [(r.text, r.rule) for r in result.removed if r.rule != "metadata.title"] == [
        ("5 May 2024", EXTRACTOR_RULE)
    ]
    assert all(paragraph in result.text for paragraph in ARTICLE)


# A Discourse topic as the server renders it for readers without scripts: the posts with their
# author, date and position, the likes, a related-topics table, a footer.
DISCOURSE_POSTS = [
    (
        "DaleJack",
        "September 5, 2024, 11:15pm",
        [
            "We are on Teams and whatever version was released last night is broken for document reviews.",
            "It will not do basic grammar checks, and it reports errors in reviewing documents all over.",
        ],
    ),
    (
        "mira_k",
        "September 6, 2024, 8:02am",
        [
            "Same here since the update: long documents come back with half of the corrections missing.",
            "Splitting the document into sections of a few pages each works around it for now.",
        ],
    ),
    (
        "DaleJack",
        "September 6, 2024, 9:40am",
        [
            "Thanks, splitting it helps. I will post more as we see it and report back to support.",
        ],
    ),
]
DISCOURSE_RELATED = ["What is going on with the model today", "Spelling mistakes in coding tasks"]


def discourse_topic(*, in_noscript: bool = False) -> str:
    posts = "\n".join(
        f"<div id='post_{n}' class='topic-body crawler-post'>\n<div class='crawler-post-meta'>\n"
        f"<span class='creator'><a href='/u/{who}'><span>{who}</span></a></span>\n"
        f"<span class='crawler-post-infos'><time class='post-time'>{when}</time> <span>{n}</span></span>\n</div>\n"
        f"<div class='post' itemprop='text'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>\n"
        "<div><span class='post-likes'>2 Likes</span></div>\n</div>"
        for n, (who, when, paragraphs) in enumerate(DISCOURSE_POSTS, 1)
    )
    related = "\n".join(
        f"<tr class='topic-list-item'><td class='main-link'><a href='/t/{k}' class='title raw-topic-link'>{title}</a>\n"
        f"<a href='/c/bugs/23' class='badge-wrapper'><span class='category-name'>Bugs</span></a></td>\n"
        f"<td class='replies'>{k + 3}</td> <td class='views'>{k * 97}</td> <td>March {k}, 2025</td></tr>"
        for k, title in enumerate(DISCOURSE_RELATED, 1)
    )
    content = (
        "<header><a href='/'>Example Developer Community</a></header>\n<div id='main-outlet' role='main'>\n"
        "<div id='topic-title'><h1><a href='/t/update-broken/1'>Update 2024-09-05 Broken</a></h1>\n"
        "<div class='topic-category'><a href='/c/chat/19' class='badge-wrapper'><span class='category-name'>Chat</span></a>\n"
        "<a href='/c/chat/bugs/23' class='badge-wrapper'><span class='category-name'>Bugs</span></a></div></div>\n"
        f"<div itemscope itemtype='http://schema.org/DiscussionForumPosting'>\n{posts}\n</div>\n"
        "<div id='related-topics' class='more-topics__list' role='complementary'><h3>Related topics</h3>\n"
        "<table class='topic-list'><tr><th>Topic</th> <th>Replies</th> <th>Views</th> <th>Activity</th></tr>\n"
        f"{related}</table></div>\n</div>\n"
        "<footer class='noscript-footer-nav'><nav><a href='/about'>About</a> <a href='/faq'>FAQ</a></nav></footer>"
    )
    if in_noscript:  # as Discourse serves a browser: an empty app shell, the topic in <noscript>
        content = (
            f"<section id='main'></section>\n<noscript data-path='/t/update-broken/1'>{content}</noscript>"
        )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>Update 2024-09-05 Broken - Bugs - Example Developer Community</title>"
        "<meta property='og:site_name' content='Example Developer Community'></head>"
        f"<body>\n{content}\n</body></html>"
    )


def _unaccounted(result: cleaner.Result, page: str) -> Counter:
    visible = words(" ".join(s.text for s in marked_page_segments(parse_html(page))))
    return visible - words(" ".join([result.text, result.title or ""] + [r.text for r in result.removed]))


def test_a_discourse_topic_keeps_its_posts_and_reports_the_rest():
    result = cleaner.clean(discourse_topic(), url="https://forum.example.com/t/update-broken/1")
    for _, _, paragraphs in DISCOURSE_POSTS:
        assert all(paragraph in result.text for paragraph in paragraphs)
    assert not _unaccounted(result, discourse_topic())
    reported = "\n".join(r.text for r in result.removed)
    assert "mira_k" in reported and DISCOURSE_RELATED[0] in reported


def test_a_discourse_topic_inside_noscript_is_accounted_for_as_a_reader_without_scripts_sees_it():
    page = discourse_topic(in_noscript=True)
    result = cleaner.clean(page, url="https://forum.example.com/t/update-broken/1")
    assert DISCOURSE_POSTS[1][2][0] in result.text
    # What a reader without scripts sees is the <noscript> content, as if it were not wrapped.
    shown = re.sub(r"</?noscript[^>]*>", "", page)
    assert result.removed and not _unaccounted(result, shown)
