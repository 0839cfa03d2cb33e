"""UPR Info's action-category verb rules: the recommendation's opening verb decides its category (1-5).

With two coordinated opening verbs the second counts ("Continue and strengthen" -> 4), as UPR Info codes it.
"""

import csv
import re
from functools import lru_cache
from importlib.resources import files

# Openings that carry no verb of their own ("To ...", "Kazakhstan should ...", "That the State may ...").
_LEAD = re.compile(r"^(?:that\s+)?(?:(?:[\w-]+\s+){0,3}?(?:should|must|may)\s+|to\s+)?")
# Adverbs seen between "To" and the verb ("To further improve", "To fully implement").
_ADVERBS = {"further", "fully", "effectively", "also", "urgently", "swiftly", "promptly", "seriously", "completely"}


@lru_cache(maxsize=1)
def verb_table() -> tuple[tuple[str, str], ...]:
    """(verb phrase, category) pairs from upr_action_categories.csv, longest phrase first."""
    with files("rightstrack.reference").joinpath("upr_action_categories.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for row in rows:
        for verb in row["example_verbs"].replace("legal verbs:", ";").split(";"):
            verb = verb.strip().lower()
            # "take measures or steps towards" names two phrases.
            phrases = ["take measures", "take steps"] if verb.startswith("take measures or steps") else [verb]
            pairs.extend((phrase, row["category"]) for phrase in phrases if phrase)
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))


def _verb_at(words: list[str], start: int) -> tuple[str | None, int]:
    """The category of the verb phrase starting at words[start], and the index after it."""
    while start < len(words) and words[start] in _ADVERBS:
        start += 1
    rest = " ".join(words[start:start + 6])
    for phrase, category in verb_table():
        if rest == phrase or rest.startswith(phrase + " "):
            return category, start + len(phrase.split())
    return None, start


def rule_category(text: str) -> str | None:
    """The UPR Info action category implied by the opening verb(s), or None when no known verb opens the text."""
    opening = _LEAD.sub("", re.sub(r"[^\w\s-]", " ", text.lower()).strip(), count=1)
    words = opening.split()
    first, after = _verb_at(words, 0)
    if first and after < len(words) and words[after] == "and":
        second, _ = _verb_at(words, after + 1)
        return second or first
    return first
