"""A database out of reach (restarting, failing over) answers 503 with a page that says to try again, not a 500
traceback; other errors stay 500."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path


def _unreachable(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def _broken(request):
    raise ZeroDivisionError


urlpatterns = [path("page/", _unreachable), path("api/v1/thing/", _unreachable), path("broken/", _broken)]
handler500 = "rightstrack.core.views.server_error"


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_page_says_the_database_is_unreachable_with_503(client):
    response = client.get("/page/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Temporarily unavailable" in page and "The database is not reachable at the moment" in page
    assert "Traceback" not in page and "127.0.0.1" not in page


def test_the_api_answers_503_in_json(client):
    response = client.get("/api/v1/thing/")
    assert response.status_code == 503 and "not reachable" in response.json()["error"]["message"]


def test_the_page_is_translated(client):
    response = client.get("/page/", headers={"accept-language": "ru"})
    assert response.status_code == 503 and "The database is not reachable" not in response.content.decode()


def test_other_errors_stay_500(client):
    response = client.get("/broken/")
    assert response.status_code == 500 and "Server error" in response.content.decode()


@pytest.mark.django_db
def test_an_api_route_answers_503_in_the_api_error_format(settings, monkeypatch):
    from rightstrack.recommendations import selectors

    monkeypatch.setattr(selectors, "recommendation_filtered", lambda **kwargs: _unreachable(None))
    response = Client(raise_request_exception=False).get("/api/v1/recommendations")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "unavailable" and "127.0.0.1" not in response.content.decode()
