"""An integer filter no database can hold is refused on every read route, never a 500: 400 on pages, 422 (the
API's validation error) or a plain answer from the API, whose schemas bound every integer."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from rightstrack.core.middleware import overlong_integer
from tests.core.test_visibility import READ_ROUTES
from tests.factories import PASSWORD

BIG = "99999999999999999999999"
FILTERS = ["institution", "theme", "sdg", "cycle", "plan"]
ROUTES = {name: args for name, args in READ_ROUTES.items() if args}
ROUTES.update({"reports:report_preview": lambda w: ["status"], "exports:export": lambda w: ["measures", "csv"]})


@pytest.mark.parametrize("key", FILTERS)
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_overlong_integer_filter_is_a_400(client, world, route, key):
    client.login(username="coord", password=PASSWORD)
    response = client.get(reverse(route, args=ROUTES[route](world)), {key: BIG})
    if route.startswith("api:"):
        assert response.status_code in (200, 404, 422)  # 200/404: a parameter this operation does not take
    else:
        assert response.status_code == 400


@pytest.mark.parametrize("value", ["-" + BIG, "9223372036854775808", "1" * 5000])
def test_every_overlong_integer_is_caught(value):
    assert overlong_integer(QueryDict(f"plan={value}")) == "plan"


def test_integers_a_database_holds_and_free_text_pass(client, world):
    client.login(username="coord", password=PASSWORD)
    assert client.get(reverse("planning:measure_list"), {"institution": "9223372036854775807"}).status_code == 200
    assert client.get(reverse("recommendations:recommendation_list"), {"q": BIG}).status_code == 200
    assert client.get(reverse("dashboards:dashboard"), {"institution": world.mia.pk}).status_code == 200
