"""The pages people open most read a fixed number of queries, however many records they show: each page is
requested over the small world and over the world grown by more of every related record, under the same cap, so
a query per row (an N+1) fails on the larger one. Speed itself is measured by benchmarks/page_bench.py."""

from datetime import date

import pytest
from django.urls import reverse

from rightstrack.planning.models import Indicator, ProgressReport
from rightstrack.recommendations.models import Assessment, Country, Recommendation
from rightstrack.search.indexing import embed_measures, embed_recommendations
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary
from tests.factories import PASSWORD


@pytest.fixture(params=[0, 6], ids=["small", "grown"])
def grown(request, world):
    """The world, plus `param` more of each record the pages list: recommendations (each with a State, an accepted
    tag, a co-executor and a linked measure), and on the world's recommendation and measure more States,
    co-executors, tags, reports, assessments, indicators and history entries."""
    rec, measure = world.recommendation, world.measure
    for i in range(request.param):
        state = Country.objects.create(name=f"State {i}")
        term = Term.objects.create(vocabulary=Vocabulary.THEME, code=f"T{i}", name=f"Torture theme {i}")
        other = Recommendation.objects.create(source_document=world.document, paragraph=f"125.{i}",
                                              text=f"Prevent torture in detention, point {i}", response="noted",
                                              is_published=True, lead_institution=world.moh)
        other.recommending_states.add(state)
        other.co_executors.add(world.chr)
        measure.recommendations.add(other)
        world.other_measure.recommendations.add(other)
        for target in (rec, other):
            TagAssignment.objects.create(recommendation=target, term=term, status=TagAssignment.Status.ACCEPTED)
        rec.recommending_states.add(state)
        rec.text = f"Ratify the Optional Protocol to the Convention against Torture ({i})"
        rec.save()
        measure.text = f"Service model for the police ({i})"
        measure.save()
        for target in (dict(measure=measure), dict(recommendation=rec)):
            ProgressReport.objects.create(**target, institution=world.mia, author=world.users["focal_point"],
                                          period_end=date(2024, 1, 1 + i), state="approved", is_published=True,
                                          narrative=f"Report {i}", proposed_status="in_progress")
            Assessment.objects.create(**target, assessor=world.users["assessor"], organisation=world.chr,
                                      rating="partial", rationale=f"Assessment {i}", is_published=True)
        Indicator.objects.create(name=f"Indicator {i}", kind="process", is_published=True).measures.add(measure)
    rec.co_executors.add(world.moh, world.chr)
    embed_recommendations()
    embed_measures()
    return world


def _pages(world):
    """(user, address, cap): the caps are PostgreSQL's counts at the grown size; SQLite runs two fewer queries for a
    search by meaning or a recommendation's related box (its vectors are an in-process matrix)."""
    search = reverse("recommendations:recommendation_list")
    return [
        ("coord", reverse("dashboards:home"), 22),
        ("coord", search, 9),
        ("coord", f"{search}?q=torture&mode=fulltext", 11),
        ("coord", f"{search}?q=torture&mode=hybrid", 19),
        ("coord", f"{search}?q=torture&mode=semantic", 15),
        ("coord", f"{search}?q=torture&mode=semantic&sort=status", 16),
        ("coord", reverse("recommendations:recommendation_detail", args=[world.recommendation.pk]), 33),
        ("coord", reverse("planning:measure_detail", args=[world.measure.pk]), 21),
        (None, reverse("portal:home"), 17),
        (None, reverse("portal:recommendation_list") + "?q=torture", 16),
        (None, reverse("portal:recommendation_detail", args=[world.recommendation.pk]), 8),
    ]


@pytest.mark.parametrize("index", range(11))
def test_a_most_visited_page_reads_a_fixed_number_of_queries(client, grown, index, django_assert_max_num_queries):
    user, url, cap = _pages(grown)[index]
    if user:
        client.login(username=user, password=PASSWORD)
    client.get(url)  # the first view builds what a worker keeps (the facet index, the vector matrix)
    with django_assert_max_num_queries(cap):
        response = client.get(url)
    assert response.status_code == 200
