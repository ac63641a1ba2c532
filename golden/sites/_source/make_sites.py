"""Build the site golden cases from articles.json: each site's articles inside one template.

    python golden/sites/_source/make_sites.py

Writes golden/sites/<site>-html/ and <site>-text/, each with pages/ (one page per article, in
the site's template) and expected/ (the article: its text as written in articles.json, with the
headline first in the text cases, where no title is extracted). The text pages are the HTML
pages dumped by html-text, as a crawler stores them. The expected files come from the articles,
never from the cleaner's output.

The templates vary the way real ones do: dates, counts and weather change from page to page, a
"more from us" box shows other articles' headlines in turn, each author has a blurb, and prose
blocks (a sponsor line, a disclosure, a corrections note) that no phrase rule knows recur on every
page. Fixed seeds: running it again writes the same files.
"""

from __future__ import annotations

import html
import json
import random
import shutil
from datetime import date
from pathlib import Path

import html_text

HERE = Path(__file__).resolve().parent
SITES = HERE.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def day_month(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def body_html(article: dict) -> str:
    parts = []
    for item in article["body"]:
        if "p" in item:
            parts.append(f"<p>{esc(item['p'])}</p>")
        elif "h" in item:
            parts.append(f"<h2>{esc(item['h'])}</h2>")
        else:
            items = "".join(f"<li>{esc(li)}</li>" for li in item["ul"])
            parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts)


def body_text(article: dict, *, lines: bool = True) -> str:
    """The article as the cleaner renders it: paragraphs apart, the items of a list on lines of
    their own (from HTML, where the markup says they are a list). A text dump does not say so:
    its list items are lines like any other, each its own paragraph."""
    parts = []
    for item in article["body"]:
        if "p" in item:
            parts.append(item["p"])
        elif "h" in item:
            parts.append(item["h"])
        elif lines:
            parts.append("\n".join(item["ul"]))
        else:
            parts.extend(item["ul"])
    return "\n\n".join(parts)


def others(articles: list[dict], article: dict, rng: random.Random, n: int) -> list[dict]:
    return rng.sample([a for a in articles if a is not article], n)


# ---------------------------------------------------------------------------------------------
# The Riverside Courier: a local news site.

COURIER_HOST = "riversidecourier.example.com"
COURIER_BLURBS = {
    "Maya Lindqvist": "Maya Lindqvist covers the council and city hall for the Courier. She has reported on the Riverside valley since 2014 and lives in Eastbank with two cats.",
    "Tom Okafor": "Tom Okafor writes about schools, transport and the people who keep both running. Before joining the Courier he taught geography for six years.",
    "Priya Raman": "Priya Raman is the Courier's business and health reporter. She grew up above her parents' shop on Mill Road and still shops there on Saturdays.",
    "Daniel Whitcombe": "Daniel Whitcombe has followed Riverside sport and culture for the Courier since 2009, from the rugby ground to the folk festival.",
}
WEATHER = ["Light rain", "Sunny spells", "Overcast", "Showers", "Clear skies", "Fog clearing"]


