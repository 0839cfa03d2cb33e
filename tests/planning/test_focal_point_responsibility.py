"""A focal point sees why a measure or recommendation is theirs, and reports for the one institution that may."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rightstrack.api.models import api_token_create
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.services import progress_report_transition
from tests.factories import PASSWORD, make_user
from tests.snapshot import database_fingerprint


def _page(client, username, obj):
    client.login(username=username, password=PASSWORD)
    return client.get(obj.get_absolute_url()).content.decode()


def test_focal_point_of_the_lead_institution_is_told_so_on_the_measure_page(client, world):
    page = _page(client, "focal", world.measure)
    assert "Your institution Ministry of Internal Affairs is the lead institution." in page


def test_focal_point_of_a_co_executor_is_told_so_on_the_measure_page(client, world):
    world.measure.co_executors.add(world.moh)
    page = _page(client, "focal2", world.measure)
    assert "Your institution Ministry of Health is a co-executor." in page
    assert "is the lead institution" not in page


def test_recommendation_page_says_why_it_is_the_focal_points(client, world):
    world.recommendation.co_executors.add(world.moh)
    assert "Your institution Ministry of Internal Affairs is the lead institution." in _page(
        client, "focal", world.recommendation)
    client.logout()
    assert "Your institution Ministry of Health is a co-executor." in _page(client, "focal2", world.recommendation)


@pytest.mark.parametrize("username", ["coord", "viewer", "focal2"])
def test_others_see_no_responsibility_line(client, world, username):
    assert "Your institution" not in _page(client, username, world.measure)


def _institution_field(client, username, kind, obj):
    client.login(username=username, password=PASSWORD)
    response = client.get(reverse("planning:progress_report_create", args=[kind, obj.pk]))
    assert response.status_code == 200
    return response.context["form"]["institution"]


def test_report_form_preselects_the_one_institution_that_may_report(client, world):
    world.users["focal_point"].institutions.add(world.chr)  # CHR is not responsible for the measure
    field = _institution_field(client, "focal", "measure", world.measure)
    assert field.value() == world.mia.pk
    assert f'<option value="{world.mia.pk}" selected>' in str(field)


def test_report_form_on_a_recommendation_preselects_too(client, world):
    assert _institution_field(client, "focal", "recommendation", world.recommendation).value() == world.mia.pk


def test_report_form_leaves_the_choice_open_when_two_institutions_may_report(client, world):
    world.measure.co_executors.add(world.moh)
    make_user("focal3", "focal_point", [world.mia, world.moh])
    assert _institution_field(client, "focal3", "measure", world.measure).value() is None


def _moh_focal_point_of_both(world):
    """A focal point of MIA and MoH: responsible for the MIA measure through MIA only."""
    world.users["other_focal_point"].institutions.add(world.mia)
    return world.users["other_focal_point"]


def test_focal_point_cannot_report_for_an_institution_not_responsible_through_the_ui(client, world):
    _moh_focal_point_of_both(world)
    client.login(username="focal2", password=PASSWORD)
    url = reverse("planning:progress_report_create", args=["measure", world.measure.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["institution"].queryset) == [world.mia]
    before = database_fingerprint()
    response = client.post(url, {"institution": world.moh.pk, "period_end": "2024-06-30", "narrative": "MoH on MIA",
                                 "proposed_status": "implemented"})
    assert response.status_code in (400, 403)
    assert database_fingerprint() == before


def test_focal_point_cannot_report_for_an_institution_not_responsible_through_the_api(client, world):
    focal = _moh_focal_point_of_both(world)
    token = api_token_create(user=focal, name="tests")[1]
    before = database_fingerprint()
    response = client.post("/api/v1/progress-reports", json.dumps({
        "measure_id": world.measure.pk, "institution_id": world.moh.pk, "period_end": "2024-06-30",
        "narrative": "MoH on MIA", "proposed_status": "implemented"}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_approving_a_report_of_an_institution_not_responsible_changes_no_status(client, world):
    report = ProgressReport.objects.create(measure=world.measure, institution=world.moh,
                                           author=world.users["coordinator"], period_end=date(2024, 6, 30),
                                           narrative="Filed before the fix", proposed_status="implemented",
                                           state="submitted")
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        progress_report_transition(actor=world.users["coordinator"], report=report, to="approved")
    assert database_fingerprint() == before
    world.measure.refresh_from_db()
    assert world.measure.status != "implemented"
