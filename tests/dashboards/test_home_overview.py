"""The home pages tell each plan's story, and every number on them is the count of the list it links to."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse

from rightstrack.planning.models import ActionPlan, ActionPlanVersion, Measure
from rightstrack.recommendations.models import Recommendation
from tests.factories import PASSWORD

NUMBER_LINK = re.compile(r'<a class="num" href="([^"]+)">(\d+)</a>')
LIST_COUNT = re.compile(r'<h1>[^<]*<span class="count">(\d+)</span></h1>')


@pytest.fixture
def plans(world):
    """Two plans; the first amended (version 2 is current), with measures in every state of their deadline."""
    today = date.today()
    v2 = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871")
    statuses = ["implemented", "in_progress", "not_started", "in_progress", "partially_implemented", "not_started"]
    deadlines = [today - timedelta(days=40), today - timedelta(days=3), today + timedelta(days=10), None,
                 today + timedelta(days=200), today - timedelta(days=400)]
    for i, (status, deadline) in enumerate(zip(statuses, deadlines, strict=True)):
        m = Measure.objects.create(version=v2, key=f"K{i}", number=str(i + 1), text=f"Measure {i}", status=status,
                                   deadline=deadline, is_published=i != 5,
                                   lead_institution=(world.mia, world.moh, None)[i % 3])
        recs = [Recommendation.objects.create(source_document=world.document, paragraph=f"130.{i}.{k}", text=f"R{i}{k}",
                                              status=status, is_published=k == 0) for k in range(2)]
        m.recommendations.set([*recs, world.recommendation])  # shared: counted once
    other = ActionPlan.objects.create(title="National Plan on Gender Equality", is_published=False)
    version = ActionPlanVersion.objects.create(plan=other, number=1, label="Resolution 12")
    Measure.objects.create(version=version, key="G1", number="1", text="Shelters", status="in_progress",
                           deadline=today - timedelta(days=1))
    return world


def _numbers(client, url) -> list[tuple[str, int]]:
    page = client.get(url)
    assert page.status_code == 200
    return [(unescape(href), int(n)) for href, n in NUMBER_LINK.findall(page.content.decode())]


def _listed(client, href) -> int:
    (count,) = LIST_COUNT.findall(client.get(href).content.decode())
    return int(count)


@pytest.mark.parametrize("username", ["coord", "viewer"])
def test_every_number_on_the_home_page_is_the_count_of_the_list_it_links_to(client, plans, username):
    client.login(username=username, password=PASSWORD)
    numbers = _numbers(client, reverse("dashboards:home"))
    assert len(numbers) >= 2 * (1 + 5 + 2 + 1 + 5) + 5 + 2  # two plans' stories, the totals, the deadlines
    for href, n in numbers:
        assert _listed(client, href) == n, href


def test_the_plan_story_counts_the_current_version_and_the_recommendations_its_measures_answer(client, plans):
    client.login(username="coord", password=PASSWORD)
    numbers = dict(_numbers(client, reverse("dashboards:home")))
    base = f"{reverse('planning:measure_list')}?plan={plans.plan.pk}"
    assert numbers[base] == 6  # version 2 only
    assert numbers[f"{base}&status=in_progress"] == 2 and numbers[f"{base}&status=implemented"] == 1
    assert numbers[f"{base}&due=overdue"] == 2  # the implemented one is not overdue
    assert numbers[f"{base}&due=due_soon"] == 1
    # 2 per measure of version 2, plus the one that version 1's measure and all of version 2's share
    assert numbers[f"{reverse('recommendations:recommendation_list')}?plan={plans.plan.pk}"] == 13


def test_the_public_home_tells_only_the_published_story(client, plans):
    numbers = _numbers(client, reverse("portal:home"))
    for href, n in numbers:
        assert _listed(client, href) == n, href
    page = client.get(reverse("portal:home")).content.decode()
    assert "Gender Equality" not in page
    assert dict(numbers)[f"{reverse('portal:measure_list')}?plan={plans.plan.pk}"] == 5