def courier_page(article: dict, articles: list[dict], rng: random.Random) -> str:
    more = others(articles, article, rng, 4)
    more_items = "\n".join(
        f'<div class="card"><a href="https://{COURIER_HOST}/{a["slug"]}/">{esc(a["title"])}</a>'
        f'<span class="card-date">{esc(day_month(a["date"]))}</span></div>'
        for a in more
    )
    readers = rng.randint(120, 9800)
    minutes = max(2, sum(len(i.get("p", "").split()) for i in article["body"]) // 200 + 1)
    today = date.fromisoformat(article["date"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(article["title"])} | The Riverside Courier</title>
<link rel="canonical" href="https://{COURIER_HOST}/{article["slug"]}/">
<meta property="og:title" content="{esc(article["title"])}">
<meta property="og:site_name" content="The Riverside Courier">
</head>
<body>
<div class="masthead">
  <div class="brand"><a href="https://{COURIER_HOST}/">The Riverside Courier</a></div>
  <div class="dateline">{today.strftime("%A")}, {esc(long_date(article["date"]))} &middot; {rng.randint(3, 24)}&deg;C {rng.choice(WEATHER)}</div>
  <ul class="sections">
    <li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li><a href="/schools/">Schools</a></li>
    <li><a href="/business/">Business</a></li><li><a href="/sport/">Sport</a></li><li><a href="/culture/">Culture</a></li>
    <li><a href="/notices/">Public notices</a></li>
  </ul>
</div>
<div class="story">
  <div class="kicker"><a href="/{article["section"].lower()}/">{esc(article["section"])}</a></div>
  <h1>{esc(article["title"])}</h1>
  <div class="meta">By {esc(article["author"])} &middot; {esc(long_date(article["date"]))} &middot; {minutes} min read &middot; {readers:,} readers</div>
  <div class="story-body">
{body_html(article)}
  </div>
  <div class="writer"><p>{esc(COURIER_BLURBS[article["author"]])}</p></div>
  <div class="support"><p>This reporting is supported by the Valley Community Trust, which has no say over what the Courier covers or how.</p></div>
  <div class="desk"><p>Spotted a mistake, or know something we should look into? The newsroom reads every message sent to desk@{COURIER_HOST}.</p></div>
</div>
<div class="rail">
  <h3>More from the Courier</h3>
{more_items}
</div>
<div class="base">
  <p>The Riverside Courier, 14 Harbour Street, Riverside RV1 4HS. Registered in England, company no. 0481 2231.</p>
  <p>&copy; {today.year} Riverside Courier Media Ltd.</p>
</div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Trail & Tent: an outdoor blog on a WordPress-like theme.

TRAIL_HOST = "trailandtent.example.org"
TRAIL_BIOS = {
    "Jess Harlow": "Jess Harlow has walked most of the long-distance paths in the north and still cannot fold a map. She writes the gear and skills posts.",
    "Marco Bellini": "Marco Bellini cooks on a two-burner stove more often than on a real one and swears it makes him a better cook. He edits the food section.",
    "Ruth Adeyemi": "Ruth Adeyemi is a mountain leader and a mother of three, which she says is mostly the same job. She writes about trails and family trips.",
}
PACK_ITEMS = ["a spare headtorch battery", "a foil blanket", "blister plasters", "a paper map", "a whistle", "a warm hat in July"]


def trail_page(article: dict, articles: list[dict], rng: random.Random) -> str:
    keep = others(articles, article, rng, 3)

    def teaser(a: dict) -> str:
        first = next(i["p"] for i in a["body"] if "p" in i)
        return " ".join(first.split()[:18]) + " ..."

    keep_items = "\n".join(
        f'<article class="tile"><h4><a href="https://{TRAIL_HOST}/{a["slug"]}/">{esc(a["title"])}</a></h4>'
        f"<p>{esc(teaser(a))}</p></article>"
        for a in keep
    )
    views = rng.randint(40, 3000)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>{esc(article["title"])} - Trail &amp; Tent</title>
<link rel="canonical" href="https://{TRAIL_HOST}/{article["slug"]}/">
</head>
<body class="single">
<header class="site-header">
  <p class="site-title"><a href="https://{TRAIL_HOST}/">Trail &amp; Tent</a></p>
  <p class="site-description">Outdoor notes from the hills, written in muddy boots</p>
  <nav><a href="/">Home</a> <a href="/trails/">Trails</a> <a href="/gear/">Gear</a> <a href="/skills/">Skills</a> <a href="/food/">Food</a> <a href="/about/">About us</a></nav>
</header>
<div class="wrap">
<main>
<article class="post">
  <h1 class="entry-title">{esc(article["title"])}</h1>
  <div class="entry-meta"><span>{esc(day_month(article["date"]))}</span> <span>{esc(article["author"])}</span> <span>{esc(article["section"])}</span> <span>{views:,} views</span></div>
  <div class="entry-content">
{body_html(article)}
  </div>
  <div class="entry-after"><p>Some links on this site earn us a small commission at no cost to you. It keeps the kettle on and the blog free of banners.</p></div>
  <div class="writer-card"><h4>{esc(article["author"])}</h4><p>{esc(TRAIL_BIOS[article["author"]])}</p></div>
</article>
<section class="keep-exploring">
  <h3>Keep exploring</h3>
{keep_items}
</section>
</main>
<div class="side">
  <div class="widget"><h3>In my pack this week</h3><p>Never leave without {rng.choice(PACK_ITEMS)}.</p></div>
  <div class="widget"><h3>Where we walk</h3><p>Most of our routes are in the northern fells and the lake hills, with a few trips further afield each summer.</p></div>
</div>
</div>
<footer><p>Trail &amp; Tent is written by three friends and a very patient dog. Est. 2017.</p><p>&copy; 2017-{date.fromisoformat(article["date"]).year} Trail &amp; Tent</p></footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Byte Workshop: a software how-to blog with documentation-style pages.

BYTE_HOST = "byteworkshop.example.net"
BYTE_CARDS = {
    "Lena Fischer": "Lena Fischer maintains build tooling for a living and writes here about the parts of it that surprised her.",
    "Sam Oduya": "Sam Oduya is a backend developer who has broken more databases than he would like to admit, all of them in staging.",
    "Ivo Petrov": "Ivo Petrov teaches an evening class on testing and writes these notes so his students have something to argue with.",
}


def byte_page(article: dict, articles: list[dict], rng: random.Random, index: int) -> str:
    previous = articles[index - 1] if index > 0 else None
    following = articles[index + 1] if index + 1 < len(articles) else None
    steps = []
    if previous:
        steps.append(f'<a class="prev" href="https://{BYTE_HOST}/{previous["slug"]}/">{esc(previous["title"])}</a>')
    if following:
        steps.append(f'<a class="next" href="https://{BYTE_HOST}/{following["slug"]}/">{esc(following["title"])}</a>')
    steps_html = "\n".join(f"<div>{s}</div>" for s in steps)
    minutes = max(2, sum(len(i.get("p", "").split()) for i in article["body"]) // 180 + 1)
    stars = rng.randint(3, 240)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(article["title"])} · Byte Workshop</title>
<meta property="og:url" content="https://{BYTE_HOST}/{article["slug"]}/">
</head>
<body>
<div class="topbar"><a href="/">Byte Workshop</a> <a href="/git/">Git</a> <a href="/python/">Python</a> <a href="/databases/">Databases</a> <a href="/tooling/">Tooling</a> <a href="/testing/">Testing</a></div>
<div class="layout">
<div class="content">
  <h1>{esc(article["title"])}</h1>
  <div class="byline">{esc(article["author"])} · Updated {esc(long_date(article["date"]))} · {minutes} min</div>
{body_html(article)}
  <div class="card"><p>{esc(BYTE_CARDS[article["author"]])}</p></div>
  <div class="helpful"><p>Found a mistake in this note? Every page here is plain text in a public repository, and corrections are merged within a day or two.</p></div>
  <div class="steps">
{steps_html}
  </div>
</div>
<div class="aside">
  <h3>This workshop</h3>
  <p>Short, practical notes on the tools we use every day, written by working developers.</p>
  <p>{stars} people starred the notes repository this month.</p>
</div>
</div>
<div class="bottom"><p>Byte Workshop notes are published under CC BY 4.0. Code samples are MIT licensed.</p></div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------


def page_text(page: str) -> str:
    return html_text.extract_text(page, guess_layout=True) + "\n"


def write_site(name: str, articles: list[dict], make_page, host: str) -> None:
    rng = random.Random(f"site:{name}")
    pages = []
    for index, article in enumerate(articles):
        page = make_page(article, articles, rng, index) if make_page is byte_page else make_page(article, articles, rng)
        pages.append((f"{index + 1:02d}-{article['slug']}", article, page))
    for flavour in ("html", "text"):
        folder = SITES / f"{name}-{flavour}"
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "pages").mkdir(parents=True)
        (folder / "expected").mkdir()
        if flavour == "text":
            (folder / "site.txt").write_text(host + "\n", encoding="utf-8")
        for stem, article, page in pages:
            if flavour == "html":
                (folder / "pages" / f"{stem}.html").write_text(page, encoding="utf-8")
                expected = body_text(article)
                (folder / "expected" / f"{stem}.title.txt").write_text(article["title"] + "\n", encoding="utf-8")
            else:
                (folder / "pages" / f"{stem}.txt").write_text(page_text(page), encoding="utf-8")
                expected = article["title"] + "\n\n" + body_text(article, lines=False)
            (folder / "expected" / f"{stem}.txt").write_text(expected + "\n", encoding="utf-8")


def main() -> None:
    articles = json.loads((HERE / "articles.json").read_text(encoding="utf-8"))
    write_site("courier", articles["courier"], courier_page, COURIER_HOST)
    write_site("trail", articles["trail"], trail_page, TRAIL_HOST)
    write_site("byte", articles["byte"], byte_page, BYTE_HOST)


if __name__ == "__main__":
    main()
