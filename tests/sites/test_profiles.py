"""Site profiles: fingerprints, counting by document, files, merging (cleaner/profiles.py)."""

from __future__ import annotations

import gzip

import pytest

from cleaner.sites.fingerprint import block_fingerprints, template_tokens
from cleaner.sites.profiles import ProfileError, Profiles, SiteProfile, site_of_url

BLURB = "Maya Lindqvist covers the council and city hall for the Courier, and has done since 2014."


def test_template_tokens_mask_case_digits_and_dates():
    assert template_tokens("Updated March 3, 2026 | 12 Comments") == template_tokens(
        "updated APRIL 17, 2025 | 3 comments"
    )
    assert template_tokens("Friday 4 July") == ["<d>", "0", "<m>"]


def test_fingerprint_ignores_what_a_template_varies_by():
    assert block_fingerprints("© 2025 Riverside Media")[0] == block_fingerprints("© 2026 riverside media")[0]
    assert block_fingerprints("• Recent: 4 new posts")[0] == block_fingerprints("Recent: 12 new posts")[0]
    assert block_fingerprints("The council met on Tuesday.")[0] != block_fingerprints("The council met.")[0]


def test_near_duplicates_share_a_band_and_strangers_do_not():
    rotating = (
        "More from the Courier: bridge repairs start in May, new library hours, rugby club wins the cup"
    )
    rotated = (
        "More from the Courier: bridge repairs start in May, new library hours, rowing club wins the cup"
    )
    stranger = (
        "The rugby club won the county cup on Saturday after a late try in the final minute of the game."
    )
    bands = set(block_fingerprints(rotating)[1])
    assert bands & set(block_fingerprints(rotated)[1])
    assert not bands & set(block_fingerprints(stranger)[1])
    assert block_fingerprints("Too short to compare")[1] == ()


def test_a_profile_counts_documents_not_occurrences():
    profile = SiteProfile()
    assert profile.learn([BLURB, BLURB, "Home"], document=1)
    assert profile.learn([BLURB, "An article of its own."], document=2)
    assert profile.occurrences(BLURB) == 2
    assert profile.occurrences("Home") == 1
    assert profile.occurrences("never seen") == 0
    assert profile.documents == 2


def test_learning_a_document_twice_counts_it_once():
    profiles = Profiles()
    assert profiles.learn("example.com", [BLURB], "the whole page")
    assert not profiles.learn("example.com", [BLURB], "the   whole page")
    assert profiles.sites["example.com"].documents == 1


def test_profiles_merge_by_adding_counts_and_report_overlap():
    first, second = Profiles(), Profiles()
    first.learn("a.com", [BLURB], "page 1")
    second.learn("a.com", [BLURB], "page 2")
    second.learn("b.com", ["Footer"], "page 3")
    assert first.merge(second) == 0
    assert first.sites["a.com"].occurrences(BLURB) == 2
    assert first.sites["b.com"].documents == 1
    again = Profiles()
    again.learn("a.com", [BLURB], "page 1")
    assert first.merge(again) == 1  # page 1 is in both: counted twice, and said so


@pytest.mark.parametrize("name", ["profiles.json", "profiles.json.gz"])
def test_profiles_round_trip_through_a_file(tmp_path, name):
    profiles = Profiles()
    for k in range(3):
        profiles.learn(
            "example.com", [BLURB, f"Article {k} text that is long enough to have near bands."], f"p{k}"
        )
    path = tmp_path / name
    profiles.save(path)
    loaded = Profiles.load(path)
    assert loaded == profiles
    assert loaded.sites["example.com"].occurrences(BLURB) == 3
    assert (path.read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b'{"format": "something else"}',
        b'{"format": "cleaner-site-profiles", "version": 99}',
        b'{"format": "cleaner-site-profiles", "version": 1, "sites": {"a": {"documents": "x"}}}',
        gzip.compress(b"\x00\x01"),
    ],
)
def test_a_bad_profiles_file_is_a_profile_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ProfileError):
        Profiles.load(path)


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.Example.com:8080/a/b?c", "example.com"),
        ("http://news.example.co.uk/", "news.example.co.uk"),
        ("example.org/path", "example.org"),
        ("", None),
        (None, None),
        ("not a url at all", None),
    ],
)
def test_site_of_url(url, site):
    assert site_of_url(url) == site


def test_profiles_stay_within_their_room_dropping_the_sites_seen_least():
    from cleaner.sites.profiles import observe_blocks

    profiles = Profiles(max_fingerprints=1500)
    template = [f"Subscribe to the Daily Planet newsletter for the city's news {k}" for k in range(5)]
    for k in range(60):
        own = [f"Story {k} paragraph {j} says something of its own about the day {k}" for j in range(3)]
        profiles.add(observe_blocks(template + own, document=k, site="planet.example"))
        profiles.add(observe_blocks(own, document=1000 + k, site=f"once-{k}.example"))
        assert profiles.held() <= 1500
    assert "planet.example" in profiles.sites and profiles.sites["planet.example"].documents == 60
    assert profiles.dropped_sites > 0
    assert len(profiles.sites) < 61
    assert profiles.acting().sites.keys() == {"planet.example"}
