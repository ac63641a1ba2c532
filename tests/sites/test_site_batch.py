"""The Cleaner object: a site's template learned from a batch or a stream goes, the articles stay."""

from __future__ import annotations

import random

import pytest

import cleaner
from cleaner import Cleaner, Document, InputError, Profiles

SITE = "courier.example"
BLURB = "Maya writes about the council and the courts for the Courier, and has lived in the valley since her childhood."
SPONSOR = "This reporting is supported by the Valley Trust, which has no say over what the newsroom covers."
SHARED_QUOTE = '"We will not open the bridge until every bolt has been checked twice," the engineer told the meeting on Monday evening.'

_WORDS = [
    "river",
    "council",
    "school",
    "market",
    "bridge",
    "garden",
    "library",
    "harbour",
    "station",
    "orchard",
    "festival",
    "museum",
    "road",
    "teacher",
    "farmer",
    "doctor",
    "engineer",
    "driver",
    "baker",
    "mayor",
    "nurse",
    "player",
    "captain",
    "volunteer",
    "builder",
    "painter",
    "opened",
    "closed",
    "visited",
    "repaired",
    "planned",
    "finished",
    "started",
    "moved",
    "painted",
    "counted",
    "measured",
    "carried",
]
_GLUE = ["the", "a", "of", "to", "and", "in", "on", "for", "with", "at", "from", "by", "after", "before"]


def _sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(12, 18)):
        words.append(rng.choice(_WORDS) if rng.random() < 0.6 else rng.choice(_GLUE))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(3))


def make_site(pages: int = 16, seed: int = 7) -> tuple[list[str], list[list[str]]]:
    """Text dumps of a site's pages, and each page's article paragraphs (title first)."""
    rng = random.Random(seed)
    titles = [f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS)} story number {k}" for k in range(pages)]
    articles = [[titles[k]] + [_paragraph(rng) for _ in range(3)] for k in range(pages)]
    for k in (2, 3):  # two articles quote the same engineer
        articles[k].insert(2, SHARED_QUOTE)
    dumps = []
    for k, article in enumerate(articles):
        others = rng.sample([t for j, t in enumerate(titles) if j != k], 2)
        box = []
        for title in others:
            box += [title, f"March {rng.randint(1, 28)}, 2026"]
        lines = [
            "The Courier",
            "Home | News | Sport | Business",
            article[0],
            f"By Maya Hill · March {k + 1}, 2026",
            *article[1:],
            BLURB,
            SPONSOR,
            "More from the Courier",
            *box,
            f"© 2026 Courier Media · {rng.randint(100, 999)} readers today",
        ]
        dumps.append("\n\n".join(lines) + "\n")
    return dumps, articles


def test_the_template_goes_with_a_reason_and_the_articles_stay():
    dumps, articles = make_site()
    results = Cleaner(site=SITE).clean_batch(dumps)
    assert len(results) == len(dumps)
    for result, article in zip(results, articles):
        assert BLURB not in result.text and SPONSOR not in result.text
        assert "More from the Courier" not in result.text
        assert result.text.split("\n\n") == article, result.text
    removal = next(r for r in results[0].removed if r.text == BLURB)
    assert removal.rule == "site.template"
    assert removal.reason == f"on 16 of 16 pages of {SITE}"


def test_without_a_batch_the_rules_alone_keep_the_blurb():
    dumps, _ = make_site()
    assert BLURB in cleaner.clean(dumps[0], kind="text").text
    assert BLURB in Cleaner(site=SITE).clean(dumps[0], kind="text").text  # nothing learned yet


def test_rotating_headlines_of_the_box_go():
    dumps, articles = make_site()
    results = Cleaner(site=SITE).clean_batch(dumps)
    titles = {a[0] for a in articles}
    for result, article in zip(results, articles):
        kept_titles = {line for line in result.text.split("\n\n") if line in titles}
        assert kept_titles == {article[0]}  # its own headline, none of the others'


def test_a_quote_shared_by_two_articles_stays():
    dumps, _ = make_site()
    results = Cleaner(site=SITE).clean_batch(dumps)
    assert SHARED_QUOTE in results[2].text and SHARED_QUOTE in results[3].text


def test_shuffling_the_batch_changes_nothing():
    dumps, _ = make_site()
    reference = [r.text for r in Cleaner(site=SITE).clean_batch(dumps)]
    order = list(range(len(dumps)))
    random.Random(3).shuffle(order)
    shuffled = Cleaner(site=SITE).clean_batch([dumps[k] for k in order])
    assert [shuffled[order.index(k)].text for k in range(len(dumps))] == reference


