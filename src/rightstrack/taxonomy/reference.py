"""Loads the shipped taxonomies (SDGs, UHRI themes and groups, treaties, articles, UPR Info) into Terms.

Loading is an upsert on (vocabulary, code), so running it again changes nothing.
"""

import csv
from collections.abc import Iterator

from django.db import transaction

from rightstrack.core.text import normalised_text
from rightstrack.reference import REFERENCE_DIR
from rightstrack.taxonomy.models import Term, TermAlias, Vocabulary


def _rows(name: str) -> Iterator[dict]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _theme_rows() -> Iterator[tuple[str, str, str, str]]:
    """Legacy coded themes and the current labels that name no coded theme; one tree (see _same_themes)."""
    seen: set[str] = set()
    same = dict(_same_themes())
    for row in _rows("uhri_themes.csv"):
        if not row["code"] and row["name"] in same.values():
            continue
        code = row["code"] or row["name"]
        if code in seen:  # the IMPACT OSS seed gives G5 to two labels (see SOURCES.md)
            code = f"{code} ({row['name']})"
        seen.add(code)
        yield code, row["name"], row["parent_code"] if row["level"] == "3" else "", row["source"]


def _same_themes() -> Iterator[tuple[str, str]]:
    """(legacy code, current label) for each current UHRI label that names a legacy coded theme: one term, the
    current label its alias (taxonomy migration 0006 merged the terms loaded before). Only labels that differ at
    most in "&" for "and" or in case: the file's G5 is given to both IDPs and refugees, which stay apart."""
    legacy = {row["code"]: row["name"] for row in _rows("uhri_themes.csv") if row["code"]}
    for row in _rows("uhri_themes.csv"):
        code = row["legacy_code_same_label"]
        if code and not row["code"] and _same_words(legacy.get(code, ""), row["name"]):
            yield code, row["name"]


def _same_words(one: str, other: str) -> bool:
    return normalised_text(one.replace("&", "and")) == normalised_text(other.replace("&", "and"))


def _alias(term: Term, label: str) -> None:
    key = normalised_text(label)
    if key != normalised_text(term.name):
        TermAlias.objects.get_or_create(vocabulary=term.vocabulary, key=key, defaults={"term": term, "label": label})


def _group_rows() -> Iterator[tuple[str, str, str, str]]:
    seen: dict[str, str] = {}
    for row in _rows("uhri_concerned_groups.csv"):
        key = row["name"].strip().lower()
        if key not in seen:  # legacy and current lists share most labels
            seen[key] = row["name"]
            yield row["name"], row["name"], "", row["source"]


def _label(text: str) -> str:
    """A target's text as a term name: whole when it fits, else cut at a word and ended with "…" (27 of the
    169 SDG targets are longer than a name may be; the description keeps the whole text)."""
    limit = Term._meta.get_field("name").max_length
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _upsert(vocabulary: str, code: str, name: str, description: str = "", parent: Term | None = None,
            source: str = "", translations: dict | None = None) -> Term:
    defaults = {"name": name, "description": description, "parent": parent, "source": source}
    if translations is not None:  # the reference's translations replace the term's, as its name does
        defaults["translations"] = translations
    term, _ = Term.objects.update_or_create(vocabulary=vocabulary, code=code, defaults=defaults)
    return term


# Where the SDG goals' and targets' Russian and Kazakh come from (reference/SOURCES.md).
OPEN_SDG = "UN (A/RES/71/313); ru/kk: open-sdg/sdg-translations (MIT)"


def _goal_translations() -> dict[str, dict]:
    """Each SDG goal's short name and text in Russian and Kazakh (open-sdg's translations), by goal number."""
    return {r["goal"]: {"name": {lang: r[f"short_name_{lang}"] for lang in ("ru", "kk")},
                        "description": {lang: r[f"text_{lang}"] for lang in ("ru", "kk")}}
            for r in _rows("sdg_goals_translations.csv")}


