"""One theme tree: a current UHRI label that names a legacy coded theme is that theme's alias, not a second term;
the migration merges the terms an older load made, with their tags and followers."""

import importlib

import pytest
from django.apps import apps

from rightstrack.core.text import normalised_text
from rightstrack.subscriptions.models import Subscriber, Subscription
from rightstrack.taxonomy.models import TagAssignment, Term, TermAlias, Vocabulary
from rightstrack.taxonomy.reference import load_taxonomies

pytestmark = pytest.mark.django_db
merge = importlib.import_module("rightstrack.taxonomy.migrations.0006_merge_same_uhri_themes")


def test_the_loaded_tree_has_each_same_theme_once_with_the_current_label_as_alias():
    load_taxonomies()
    themes = Term.objects.filter(vocabulary=Vocabulary.THEME)
    assert themes.count() == 185 - len(merge.SAME_THEME)
    assert not themes.filter(code__in=["Business & Human Rights", "Liberty & security of the person"]).exists()
    liberty = TermAlias.objects.get(vocabulary=Vocabulary.THEME, key=normalised_text("Liberty & security of the person"))
    assert liberty.term == themes.get(code="D3")
    assert themes.filter(code="Refugees & asylum seekers").exists()  # the file's G5 also names IDPs: kept apart
    load_taxonomies()  # again: nothing more
    assert themes.count() == 185 - len(merge.SAME_THEME)


def test_the_migration_moves_tags_and_followers_and_keeps_one_accepted_tag(world):
    load_taxonomies()
    legacy = Term.objects.get(vocabulary=Vocabulary.THEME, code="D3")
    current = Term.objects.create(vocabulary=Vocabulary.THEME, code="Liberty & security of the person",
                                  name="Liberty & security of the person")  # as an older load left it
    TermAlias.objects.filter(term=legacy).delete()
    TagAssignment.objects.create(recommendation=world.recommendation, term=legacy, status="suggested",
                                 source=TagAssignment.Source.MODEL, confidence=0.5)
    TagAssignment.objects.create(recommendation=world.recommendation, term=current, status="accepted")
    TagAssignment.objects.create(measure=world.measure, term=current, status="accepted")
    subscriber = Subscriber.objects.create(email="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, kind="theme", term=current)

    merge.merge_current_into_legacy(apps, None)

    assert not Term.objects.filter(pk=current.pk).exists()
    tags = TagAssignment.objects.filter(term=legacy)
    assert tags.get(recommendation=world.recommendation).status == "accepted"  # one tag, accepted as either was
    assert tags.filter(measure=world.measure).exists()
    assert Subscription.objects.get(subscriber=subscriber).term == legacy
    assert legacy.aliases.get().label == "Liberty & security of the person"
