"""Watermark wrappers: source links, agency lines, photo credits with their captions, cookie notices,
copyright lines, calls to action and bylines."""

from __future__ import annotations

import pytest
from helpers import (
    assert_article_kept,
    assert_kept,
    assert_removed,
    clean_html,
    clean_text,
    html_page,
    text_doc,
)

# (line, rule) that must go.
WRAPPERS = [
    ("(With inputs from agencies)", "watermark.agency_credit"),
    ("(With inputs from PTI)", "watermark.agency_credit"),
    ("— The Associated Press", "watermark.agency_credit"),
    ("Reporting by Jane Doe; Editing by John Roe", "watermark.agency_credit"),
    ("(Mit Material von dpa)", "watermark.agency_credit"),
    ("(Con información de EFE)", "watermark.agency_credit"),
    ("Source link", "watermark.source_link"),
    ("Source: Reuters", "watermark.source_link"),
    ("This article was originally published on The Conversation.", "watermark.source_link"),
    ("Quelle: tagesschau.de", "watermark.source_link"),
    ("Photo: Getty Images", "watermark.photo_credit"),
    ("Image credit: NASA/JPL-Caltech", "watermark.photo_credit"),
    ("Foto: dpa", "watermark.photo_credit"),
    ("Copyright © 2024 Example Media. All rights reserved.", "watermark.copyright"),
    ("Tous droits réservés", "watermark.copyright"),
    (
        "Sign up for our newsletter to get the best stories delivered to your inbox.",
        "watermark.call_to_action",
    ),
    ("Follow us on Twitter and Facebook", "watermark.call_to_action"),
    ("Enter your email address", "watermark.call_to_action"),
    ("By Jane Smith", "watermark.byline"),
    ("Watch: The moment the bridge opened to traffic", "watermark.video_promo"),
]

COOKIE_NOTICES = [
    "We use cookies to improve your experience. By continuing to use this site you agree to our use of cookies.",
    "This website uses cookies to ensure you get the best experience on our website.",
    "Diese Website verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von Cookies zu.",
    "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
    "Nous utilisons des cookies. En poursuivant votre navigation, vous acceptez leur utilisation.",
    "Este sitio web utiliza cookies para que usted tenga la mejor experiencia de usuario.",
    "Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.",
]

# Article text that mentions cookies, photos, sources or agencies and must stay.
PROSE = [
    (
        "Browsers store cookies as small text files, and most let users delete them or block "
        "third-party cookies entirely in their settings."
    ),
    (
        "Under the new rules, websites must ask before they use cookies to track visitors, and a refusal "
        "must be as easy as a yes."
    ),
    "The photo, taken by a tourist, shows the bridge moments before it collapsed into the river.",
    "Reuters reported on Monday that the company would cut two thousand jobs by the end of the year.",
    "Copyright law in the EU was updated in 2019 to cover platforms that host user uploads.",
    "Source code for the app was published on Monday, the developers said.",
    "Your email address is the key to your online identity, security experts warn, so guard it.",
    (
        "Scammers asked people to confirm their bank details; enter your email address only on sites "
        "you trust, the police said."
    ),
    "Photos of the event were shared widely on social media after the mayor posted them.",
]

CAPTION = "President Biden speaks in the Rose Garden of the White House on Monday."


@pytest.mark.parametrize("line,rule", WRAPPERS)
def test_wrapper_lines_go_in_text(line, rule):
    result = clean_text(text_doc(after=line))
    assert_removed(result, line, rule)
    assert_article_kept(result)


@pytest.mark.parametrize("line,rule", WRAPPERS[:10])
def test_wrapper_lines_go_in_html(line, rule):
    result = clean_html(html_page(after=f"<p>{line}</p>"))
    assert_removed(result, line)
    assert_article_kept(result)


def test_agency_line_and_source_link_go_with_their_rules_in_html():
    after = '<p>(With inputs from agencies)</p><p><a href="https://example.org/story">Source link</a></p>'
    result = clean_html(html_page(after=after))
    assert_removed(result, "(With inputs from agencies)", "watermark.agency_credit")
    assert_removed(result, "Source link")
    assert_article_kept(result)


def test_caption_goes_with_the_credit_below_it():
    result = clean_text(text_doc(middle=f"{CAPTION}\nJonathan Ernst/AP"))
    assert_removed(result, "Jonathan Ernst/AP", "watermark.photo_credit")
    assert_removed(result, CAPTION, "watermark.caption")
    assert_article_kept(result)


def test_caption_goes_with_the_credit_below_it_in_html():
    result = clean_html(html_page(middle=f"<p>{CAPTION}</p><p>Jonathan Ernst/AP</p>"))
    assert_removed(result, "Jonathan Ernst/AP", "watermark.photo_credit")
    assert_removed(result, CAPTION, "watermark.caption")
    assert_article_kept(result)


def test_caption_ending_in_its_own_credit_goes():
    caption = "Protesters gather outside the parliament building in Ankara, Turkey | AP"
    result = clean_text(text_doc(middle=caption))
    assert_removed(result, caption, "watermark.caption")
    assert_article_kept(result)


def test_figcaption_goes_as_caption():
    figure = '<figure><img src="a.jpg" alt=""><figcaption>Volunteers plant a maple. Photo: Herald</figcaption></figure>'
    result = clean_html(html_page(middle=figure))
    assert_removed(result, "Volunteers plant a maple.", "watermark.caption")
    assert_article_kept(result)