def _target_translations() -> dict[str, dict]:
    """Each SDG target's text in Russian and Kazakh (open-sdg's translations), by target ("16.3"); the name is
    the text, shortened as the English one is."""
    return {r["target"]: {"name": {lang: _label(r[f"text_{lang}"]) for lang in ("ru", "kk") if r[f"text_{lang}"]},
                          "description": {lang: r[f"text_{lang}"] for lang in ("ru", "kk") if r[f"text_{lang}"]}}
            for r in _rows("sdg_targets_translations.csv")}


# How a term whose Russian and Kazakh names the project wrote says so (reference/SOURCES.md).
OWN_TRANSLATION = "ru/kk: rightstrack's own translation"


def _own_translations(name: str, key: str) -> dict[str, dict]:
    """Russian and Kazakh names written by the project (`name_ru`, `name_kk` columns), by the row's `key`."""
    return {r[key]: {"name": {lang: r[f"name_{lang}"] for lang in ("ru", "kk") if r[f"name_{lang}"]}}
            for r in _rows(name)}


@transaction.atomic
def load_taxonomies() -> int:
    """Create or refresh every shipped vocabulary; returns the number of terms."""
    translated = _goal_translations()
    goals = {r["goal"]: _upsert(Vocabulary.SDG_GOAL, r["goal"], r["short_name"], r["text"], source=OPEN_SDG,
                                translations=translated[r["goal"]])
             for r in _rows("sdg_goals.csv")}
    targets = _target_translations()
    for r in _rows("sdg_targets.csv"):
        _upsert(Vocabulary.SDG_TARGET, r["target"], _label(r["text"]), r["text"], parent=goals[r["goal"]],
                source=OPEN_SDG, translations=targets.get(r["target"]))
    themes: dict[str, Term] = {}
    named = _own_translations("uhri_themes_translations.csv", "name")
    for code, name, parent_code, source in _theme_rows():
        themes[code] = _upsert(Vocabulary.THEME, code, name, parent=themes.get(parent_code),
                               source=f"{source}; {OWN_TRANSLATION}", translations=named.get(name))
    for code, label in _same_themes():
        _alias(themes[code], label)
    groups = _own_translations("uhri_concerned_groups_translations.csv", "name")
    for code, name, _parent, source in _group_rows():
        _upsert(Vocabulary.GROUP, code, name, source=f"{source}; {OWN_TRANSLATION}", translations=groups.get(name))
    treaties = {}
    titles = _own_translations("treaties_translations.csv", "abbreviation")
    for r in _rows("treaties.csv"):
        treaties[r["abbreviation"]] = _upsert(Vocabulary.TREATY, r["abbreviation"], r["full_name"],
                                              f"{r['monitoring_body_name']}; Kazakhstan: {r['kaz_status']} "
                                              f"{r['kaz_year']}".strip(),
                                              source=f"OHCHR; UN Treaty Collection; {OWN_TRANSLATION}",
                                              translations=titles[r["abbreviation"]])
    articles = _own_translations("treaty_articles_translations.csv", "code")
    for treaty, filename in (("ICCPR", "iccpr_articles.csv"), ("CAT", "cat_articles.csv")):
        for r in _rows(filename):
            code = f"{treaty} {r['article']}"
            _upsert(Vocabulary.ARTICLE, code, r["short_title"], parent=treaties[treaty],
                    source=f"rightstrack (short neutral titles); {OWN_TRANSLATION}", translations=articles.get(code))
    issues = _own_translations("upr_info_issues_translations.csv", "number")
    for r in _rows("upr_info_issues.csv"):
        _upsert(Vocabulary.UPR_ISSUE, r["issue"], r["issue"], source=f"UPR Info (2014); {OWN_TRANSLATION}",
                translations=issues.get(r["number"]))
    categories = _own_translations("upr_action_categories_translations.csv", "category")
    for r in _rows("upr_action_categories.csv"):
        _upsert(Vocabulary.ACTION_CATEGORY, r["category"], r["name"], f"{r['definition']} (e.g. {r['example_verbs']})",
                source=f"UPR Info (2014); {OWN_TRANSLATION}", translations=categories.get(r["category"]))
    return Term.objects.count()
