"""Sign-in throttling (django-axes) on the site's form and on /admin/, and the API's throttles (finding 7)."""

import pytest
from django.test import Client

from rightstrack.api.models import api_token_create
from tests.factories import PASSWORD


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _sign_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_account_and_the_right_one_then_fails(world, axes_on, url):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(4):
        assert _sign_in(client, url, "admin", "wrong-password").status_code == 200
    assert _sign_in(client, url, "admin", "wrong-password").status_code == 429  # the fifth failure locks
    locked = _sign_in(client, url, "admin", PASSWORD)
    assert locked.status_code == 429 and "Sign-in locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another client cannot get in either: the account itself is locked.
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.2"), url, "admin", PASSWORD).status_code == 429


def test_one_client_is_locked_across_accounts(world, axes_on):
    client = Client(REMOTE_ADDR="198.51.100.3")
    for username in ["coord", "viewer", "focal", "assessor", "focal2"]:
        _sign_in(client, "/accounts/login/", username, "wrong-password")
    assert _sign_in(client, "/accounts/login/", "admin", PASSWORD).status_code == 429
    fresh = Client(REMOTE_ADDR="198.51.100.4")
    assert _sign_in(fresh, "/accounts/login/", "admin", PASSWORD).status_code == 302


def test_a_success_resets_the_count(world, axes_on):
    client = Client(REMOTE_ADDR="198.51.100.5")
    for _ in range(4):
        _sign_in(client, "/accounts/login/", "coord", "wrong-password")
    assert _sign_in(client, "/accounts/login/", "coord", PASSWORD).status_code == 302
    for _ in range(4):
        _sign_in(Client(REMOTE_ADDR="198.51.100.6"), "/accounts/login/", "coord", "wrong-password")
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.7"), "/accounts/login/", "coord", PASSWORD).status_code == 302


def test_the_api_throttles_anonymous_clients_and_tokens(client, world, settings):
    settings.API_ANONYMOUS_RATE = "3/m"
    settings.API_TOKEN_RATE = "4/m"
    statuses = [client.get("/api/v1/recommendations").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    token = api_token_create(user=world.users["viewer"], name="tests")[1]
    statuses = [client.get("/api/v1/recommendations", HTTP_AUTHORIZATION=f"Bearer {token}").status_code
                for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert Client(REMOTE_ADDR="198.51.100.9").get("/api/v1/recommendations").status_code == 200