def test_too_few_pages_of_a_site_teach_nothing():
    dumps, _ = make_site(pages=4)
    results = Cleaner(site=SITE).clean_batch(dumps)
    assert all(BLURB in r.text for r in results)
    assert not any(r.rule.startswith("site.") for result in results for r in result.removed)


def test_sites_are_kept_apart_by_url():
    dumps, _ = make_site()
    documents = [
        Document(d, url=f"https://{'a' if k % 2 else 'b'}.example/{k}", kind="text")
        for k, d in enumerate(dumps)
    ]
    cleaner_ = Cleaner()
    results = cleaner_.clean_batch(documents)
    assert sorted(cleaner_.profiles.sites) == ["a.example", "b.example"]
    assert all(cleaner_.profiles.sites[s].documents == 8 for s in cleaner_.profiles.sites)
    assert all(BLURB not in r.text for r in results)
    assert results[1].metadata["site"] == "a.example"


def test_a_page_that_is_all_template_is_not_emptied():
    pages = ["\n\n".join([BLURB, SPONSOR, f"Updated March {k}, 2026"]) + "\n" for k in range(1, 7)]
    results = Cleaner(site=SITE).clean_batch(pages)
    assert all(BLURB in r.text for r in results)
    assert all("whole page" in " ".join(r.notes) for r in results)


def test_bad_documents_keep_their_place_in_a_batch():
    dumps, _ = make_site()
    batch = dumps[:6] + [b"\x89PNG\r\n\x1a\n\x00\x00\x00binary"] + dumps[6:]
    results = Cleaner(site=SITE).clean_batch(batch)
    assert len(results) == len(batch)
    assert isinstance(results[6], InputError)
    assert all(not isinstance(r, InputError) for k, r in enumerate(results) if k != 6)


def test_a_stream_learns_as_it_goes_and_keeps_the_order():
    dumps, articles = make_site()
    stream = Cleaner(site=SITE).clean_stream(iter(dumps), warmup=8)
    results = list(stream)
    assert len(results) == len(dumps)
    assert all(article[1] in result.text for result, article in zip(results, articles))
    # The first pages waited for the warm-up: their template goes too.
    assert BLURB not in results[0].text


def test_a_stream_holds_back_at_most_lookahead_documents():
    dumps, _ = make_site()
    fed = []

    def feed():
        for d in dumps:
            fed.append(d)
            yield d

    stream = Cleaner(site=SITE).clean_stream(feed(), warmup=100, lookahead=3)
    next(stream)
    assert len(fed) == 4  # one out, three waiting


def test_profiles_learned_apart_and_merged_clean_as_one_batch():
    dumps, _ = make_site()
    whole = Cleaner(site=SITE).clean_batch(dumps)
    left, right = Cleaner(site=SITE).fit(dumps[:6]), Cleaner(site=SITE).fit(dumps[6:])
    merged = Profiles()
    merged.merge(left.profiles)
    merged.merge(right.profiles)
    again = Cleaner(merged, site=SITE)
    assert [again.clean(d, kind="text").text for d in dumps] == [r.text for r in whole]


def test_saved_profiles_clean_tomorrows_pages(tmp_path):
    dumps, _ = make_site()
    Cleaner(site=SITE).fit(dumps[:14]).profiles.save(tmp_path / "p.json")
    tomorrow = Cleaner(Profiles.load(tmp_path / "p.json"), site=SITE)
    for dump in dumps[14:]:
        assert BLURB not in tomorrow.clean(dump, kind="text").text


@pytest.mark.parametrize("kind", ["html", "text"])
def test_documents_without_a_site_are_cleaned_as_alone(kind):
    dumps, _ = make_site()
    data = dumps if kind == "text" else [f"<html><body><p>{d}</p></body></html>" for d in dumps]
    batch = Cleaner()
    results = batch.clean_batch([Document(d, kind=kind) for d in data])
    assert not batch.profiles.sites
    assert [r.text for r in results] == [cleaner.clean(d, kind=kind).text for d in data]


def test_an_html_page_that_is_all_template_is_not_emptied():
    pages = [
        f"<html><head><link rel='canonical' href='https://{SITE}/p{k}'></head><body>"
        f"<p>{BLURB}</p><p>{SPONSOR}</p><p>Updated March {k}, 2026</p></body></html>"
        for k in range(1, 7)
    ]
    results = Cleaner().clean_batch([Document(p, kind="html") for p in pages])
    assert all(BLURB in r.text for r in results)
    assert all("whole page" in " ".join(r.notes) for r in results)
    assert not any(r.rule.startswith("site.") for result in results for r in result.removed)


def test_an_empty_document_is_not_a_page_of_its_site():
    batch = Cleaner(site=SITE)
    assert batch.learn("") is None and batch.learn(b"  \n") is None
    assert SITE not in batch.profiles.sites
