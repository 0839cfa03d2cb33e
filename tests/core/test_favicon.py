"""The app serves its own icon: pages link to it, and /favicon.ico (which browsers ask for anyway) leads to it."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_favicon_ico_redirects_to_the_apps_own_icon_which_pages_link(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("rightstrack/favicon.svg")
    assert finders.find("rightstrack/favicon.svg")  # served by the app, not a third party
    for url in (reverse("accounts:login"), reverse("portal:home")):
        assert f'<link rel="icon" href="{response["Location"]}"' in client.get(url).content.decode()
