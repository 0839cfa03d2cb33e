"""List pages run a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Country, Recommendation

LIST_ROUTES = ["recommendations:recommendation_list", "planning:measure_list", "legislation:legal_act_list",
               "planning:plan_list", "dashboards:home"]


def _grow(world, n):
    country = Country.objects.create(name=f"State {n}")
    for i in range(n):
        rec = Recommendation.objects.create(source_document=world.document, paragraph=f"200.{n}.{i}", text=f"Text {i}",
                                            is_published=True, lead_institution=world.moh)
        rec.recommending_states.add(country)
        Measure.objects.create(version=world.version, key=f"G{n}-{i}", number=str(i), text=f"Measure {i}",
                               lead_institution=world.mia, is_published=True)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_query_count_does_not_grow_with_rows(client, world, route):
    client.login(username="coord", password="pw-for-tests-only")
    url = reverse(route)
    _grow(world, 3)
    small = _count(client, url)
    _grow(world, 30)
    assert _count(client, url) == small
    assert small <= 40
