"""Pages: the list's search box and mode switch, the detail page's related box, jobs and reindexing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from rightstrack.jobs.models import Job
from rightstrack.jobs.tasks import run_job
from rightstrack.planning.models import ActionPlanVersion, Measure
from rightstrack.recommendations.services import recommendation_update
from rightstrack.search.models import MeasureEmbedding, RecommendationEmbedding, SearchDocument
from tests.factories import PASSWORD
from tests.search.fixtures import duplicate_pair, unit

LIST = reverse("recommendations:recommendation_list")


@pytest.mark.parametrize("query", ['"unclosed', "OR", "NOT", "-", "NEAR(", "*", "'; DROP TABLE x; --", "ё" * 300])
def test_any_query_gets_a_page_never_an_error(client, world, query):
    for mode in ("fulltext", "hybrid", "bogus"):
        assert client.get(LIST, {"q": query, "mode": mode}).status_code == 200


def test_list_page_offers_modes_and_explains_repairs(client, world):
    page = client.get(LIST, {"q": '"optional protocol', "status": "not_started"}).content.decode()
    assert "mode=semantic" in page and "mode=hybrid" in page and "status=not_started" in page
    assert "unclosed quote" in page
    assert "Optional Protocol" in page


def test_hybrid_is_the_default_mode_on_the_list_and_the_portal(client, world):
    for url in (LIST, reverse("portal:recommendation_list")):
        page = client.get(url, {"q": "protocol"}).content.decode()
        assert 'aria-current="true" class="selected">both (hybrid)' in page


def test_an_empty_result_suggests_the_other_modes_and_near_spellings(client, world):
    for url in (LIST, reverse("portal:recommendation_list")):
        page = client.get(url, {"q": "protokol", "mode": "fulltext"}).content.decode()
        assert "Nothing found." in page
        assert "mode=hybrid" in page.split("Nothing found.")[1]
        assert "q=protocol&amp;" in page or "q=protocol\"" in page
    assert "Nothing found." not in client.get(LIST, {"q": "protocol", "mode": "fulltext"}).content.decode()


def test_near_spellings_come_only_from_what_the_reader_may_see(client, world):
    assert "Did you mean" not in client.get(LIST, {"q": "secrett", "mode": "fulltext"}).content.decode()
    client.login(username="viewer", password=PASSWORD)
    assert "secret" in client.get(LIST, {"q": "secrett", "mode": "fulltext"}).content.decode().split("Did you mean")[1]


def test_list_search_hides_unpublished_from_visitors(client, world):
    assert "Secret draft" not in client.get(LIST, {"q": "secret OR draft"}).content.decode()
    client.login(username="viewer", password=PASSWORD)
    assert "Secret draft" in client.get(LIST, {"q": "secret OR draft"}).content.decode()


def test_detail_page_shows_similar_recommendations(client, world):
    earlier = duplicate_pair(world)
    page = client.get(reverse("recommendations:recommendation_detail", args=[world.recommendation.pk]))
    text = page.content.decode()
    assert "Similar recommendations" in text and "Measures that may answer this" in text
    assert earlier.get_absolute_url() in text


def test_detail_page_offers_measures_of_the_current_plan_version_only(client, world):
    """A superseded version's measure, and its copy in the current version, are as close in meaning: only the
    current one is offered to link."""
    duplicate_pair(world)  # gives the recommendation its vector, along axis 0
    current = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871")
    copy = Measure.objects.create(version=current, key=world.other_measure.key, number="2", is_published=True,
                                  text=world.other_measure.text)
    for measure in (world.other_measure, copy):
        MeasureEmbedding.objects.create(measure=measure, vector=unit(0), text_hash="z")
    text = client.get(reverse("recommendations:recommendation_detail", args=[world.recommendation.pk])
                      ).content.decode()
    assert copy.get_absolute_url() in text and world.other_measure.get_absolute_url() not in text


def test_saving_queues_embedding_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        recommendation_update(actor=world.users["coordinator"], recommendation=world.recommendation,
                              text="Ratify OPCAT without delay")
    assert len(callbacks) == 1  # the embedding task is enqueued only once the write is committed
    assert "ratifi opcat" in SearchDocument.objects.get(pk=world.recommendation.pk).body  # stems


def test_reindex_job_from_the_page(client, world, django_capture_on_commit_callbacks):
    client.login(username="coord", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("search:reindex_start"))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert "Queued" in client.get(response["Location"]).content.decode()
    SearchDocument.objects.all().delete()
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == "done" and job.done == job.total > 0
    assert SearchDocument.objects.count() == 2 and RecommendationEmbedding.objects.count() == 2
    assert "Done" in client.get(reverse("jobs:job_list")).content.decode()


def test_reindex_command_full_text_only(world, capsys):
    SearchDocument.objects.all().delete()
    call_command("reindex", "--no-embeddings")
    assert SearchDocument.objects.count() == 2 and not RecommendationEmbedding.objects.exists()
    assert "documents: 2" in capsys.readouterr().out


def test_a_search_by_meaning_says_how_many_of_its_hits_have_the_words(client, world):
    for url in (LIST, reverse("portal:recommendation_list")):
        found = client.get(url, {"q": "protocol", "mode": "hybrid"})
        worded = client.get(url, {"q": "protocol", "mode": "fulltext"})
        total, with_words = found.context["page"].paginator.count, worded.context["page"].paginator.count
        assert 0 < with_words <= total
        assert f"Have the words searched for: {with_words} of {total};" in found.content.decode()
        assert "Have the words searched for" not in worded.content.decode()  # full text: every hit has them

