"""Reporting rounds: who may open and close them, who is asked, when an item counts as answered, My tasks."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rightstrack.planning.models import ProgressReport, ReportingRound
from rightstrack.planning.rounds import (
    focal_point_round_items,
    reporting_round_close,
    reporting_round_create,
    reporting_round_progress,
)

AS_OF = date(2024, 6, 30)


def _round(world, **extra):
    values = dict(title="Mid-year 2024", deadline=AS_OF + timedelta(days=30), period_end=AS_OF,
                  measures=[world.measure, world.other_measure], recommendations=[world.recommendation])
    return reporting_round_create(actor=world.users["coordinator"], **{**values, **extra})


def _report(world, *, state, period_end=AS_OF, measure=None, institution=None):
    return ProgressReport.objects.create(measure=measure or world.measure, institution=institution or world.mia,
                                         period_end=period_end, narrative="n", proposed_status="in_progress",
                                         state=state)


def test_a_coordinator_opens_a_round_and_history_records_it(world):
    rnd = _round(world)
    assert rnd.state == "open" and rnd.created_by == world.users["coordinator"]
    assert set(rnd.measures.all()) == {world.measure, world.other_measure}
    assert rnd.history.first().history_user == world.users["coordinator"]


@pytest.mark.parametrize("role", ["focal_point", "assessor", "viewer"])
def test_only_coordinators_open_rounds(world, role):
    with pytest.raises(PermissionDenied):
        reporting_round_create(actor=world.users[role], title="x", deadline=AS_OF, period_end=AS_OF,
                               measures=[world.measure])
    assert not ReportingRound.objects.exists()


def test_a_round_needs_items_and_a_deadline_after_the_as_of_date(world):
    with pytest.raises(ValidationError):
        _round(world, measures=[], recommendations=[])
    with pytest.raises(ValidationError):
        _round(world, deadline=AS_OF - timedelta(days=1))
    assert not ReportingRound.objects.exists()


def test_the_lead_and_co_executors_of_each_item_are_asked(world):
    world.measure.co_executors.add(world.moh)
    progress = reporting_round_progress(round=_round(world), today=AS_OF)
    assert [(row.institution.abbreviation, row.asked) for row in progress.rows] == [("MIA", 2), ("MoH", 2)]
    assert (progress.asked, progress.answered, progress.percent) == (4, 0, 0)


def test_only_submitted_or_approved_reports_as_of_the_round_date_count_as_answers(world):
    rnd = _round(world)  # the world's MIA reports on the measure are as of 2023-06-30: too old
    _report(world, state="draft")
    _report(world, state="returned")
    _report(world, state="submitted", period_end=AS_OF - timedelta(days=1))
    mia = reporting_round_progress(round=rnd, today=AS_OF).rows[0]
    assert mia.answered == 0
    answer = _report(world, state="submitted", period_end=AS_OF + timedelta(days=5))
    _report(world, state="approved", measure=world.other_measure, institution=world.mia)  # MIA is not asked on it
    progress = reporting_round_progress(round=rnd, today=AS_OF)
    items = {item.target: item for item in progress.rows[0].items}
    assert items[world.measure].answer == answer and not items[world.recommendation].answered
    assert (progress.answered, progress.asked, progress.percent) == (1, 3, 33)


def test_unanswered_items_are_late_after_the_deadline(world):
    rnd = _round(world)
    _report(world, state="approved")
    assert reporting_round_progress(round=rnd, today=rnd.deadline).late == 0
    assert reporting_round_progress(round=rnd, today=rnd.deadline + timedelta(days=1)).late == 2  # MIA rec, MoH


def test_closing_a_round_takes_it_off_the_task_lists(world):
    rnd = _round(world)
    focal = world.users["focal_point"]
    assert len(focal_point_round_items(user=focal)) == 2
    with pytest.raises(PermissionDenied):
        reporting_round_close(actor=focal, round=rnd)
    reporting_round_close(actor=world.users["coordinator"], round=rnd)
    assert ReportingRound.objects.get().state == "closed" and focal_point_round_items(user=focal) == []


def test_my_tasks_lists_the_round_items_of_the_focal_points_institution(world, client):
    rnd = _round(world)
    client.force_login(world.users["focal_point"])
    page = client.get("/").content.decode()
    assert "Mid-year 2024" in page and "Service model for the police" in page
    assert "Prison medical care to MoH" not in page  # another institution's item
    form_url = reverse("planning:progress_report_create", args=["measure", world.measure.pk])
    assert f'{form_url}?institution={world.mia.pk}&amp;period_end=2024-06-30' in page
    form = client.get(f"{form_url}?institution={world.mia.pk}&period_end=2024-06-30").content.decode()
    assert 'value="2024-06-30"' in form
    _report(world, state="submitted")
    assert "Your report" in client.get("/").content.decode()
    client.force_login(world.users["other_focal_point"])
    assert "Prison medical care to MoH" in client.get("/").content.decode()
    reporting_round_close(actor=world.users["coordinator"], round=rnd)
    assert "Prison medical care to MoH" not in client.get("/").content.decode()


def test_round_pages_are_for_coordinators(world, client):
    rnd = _round(world)
    client.force_login(world.users["focal_point"])
    assert client.get(reverse("planning:round_detail", args=[rnd.pk])).status_code == 403
    assert client.get(reverse("planning:round_create")).status_code == 403
    client.force_login(world.users["coordinator"])
    answer = _report(world, state="approved")
    page = client.get(reverse("planning:round_detail", args=[rnd.pk])).content.decode()
    assert "33% answered (1 of 3)" in page and '<progress max="3" value="1"' in page
    assert "50% answered (1 of 2)" in page  # MIA's row
    assert answer.get_absolute_url() in page
    assert reverse("planning:round_list") in client.get(reverse("planning:round_list")).content.decode()


def test_the_new_round_form_filters_items_and_opens_a_round(world, client):
    client.force_login(world.users["coordinator"])
    url = reverse("planning:round_create")
    page = client.get(url, {"institution": world.moh.pk}).content.decode()
    assert "Prison medical care to MoH" in page and "Service model for the police" not in page
    response = client.post(f"{url}?institution={world.moh.pk}", {
        "title": "MoH round", "period_end": "2024-06-30", "deadline": "2024-07-31",
        "measures": [world.other_measure.pk]})
    rnd = ReportingRound.objects.get()
    assert response.status_code == 302 and response.url == rnd.get_absolute_url()
    assert list(rnd.measures.all()) == [world.other_measure]
    response = client.post(url, {"title": "Empty", "period_end": "2024-06-30", "deadline": "2024-07-31"})
    assert response.status_code == 400 and ReportingRound.objects.count() == 1


def test_the_new_round_form_edits_title_and_instructions_in_language_tabs(world, client):
    """Like every other form: one field with a tab per language, not the title four times in a row."""
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("planning:round_create")).content.decode()
    for name in ("title", "instructions"):
        group = page.split(f'<fieldset class="translated" id="tabs-{name}">')[1].split("</fieldset>")[0]
        assert all(f'id="id_{name}__{code}"' in group for code in ("en", "ru", "kk"))
    assert "language_tabs.js" in page
