"""Linking recommendations and measures from either side: pickers, link, unlink with confirmation, bulk link."""

import pytest
from django.urls import reverse

from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.models import ActionPlanVersion, Measure
from rightstrack.recommendations.models import Recommendation
from rightstrack.search.models import MeasureEmbedding
from tests.factories import PASSWORD
from tests.search.fixtures import duplicate_pair, unit
from tests.snapshot import database_fingerprint

LIST = reverse("recommendations:recommendation_list")
BULK = reverse("recommendations:recommendation_bulk_link")


def _link_url(measure):
    return reverse("planning:measure_link", args=[measure.pk])


def _unlink_url(measure):
    return reverse("planning:measure_unlink", args=[measure.pk])


@pytest.fixture
def coordinator(client, world):
    assert client.login(username="coord", password=PASSWORD)
    return client


def _linked(measure) -> set[int]:
    return set(Measure.objects.get(pk=measure.pk).recommendations.values_list("pk", flat=True))


def test_measure_edit_form_no_longer_offers_the_bare_list_of_recommendations(coordinator, world):
    page = coordinator.get(reverse("planning:measure_update", args=[world.measure.pk])).content.decode()
    assert 'name="recommendations"' not in page
    data = {"revision": world.measure.revision, "key": "M1", "number": "1", "text": "Edited",
            "status": "in_progress"}
    assert coordinator.post(reverse("planning:measure_update", args=[world.measure.pk]), data).status_code == 302
    assert _linked(world.measure) == {world.recommendation.pk}  # the edit kept the links


def test_recommendation_page_picker_finds_measures_by_text_key_number_and_translation(coordinator, world):
    Measure.objects.filter(pk=world.other_measure.pk).update(
        translations={"text": {"ru": "Передать медицинскую помощь осуждённым в Минздрав"}})
    url = world.recommendation.get_absolute_url()
    for query in ("prison medical", "PRISON", "M2", "медицинскую", "Медицинскую"):
        page = coordinator.get(url, {"mq": query}).content.decode()
        assert world.other_measure.get_absolute_url() in page.split('id="link-measure"')[1], query
        assert _link_url(world.other_measure) in page, query
    page = coordinator.get(url, {"mq": "police"}).content.decode().split('id="link-measure"')[1]
    assert world.measure.get_absolute_url() in page and _link_url(world.measure) not in page  # linked already


def test_picker_fragment_lists_current_versions_only(coordinator, world):
    current = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871")
    copy = Measure.objects.create(version=current, key="M2", number="2", text=world.other_measure.text)
    page = coordinator.get(reverse("planning:measure_pick"),
                           {"mq": "prison", "recommendations": world.recommendation.pk}).content.decode()
    assert _link_url(copy) in page and _link_url(world.other_measure) not in page


def test_linking_from_the_recommendation_page_writes_history_and_says_what_changed(coordinator, world):
    Measure.objects.filter(pk=world.other_measure.pk).update(status=ImplementationStatus.IMPLEMENTED)
    Measure.objects.get(pk=world.measure.pk).recommendations.clear()
    rec = world.recommendation
    response = coordinator.post(_link_url(world.other_measure),
                                {"recommendations": [rec.pk], "next": rec.get_absolute_url()}, follow=True)
    assert response.redirect_chain[-1][0] == rec.get_absolute_url()
    assert _linked(world.other_measure) == {rec.pk}
    assert Recommendation.objects.get(pk=rec.pk).status == ImplementationStatus.IMPLEMENTED
    assert "Linked A/HRC/28/10 ¶124.1 to measure 2 — its status is now Implemented." in response.content.decode()
    latest = Measure.objects.get(pk=world.other_measure.pk).history.first()
    assert latest.history_user == world.users["coordinator"]
    assert "linked: A/HRC/28/10 ¶124.1" in latest.history_change_reason


