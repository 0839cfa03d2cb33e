"""The shipped taxonomies load into any database, fully, and loading them again changes nothing."""

import csv

import pytest
from django.utils import translation

from rightstrack.reference import REFERENCE_DIR
from rightstrack.taxonomy.models import Term, Vocabulary
from rightstrack.taxonomy.reference import load_taxonomies

pytestmark = pytest.mark.django_db


def _targets() -> dict[str, str]:
    with open(REFERENCE_DIR / "sdg_targets.csv", encoding="utf-8", newline="") as handle:
        return {row["target"]: row["text"] for row in csv.DictReader(handle)}


def test_every_sdg_target_loads_with_its_whole_text_and_a_name_that_fits():
    count = load_taxonomies()  # PostgreSQL refuses a name longer than the column, SQLite would not
    targets = _targets()
    stored = {t.code: t for t in Term.objects.filter(vocabulary=Vocabulary.SDG_TARGET)}
    assert set(stored) == set(targets)
    limit = Term._meta.get_field("name").max_length
    long_ones = [code for code, text in targets.items() if len(text) > limit]
    assert long_ones  # the data does hold targets longer than a name
    for code, text in targets.items():
        term = stored[code]
        assert len(term.name) <= limit
        if code in long_ones:
            assert term.description == text and term.name.endswith("…") and text.startswith(term.name[:-1])
        else:
            assert term.name == text
    assert load_taxonomies() == count == Term.objects.count()


def test_the_command_loads_them_for_a_new_deployment():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load-taxonomies", stdout=out)
    assert out.getvalue().strip() == f"terms: {Term.objects.count()}"
    assert Term.objects.filter(vocabulary=Vocabulary.UPR_ISSUE).count() == 54


def test_sdg_goals_read_in_russian_and_kazakh_and_the_reference_wins_on_reload():
    load_taxonomies()
    goal = Term.objects.get(vocabulary=Vocabulary.SDG_GOAL, code="5")
    assert (goal.name, goal.tr("name", "ru"), goal.tr("name", "kk")) == (
        "Gender equality", "Гендерное равенство", "Гендерлік теңдік")
    assert goal.tr("description", "ru").startswith("Обеспечение гендерного равенства")
    with translation.override("en"):
        assert str(Term.objects.get(vocabulary=Vocabulary.SDG_GOAL, code="16")) == (
            "16 Peace, justice and strong institutions")
    with translation.override("kk"):
        assert str(Term.objects.get(vocabulary=Vocabulary.SDG_GOAL, code="16")) == (
            "16 Бейбітшілік, сот әділдігі мен мықты институттар")
    # Every goal has both languages.
    goals = Term.objects.filter(vocabulary=Vocabulary.SDG_GOAL)
    assert goals.count() == 17 and all(g.tr("name", "ru") != g.name != g.tr("name", "kk") for g in goals)
    goal.translations = {"name": {"ru": "изменено вручную"}}
    goal.save()
    load_taxonomies()
    goal.refresh_from_db()
    assert goal.tr("name", "ru") == "Гендерное равенство"


def test_every_issue_category_article_group_and_theme_has_russian_and_kazakh_names_marked_as_our_own():
    load_taxonomies()
    terms = Term.objects.exclude(vocabulary__in=[Vocabulary.TREATY, Vocabulary.SDG_GOAL, Vocabulary.SDG_TARGET])
    assert terms.count() == 59 + 43 + Term.objects.filter(vocabulary__in=[Vocabulary.GROUP, Vocabulary.THEME]).count()
    for term in terms:
        assert term.tr("name", "ru") != term.name and term.tr("name", "kk") != term.name, term.code
        assert "rightstrack's own translation" in term.source
    torture = Term.objects.get(vocabulary=Vocabulary.UPR_ISSUE, code="Torture and other CID treatment")
    with translation.override("ru"):
        assert str(torture).startswith("Пытки")


def test_every_sdg_target_reads_in_russian_and_kazakh_with_open_sdg_as_its_source():
    load_taxonomies()
    targets = Term.objects.filter(vocabulary=Vocabulary.SDG_TARGET)
    assert targets.count() == 169
    limit = Term._meta.get_field("name").max_length
    for target in targets:
        assert "open-sdg/sdg-translations (MIT)" in target.source, target.code
        for lang in ("ru", "kk"):
            assert target.tr("name", lang) != target.name and len(target.tr("name", lang)) <= limit, target.code
            assert target.tr("description", lang).startswith(target.tr("name", lang).rstrip("…")), target.code
    with translation.override("ru"):
        assert str(targets.get(code="16.3")).startswith("16.3 Содействовать верховенству права")
    with translation.override("kk"):
        assert str(targets.get(code="5.2")).startswith("5.2 ")
        assert str(targets.get(code="5.2")) != f"5.2 {targets.get(code='5.2').name}"
