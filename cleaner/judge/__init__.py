"""The rule set shared by the HTML and the text path, in the order it runs.

Per-block rules run first (each judges a block by its own text); context rules run after them
and judge blocks by their neighbours and by what the per-block rules decided, as in jusText's
second pass.
"""

from __future__ import annotations

from . import comment_form, navigation, related_posts, site_template, watermark
from .engine import Context, Decision, Rule, run_rules

# Comment-form and wrapper phrases are the most specific, so they run (and name a block) first.
FAMILIES = (comment_form, watermark, related_posts, navigation)
# Related lists run before comment zones: a list's items must not be read as form fields.
# The site's template goes last: it takes what the rules leave, and names them when both would.
CONTEXT_ORDER = (related_posts, comment_form, watermark, navigation, site_template)

PER_BLOCK_RULES: list[Rule] = [rule for family in FAMILIES for rule in family.PER_BLOCK]
CONTEXT_RULES: list[Rule] = [rule for family in CONTEXT_ORDER for rule in family.CONTEXT]

ALL_RULES: list[Rule] = PER_BLOCK_RULES + CONTEXT_RULES

__all__ = ["ALL_RULES", "CONTEXT_RULES", "PER_BLOCK_RULES", "Context", "Decision", "Rule", "run_rules"]
