"""Follow-a-theme: the themes as one tree with counts, mechanisms by name, and a preview of the digest that sends
nothing and keeps what was ticked."""

import pytest
from django.core import mail
from django.urls import reverse

from rightstrack.subscriptions.models import Subscriber
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary


@pytest.fixture
def tree(world):
    child = Term.objects.create(vocabulary=Vocabulary.THEME, code="D23.1", name="Moratorium", parent=world.term)
    TagAssignment.objects.create(recommendation=world.recommendation, term=child, status="accepted")
    TagAssignment.objects.create(recommendation=world.hidden_recommendation, term=child, status="accepted")
    return child


def test_themes_are_grouped_under_their_parent_with_published_counts(client, world, tree):
    page = client.get(reverse("subscriptions:subscribe")).content.decode()
    group = page.index("D23 Death penalty")
    assert group < page.index("D23.1 Moratorium")
    # one published recommendation: the unpublished one is not counted
    assert f'value="{tree.pk}" > D23.1 Moratorium <span class="count">1</span>' in page
    assert "Universal Periodic Review" in page and ">UPR<" not in page


def test_the_preview_lists_what_a_digest_would_hold_and_sends_nothing(client, world, tree):
    response = client.post(reverse("subscriptions:subscribe"),
                           {"email": "reader@example.org", "themes": [tree.pk], "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "What your digest would hold" in page
    assert world.recommendation.text[:40] in page and world.hidden_recommendation.text not in page
    assert f'value="{tree.pk}" checked' in page and 'value="reader@example.org"' in page
    assert mail.outbox == [] and not Subscriber.objects.exists()


def test_a_preview_on_nothing_new_says_no_digest_would_be_sent(client, world):
    page = client.post(reverse("subscriptions:subscribe"), {"themes": [world.term.pk], "preview": "1"}).content.decode()
    assert "no digest would have been sent" in page


def test_the_tree_reads_in_russian(client, world, tree):
    world.term.set_translation("name", "ru", "Смертная казнь")
    world.term.save()
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("subscriptions:subscribe")).content.decode()
    assert "D23 Смертная казнь" in page and "Найти тему" in page


def test_a_name_with_no_translation_is_marked_as_the_original(client, world, tree):
    world.term.set_translation("name", "ru", "Смертная казнь")
    world.term.save()
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("subscriptions:subscribe")).content.decode()
    assert "D23 Смертная казнь <span" in page  # translated: no mark
    assert 'D23.1 Moratorium <abbr class="original-mark"' in page and ">EN</abbr>" in page
    client.cookies["django_language"] = "en"
    assert "original-mark" not in client.get(reverse("subscriptions:subscribe")).content.decode()
