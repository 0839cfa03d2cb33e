"""A signed-in user's saved language: it serves them in a browser that has not picked one, and the language
switch saves their pick (so it reaches their other browsers and their e-mails)."""

from django.conf import settings
from django.urls import reverse

from rightstrack.accounts.models import User


def test_saved_language_serves_a_browser_without_a_choice(client, world):
    user = world.users["focal_point"]
    user.language = "kk"
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(reverse("planning:measure_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "kk"
    assert "Шаралар" in response.content.decode()


def test_the_browsers_own_choice_wins_over_the_saved_language(client, world):
    user = world.users["focal_point"]
    user.language = "kk"
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.get(reverse("planning:measure_list")).headers["Content-Language"] == "ru"


def test_anonymous_visitors_follow_their_browser(client, world):
    response = client.get(reverse("planning:measure_list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.headers["Content-Language"] == "ru"


def test_switching_language_saves_it_for_a_signed_in_user(client, world):
    user = world.users["coordinator"]
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert User.objects.get(pk=user.pk).language == "ru"


def test_an_unknown_language_changes_nothing(client, world):
    user = world.users["coordinator"]
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(pk=user.pk).language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_switching_language_anonymously_sets_only_the_cookie(client, world):
    before = list(User.objects.order_by("pk").values_list("language", flat=True))
    response = client.post(reverse("accounts:set_language"), {"language": "kk", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert list(User.objects.order_by("pk").values_list("language", flat=True)) == before


def test_language_switch_refuses_get(client, world):
    assert client.get(reverse("accounts:set_language"), {"language": "ru"}).status_code == 405