def test_suggested_measure_has_a_one_click_link_button(coordinator, world):
    duplicate_pair(world)  # gives the recommendation its vector
    MeasureEmbedding.objects.create(measure=world.other_measure, vector=unit(0), text_hash="z")
    page = coordinator.get(world.recommendation.get_absolute_url()).content.decode()
    suggestions = page.split('id="may-answer"')[1]
    assert _link_url(world.other_measure) in suggestions
    assert 'name="csrfmiddlewaretoken" value="' in suggestions
    assert 'name="csrfmiddlewaretoken" value=""' not in suggestions


def test_bulk_link_of_the_page_links_the_rows_shown(coordinator, world):
    page = coordinator.get(LIST).content.decode()
    ids = [world.hidden_recommendation.pk, world.recommendation.pk]
    for pk in ids:
        assert f'name="recommendations" value="{pk}"' in page
    page = coordinator.get(BULK, {"scope": "page", "page_ids": ",".join(map(str, ids)), "filter": "?",
                                  "mq": "prison"}).content.decode()
    assert "2 recommendations selected." in page
    results = page.split('id="measure-pick-results"')[1]
    assert all(f'name="recommendations" value="{pk}"' in results for pk in ids) and 'name="filter"' not in results


def test_measure_page_picker_finds_recommendations_by_reference_and_words(coordinator, world):
    other = Recommendation.objects.create(source_document=world.document, paragraph="121.5", is_published=True,
                                          text="Prevent torture in places of detention",
                                          translations={"text": {"ru": "Предотвращать пытки в местах заключения"}})
    url = world.other_measure.get_absolute_url()
    for query in ("A/HRC/28/10 ¶ 121.5", "A/HRC/28/10 ¶121.5", "121.5", "torture detention", "пытки"):
        page = coordinator.get(url, {"rq": query}).content.decode().split('id="link-recommendation"')[1]
        assert other.get_absolute_url() in page, query
        assert f'name="recommendations" value="{other.pk}"' in page, query
    page = coordinator.get(url, {"rq": "121.5"}).content.decode().split('id="link-recommendation"')[1]
    assert world.recommendation.get_absolute_url() not in page  # ¶124.1


def test_unlink_asks_first_and_the_post_without_confirmation_changes_nothing(coordinator, world):
    rec, measure = world.recommendation, world.measure
    page = coordinator.get(_unlink_url(measure), {"recommendations": rec.pk}).content.decode()
    assert "Unlink this recommendation from measure 1?" in page and str(rec) in page
    before = database_fingerprint()
    assert coordinator.post(_unlink_url(measure), {"recommendations": rec.pk}).status_code == 400
    assert database_fingerprint() == before
    response = coordinator.post(_unlink_url(measure), {"recommendations": rec.pk, "confirm": "on",
                                                       "next": rec.get_absolute_url()}, follow=True)
    assert response.redirect_chain[-1][0] == rec.get_absolute_url()
    assert _linked(measure) == set()
    assert "Unlinked A/HRC/28/10 ¶124.1 from measure 1 — its status is now Not started." in response.content.decode()
    assert "unlinked: A/HRC/28/10 ¶124.1" in Measure.objects.get(pk=measure.pk).history.first().history_change_reason


def test_bulk_link_by_ids_reports_what_was_linked_already(coordinator, world):
    extra = [Recommendation.objects.create(source_document=world.document, paragraph=f"130.{i}", text=f"Text {i}")
             for i in range(3)]
    ids = [world.recommendation.pk, *(r.pk for r in extra)]
    page = coordinator.get(BULK, {"scope": "selected", "recommendations": ids, "filter": "?status=not_started",
                                  "mq": "police"}).content.decode()
    assert "4 recommendations selected." in page and _link_url(world.measure) in page
    response = coordinator.post(_link_url(world.measure), {"recommendations": ids, "next": LIST}, follow=True)
    assert "3 recommendations linked to measure 1; 1 was linked already." in response.content.decode()
    assert _linked(world.measure) == set(ids)