@pytest.mark.parametrize("notice", COOKIE_NOTICES)
def test_cookie_notices_go_in_text(notice):
    result = clean_text(text_doc(before=notice))
    assert_removed(result, notice, "watermark.cookie_notice")
    assert_article_kept(result)


@pytest.mark.parametrize("notice", COOKIE_NOTICES[:3])
def test_cookie_notices_inside_article_go_in_html(notice):
    result = clean_html(html_page(after=f"<p>{notice}</p>"))
    assert_removed(result, notice, "watermark.cookie_notice")
    assert_article_kept(result)


def test_cookie_banner_by_class_goes_with_its_buttons():
    banner = (
        '<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.</p>'
        "<button>Accept all</button><button>Manage preferences</button></div>"
    )
    result = clean_html(html_page(before=banner))
    assert "Accept all" not in result.text
    assert_removed(result, "We use cookies to improve your experience.", "watermark.cookie_notice")
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_mentioning_wrapper_words_stays(prose):
    result = clean_text(text_doc(middle=prose))
    assert_kept(result, prose)
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_mentioning_wrapper_words_stays_in_html(prose):
    result = clean_html(html_page(middle=f"<p>{prose}</p>"))
    assert_kept(result, prose)
    assert_article_kept(result)


def test_quoted_cookie_notice_in_a_sentence_stays():
    prose = (
        "Visitors who saw a banner reading “This website uses cookies” clicked accept in nine cases out "
        "of ten, the study found."
    )
    result = clean_text(text_doc(middle=prose))
    assert_kept(result, prose)


DISCLOSURES_AND_CALLS = [
    ("As an Amazon Associate we earn from qualifying purchases.", "watermark.disclosure"),
    ("This post may contain affiliate links. See our policy for details.", "watermark.disclosure"),
    ("Advertiser Disclosure", "watermark.disclosure"),
    ("Join Our Weekly Garden Newsletter", "watermark.call_to_action"),
    ("Sign up for The Replay newsletter", "watermark.call_to_action"),
    ("Book a demo", "watermark.call_to_action"),
    ("Subscribe for free to receive new posts and support my work.", "watermark.call_to_action"),
]


@pytest.mark.parametrize("line,rule", DISCLOSURES_AND_CALLS)
def test_disclosures_and_calls_go(line, rule):
    result = clean_text(text_doc(after=line))
    assert_removed(result, line, rule)
    assert_article_kept(result)


@pytest.mark.parametrize(
    "prose",
    [
        "The retailer said it would earn a commission on every sale made through the new app, analysts said.",
        "Readers who join the newsletter's book club meet once a month in the library on Main Street.",
    ],
)
def test_prose_about_commissions_and_newsletters_stays(prose):
    result = clean_text(text_doc(middle=prose))
    assert prose in result.text
    assert_article_kept(result)


DISCLAIMERS = [
    "Disclaimer: The information on this website is for general informational purposes only and is not legal advice.",
    "No content on this site, regardless of date, should ever be used as a substitute for direct medical advice from your doctor.",
    "Securities offered through Example Securities, Inc., member FINRA/SIPC. Past performance is no guarantee of future results.",
    "This website uses affiliate links.",
]


@pytest.mark.parametrize("disclaimer", DISCLAIMERS)
def test_disclaimers_go(disclaimer):
    result = clean_text(text_doc(after=disclaimer))
    # "Disclaimer:" lines were already taken by the agency-credit rule; any watermark rule will do.
    assert_removed(result, disclaimer, "watermark.")
    assert_article_kept(result)


def test_article_that_reports_on_advice_stays():
    prose = (
        "The council said the guidance is meant for residents who plant their own trees, and that "
        "the city's arborists will visit any street where a tree looks unwell."
    )
    result = clean_text(text_doc(after=prose))
    assert_kept(result, prose)


BUTTONS = [
    "Shop Puma Today",
    "Register Now",
    "Get a free quote today.",
    "Book A Demo Today!",
    "Request a Custom Quote",
]


@pytest.mark.parametrize("button", BUTTONS)
def test_button_calls_to_action_go(button):
    result = clean_text(text_doc(middle=button))
    assert_removed(result, button, "watermark.call_to_action")
    assert_article_kept(result)


@pytest.mark.parametrize(
    "step", ["Start your day with a whole-grain cereal, like oatmeal.", "Get moving estimates and compare."]
)
def test_imperative_advice_in_an_article_stays(step):
    result = clean_text(text_doc(middle=step))
    assert_kept(result, step)


@pytest.mark.parametrize(
    "consent",
    [
        "By signing up, you agree to receive recurring automated marketing messages from Example Deals.",
        "By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use and Privacy Policy.",
    ],
)
def test_sign_up_consent_lines_go(consent):
    result = clean_text(text_doc(after=consent))
    assert_removed(result, consent, "watermark.")
    assert_article_kept(result)


@pytest.mark.parametrize("line", ["🚀 Sign up for The Replay newsletter", "👉 Subscribe to our newsletter"])
def test_calls_to_action_behind_an_emoji_go(line):
    result = clean_text(text_doc(after=line))
    assert_removed(result, line, "watermark.call_to_action")
    assert_article_kept(result)
