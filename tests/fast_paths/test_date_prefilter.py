"""only_dates and navigation.only_a_date first look for what every date holds (four digits, a
digit, slash or dot and digit, or "ago"): the same answers as the plain computation."""

from __future__ import annotations

import random

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.judge import navigation
from cleaner.model import block
from cleaner.read.text_blocks import text_blocks


def plain_only_dates(text: str) -> bool:
    if not block._DATE.search(text):
        return False
    return not block._LETTERS.search(block._DATE_COMPANIONS.sub(" ", block._DATE.sub(" ", text)))


def plain_only_a_date(text: str) -> bool:
    return plain_only_dates(navigation.DATE_GLUE.sub(" ", navigation.DATELINE_WORD.sub(" ", text)))


def test_the_prefilter_changes_no_answer():
    texts = [b.text for path in sorted(REPO_GOLDEN.glob("*/input.txt")) for b in text_blocks(path.read_text())]
    texts += ["Published: 14:32, 11 June 2024", "3 hours ago", "12/02/2024", "2024-03-07", "Updated 5 mins AGO"]
    texts += ["Aktualisiert am 07.03.2024, 16:45 Uhr", "Page 1 of 5", "$19.99", "1h2", "June 5, 2024 at 9:00 am"]
    rng = random.Random(2)
    texts += ["".join(rng.choice("0123456789/.-: agoAGOJunejan,h") for _ in range(rng.randint(1, 24))) for _ in range(5000)]
    for text in texts:
        assert block.only_dates.__wrapped__(text) == plain_only_dates(text), text
        assert navigation.only_a_date.__wrapped__(text) == plain_only_a_date(text), text