def test_bulk_link_by_filter_carries_the_query_string_not_ids(coordinator, world):
    for i in range(3):
        Recommendation.objects.create(source_document=world.document, paragraph=f"140.{i}", text=f"Death penalty {i}")
    page = coordinator.get(LIST, {"q": "death"}).content.decode()
    assert 'name="filter" value="?q=death"' in page and "all 3 matching these filters" in page
    page = coordinator.get(BULK, {"scope": "filter", "filter": "?q=death", "page_ids": "1,2", "mq": "prison"}
                           ).content.decode()
    assert "3 recommendations selected." in page and 'name="filter" value="?q=death"' in page
    assert 'name="recommendations"' not in page.split('id="measure-pick-results"')[1]
    response = coordinator.post(_link_url(world.other_measure), {"filter": "?q=death", "next": LIST + "?q=death"})
    assert response["Location"] == LIST + "?q=death"
    assert _linked(world.other_measure) == set(
        Recommendation.objects.filter(text__startswith="Death penalty").values_list("pk", flat=True))


@pytest.mark.parametrize("data", [{"recommendations": [999999]}, {"recommendations": ["x"]}, {}])
def test_forged_recommendation_ids_are_refused_and_change_nothing(coordinator, world, data):
    before = database_fingerprint()
    response = coordinator.post(_link_url(world.other_measure), data)
    assert response.status_code == 400 and "Nothing was linked" in response.content.decode()
    assert database_fingerprint() == before


def test_measure_that_does_not_exist_or_is_superseded_is_not_found(coordinator, world):
    ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871")
    before = database_fingerprint()
    for url in (_link_url(world.other_measure), reverse("planning:measure_link", args=[999999])):
        assert coordinator.post(url, {"recommendations": [world.recommendation.pk]}).status_code == 404
    assert coordinator.post(_unlink_url(world.measure), {"recommendations": [world.recommendation.pk],
                                                         "confirm": "on"}).status_code == 404
    assert database_fingerprint() == before
    page = coordinator.get(world.measure.get_absolute_url()).content.decode()
    assert 'id="link-recommendation"' not in page


def test_unlinking_a_recommendation_the_measure_does_not_answer_is_refused(coordinator, world):
    before = database_fingerprint()
    response = coordinator.post(_unlink_url(world.other_measure), {"recommendations": [world.recommendation.pk],
                                                                   "confirm": "on"})
    assert response.status_code == 400 and database_fingerprint() == before


@pytest.mark.parametrize("role", ["focal_point", "viewer", "assessor"])
def test_only_coordinators_see_pickers_and_may_post(client, world, role):
    assert client.login(username=world.users[role].username, password=PASSWORD)
    rec_page = client.get(world.recommendation.get_absolute_url(), {"mq": "prison"}).content.decode()
    measure_page = client.get(world.measure.get_absolute_url(), {"rq": "124.1"}).content.decode()
    assert 'id="link-measure"' not in rec_page and 'id="link-recommendation"' not in measure_page
    assert 'id="bulk-link"' not in client.get(LIST).content.decode()
    before = database_fingerprint()
    response = client.post(_link_url(world.other_measure), {"recommendations": [world.recommendation.pk]})
    assert response.status_code == 403
    assert client.post(_unlink_url(world.measure), {"recommendations": [world.recommendation.pk],
                                                    "confirm": "on"}).status_code == 403
    for url in (BULK, reverse("planning:measure_pick"), reverse("planning:recommendation_pick")):
        assert client.get(url).status_code == 403
    assert database_fingerprint() == before


def test_anonymous_visitor_does_not_see_an_unpublished_linked_measure(client, world):
    hidden = Measure.objects.create(version=world.version, key="M3", number="3", text="Unpublished measure text")
    hidden.recommendations.add(world.recommendation)
    page = client.get(world.recommendation.get_absolute_url()).content.decode()
    assert world.measure.get_absolute_url() in page and hidden.get_absolute_url() not in page
    assert "Unpublished measure text" not in page
    response = client.post(_link_url(world.other_measure), {"recommendations": [world.recommendation.pk]})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_next_outside_the_site_is_ignored(coordinator, world):
    response = coordinator.post(_link_url(world.other_measure),
                                {"recommendations": [world.recommendation.pk], "next": "https://evil.example/"})
    assert response["Location"] == world.other_measure.get_absolute_url()
