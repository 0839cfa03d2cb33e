"""The seven taxonomies: their labels, the texts that describe each label, and any shipped training data.

Everything is read from the reference CSVs inside the package, so the taggers work out of the box.
"""

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files


TAXONOMY_NAMES = ("sdg", "sdg-targets", "upr-issues", "action-category", "themes", "groups", "articles")

# UPR Info's database uses a few spellings that differ from its own published issue list.
ISSUE_ALIASES = {"Detention": "Detention conditions", "Technical assistance and cooperation": "Technical assistance"}


class UnknownTaxonomy(ValueError):
    """Raised for a taxonomy name that is not one of TAXONOMY_NAMES."""


@dataclass(frozen=True)
class Taxonomy:
    """A label set: `descriptions[label]` are texts that describe the label (used zero-shot).

    `opening_words` > 0 means models see only that many opening words of a text (0: the whole text). `synonyms`
    are groups of labels that name one subject (a UHRI theme's legacy and current names): a text gets at most one
    label of each group.
    """

    name: str
    labels: tuple[str, ...]
    descriptions: dict[str, tuple[str, ...]]
    single_label: bool = False
    min_labels: int = 0
    opening_words: int = 0
    max_labels: int = 0
    training: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    synonyms: tuple[tuple[str, ...], ...] = field(default=())


def reference_rows(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV shipped in rightstrack.reference."""
    with files("rightstrack.reference").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=None)
def label_words() -> dict[str, dict[str, str]]:
    """What each label is about, in the words recommendations use (`reference/label_words.json`): descriptions of
    "issues", "groups", "articles", "themes" (each theme's words via its subject), SDG "targets" and "sdg_keywords"
    per goal, which the zero-shot parts of the taggers compare texts with."""
    data = json.loads(files("rightstrack.reference").joinpath("label_words.json").read_text(encoding="utf-8"))
    data["themes"] = {theme: data["theme_words"][subject] for theme, subject in data["theme_subjects"].items()}
    return {key: value for key, value in data.items() if not key.startswith("_")}


def _unique(names) -> tuple[str, ...]:
    """Names in first-seen order, without duplicates."""
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def cycle1_recommendations() -> list[dict[str, str]]:
    """Kazakhstan's cycle-1 UPR recommendations with UPR Info's coding (cycle 2's is withheld on purpose)."""
    return [r for r in reference_rows("kazakhstan_demo/recommendations.csv") if r["cycle"] == "1"]


def _sdg(targets: bool) -> Taxonomy:
    goals = {g["goal"]: g for g in reference_rows("sdg_goals.csv")}
    rows = reference_rows("sdg_targets.csv")
    if targets:
        desc = {}
        for r in rows:  # a target's text, then the words recommendations use for it where it has them
            text = f"{goals[r['goal']]['short_name']}: {r['text']}"
            words = label_words()["targets"].get(r["target"])
            desc[r["target"]] = (f"{text}: {words}" if words else text,)
        return Taxonomy("sdg-targets", tuple(desc), desc)
    desc = {g: [f"{row['short_name']}: {row['text']}"] for g, row in goals.items()}
    for r in rows:
        desc[r["goal"]].append(r["text"])
    for r in reference_rows("sdg_indicators.csv"):  # indicators repeated under several targets count once
        if r["text"] not in desc[r["goal"]]:
            desc[r["goal"]].append(r["text"])
    for goal, words in label_words()["sdg_keywords"].items():
        desc[goal].append(f"{goals[goal]['short_name']}: {words}")
    # Texts sent for SDG tagging are development texts: each gets at least its best goal, and up to three.
    return Taxonomy("sdg", tuple(desc), {k: tuple(v) for k, v in desc.items()}, min_labels=1, max_labels=3)


def _issues() -> Taxonomy:
    labels = tuple(r["issue"] for r in reference_rows("upr_info_issues.csv"))
    desc = {label: (label, label_words()["issues"][label]) for label in labels}
    training = []
    for r in cycle1_recommendations():
        issues = tuple(ISSUE_ALIASES.get(i, i) for i in r["upr_info_issues"].split("|") if i)
        if issues:
            training.append((r["text"], issues))
    return Taxonomy("upr-issues", labels, desc, min_labels=1, training=tuple(training))


def _actions() -> Taxonomy:
    rows = reference_rows("upr_action_categories.csv")
    desc = {r["category"]: (f"{r['name']}: {r['definition']}. {r['example_verbs']}",) for r in rows}
    # Rows coded with two categories ("4|5") or none cannot teach a single-label model.
    training = tuple(
        (r["text"], (r["upr_info_action_category"],))
        for r in cycle1_recommendations()
        if r["upr_info_action_category"] in desc
    )
    # The category is defined by the opening verb, so the models look at the opening words only.
    return Taxonomy("action-category", tuple(desc), desc, single_label=True, min_labels=1, opening_words=4,
                    training=training)


def _names(taxonomy: str, csv_name: str, words: dict[str, str], min_labels: int = 0) -> Taxonomy:
    """Labels named in a CSV, each described by its name followed by `words[name]` (one description per label, so
    thresholds are calibrated on background texts; see `training.zero_shot`). Labels described by the same words
    are synonyms."""
    labels = _unique(r["name"] for r in reference_rows(csv_name))
    by_words = defaultdict(list)
    for label in labels:
        by_words[words[label]].append(label)
    return Taxonomy(taxonomy, labels, {label: (f"{label}: {words[label]}",) for label in labels}, min_labels=min_labels,
                    synonyms=tuple(tuple(group) for group in by_words.values() if len(group) > 1))


def _articles() -> Taxonomy:
    desc = {}
    for treaty, csv_name, long_name in (
        ("ICCPR", "iccpr_articles.csv", "International Covenant on Civil and Political Rights"),
        ("CAT", "cat_articles.csv", "Convention against Torture"),
    ):
        for r in reference_rows(csv_name):
            label = f"{treaty} {r['article']}"
            words = label_words()["articles"][label]
            desc[label] = (f"{r['short_title']} ({long_name}, article {r['article']}): {words}",)
    return Taxonomy("articles", tuple(desc), desc)


def model_inputs(opening_words: int, texts: list[str]) -> list[str]:
    """The part of each text a model embeds: the whole text, or its first words after a leading "To"/"That"."""
    if not opening_words:
        return texts
    return [" ".join(re.sub(r"^\s*(?:to|that)\s+", "", t, flags=re.IGNORECASE).split()[:opening_words]) for t in texts]


@lru_cache(maxsize=None)
def get_taxonomy(name: str) -> Taxonomy:
    """The taxonomy called `name`; raises UnknownTaxonomy otherwise."""
    builders = {
        "sdg": lambda: _sdg(targets=False),
        "sdg-targets": lambda: _sdg(targets=True),
        "upr-issues": _issues,
        "action-category": _actions,
        # UHRI files every text under a theme.
        "themes": lambda: _names("themes", "uhri_themes.csv", label_words()["themes"], min_labels=1),
        "groups": lambda: _names("groups", "uhri_concerned_groups.csv", label_words()["groups"]),
        "articles": _articles,
    }
    if name not in builders:
        raise UnknownTaxonomy(f"unknown taxonomy {name!r}; choose one of: {', '.join(TAXONOMY_NAMES)}")
    return builders[name]()
