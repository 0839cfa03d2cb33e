"""The coordinator's inbox: bulk review all or nothing, filters carried in the URL, counts, permissions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.planning import services
from rightstrack.planning.models import Measure, ProgressReport
from rightstrack.planning.workflow import TransitionError
from tests.factories import PASSWORD
from tests.snapshot import database_fingerprint

INBOX = reverse("planning:progress_report_inbox")


def _submitted(world, target, institution, narrative="More done", proposed="implemented"):
    field = "measure" if isinstance(target, Measure) else "recommendation"
    return ProgressReport.objects.create(**{field: target}, institution=institution, author=world.users["focal_point"],
                                         period_end=date(2024, 6, 30), narrative=narrative, state="submitted",
                                         proposed_status=proposed)


@pytest.fixture
def reports(world):
    """Submitted: world.submitted (MIA, measure 1), one on the recommendation (MIA), one on measure 2 (MoH)."""
    world.recommendation.deadline = date.today() + timedelta(days=10)
    world.recommendation.save()
    return {"measure": world.submitted, "recommendation": _submitted(world, world.recommendation, world.mia),
            "other": _submitted(world, world.other_measure, world.moh)}


def _states(*reports):
    return [ProgressReport.objects.get(pk=r.pk).state for r in reports]


# Service

def test_bulk_approval_approves_each_report_and_sets_each_target_status(world, reports):
    done = services.progress_report_bulk_transition(actor=world.users["coordinator"],
                                                    reports=[reports["measure"], reports["other"]], to="approved")
    assert len(done) == 2
    assert _states(reports["measure"], reports["other"]) == ["approved", "approved"]
    assert Measure.objects.get(pk=world.other_measure.pk).status == "implemented"
    assert ProgressReport.objects.get(pk=reports["other"].pk).reviewed_by == world.users["coordinator"]


def test_bulk_return_records_the_comment_on_every_report(world, reports):
    services.progress_report_bulk_transition(actor=world.users["coordinator"], to="returned", comment="Add evidence",
                                             reports=[reports["measure"], reports["recommendation"]])
    for report in ProgressReport.objects.filter(pk__in=[reports["measure"].pk, reports["recommendation"].pk]):
        assert (report.state, report.review_comment) == ("returned", "Add evidence")


def test_one_report_in_the_wrong_state_leaves_every_report_unchanged_and_is_named(world, reports):
    before = database_fingerprint()
    with pytest.raises(TransitionError) as error:
        services.progress_report_bulk_transition(actor=world.users["coordinator"], to="approved",
                                                 reports=[reports["measure"], reports["other"], world.draft])
    assert f"#{world.draft.pk}" in str(error.value) and "Nothing was changed" in str(error.value)
    assert database_fingerprint() == before


def test_bulk_return_without_a_comment_is_refused_and_changes_nothing(world, reports):
    before = database_fingerprint()
    with pytest.raises(TransitionError):
        services.progress_report_bulk_transition(actor=world.users["coordinator"], to="returned", comment="  ",
                                                 reports=list(reports.values()))
    assert database_fingerprint() == before


def test_focal_point_cannot_bulk_approve_and_nothing_changes(world, reports):
    before = database_fingerprint()
    with pytest.raises(PermissionDenied) as error:
        services.progress_report_bulk_transition(actor=world.users["focal_point"], to="approved",
                                                 reports=[reports["measure"], reports["recommendation"]])
    assert f"#{reports['measure'].pk}" in str(error.value)
    assert database_fingerprint() == before


def test_a_report_approved_meanwhile_by_someone_else_stops_the_whole_batch(world, reports):
    stale = list(reports.values())  # the coordinator's page was loaded while all three were submitted
    services.progress_report_transition(actor=world.users["administrator"], report=reports["other"], to="approved")
    before = database_fingerprint()
    with pytest.raises(TransitionError) as error:
        services.progress_report_bulk_transition(actor=world.users["coordinator"], reports=stale, to="returned",
                                                 comment="Please add numbers")
    assert f"#{reports['other'].pk}" in str(error.value)
    assert database_fingerprint() == before
    assert _states(reports["measure"], reports["recommendation"]) == ["submitted", "submitted"]


# Page

def _login(client, username="coord"):
    client.login(username=username, password=PASSWORD)


def _listed(response) -> set[int]:
    return {r.pk for r in response.context["page"]}


def _counts(response, key) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.facet.key == key)
    return {v.value: v.count for v in facet.values}


def test_inbox_puts_its_default_state_in_the_url(client, world, reports):
    _login(client)
    response = client.get(INBOX + "?institution=" + str(world.mia.pk))
    assert response.status_code == 302 and "state=submitted" in response.url and f"institution={world.mia.pk}" in response.url
    response = client.get(response.url)
    assert _listed(response) == {reports["measure"].pk, reports["recommendation"].pk}


def test_inbox_lists_submitted_reports_with_counts_per_state_and_institution(client, world, reports):
    _login(client)
    response = client.get(INBOX + "?state=submitted")
    assert _listed(response) == {r.pk for r in reports.values()}
    assert _counts(response, "state") == {"submitted": 3, "draft": 1, "approved": 1}
    assert _counts(response, "institution") == {str(world.mia.pk): 2, str(world.moh.pk): 1}
    response = client.get(INBOX + f"?state=submitted&institution={world.moh.pk}")
    assert _listed(response) == {reports["other"].pk}
    assert _counts(response, "state") == {"submitted": 1}


def test_every_state_link_lists_reports_in_any_state(client, world, reports):
    _login(client)
    response = client.get(INBOX + "?state=")
    assert len(_listed(response)) == 5  # draft, approved and three submitted


def test_mechanism_filter_reaches_measures_through_the_recommendations_they_answer(client, world, reports):
    _login(client)
    response = client.get(INBOX + "?state=submitted&mechanism=UPR")
    # measure 1 answers the UPR recommendation; measure 2 answers none
    assert _listed(response) == {reports["measure"].pk, reports["recommendation"].pk}
    assert _counts(client.get(INBOX + "?state=submitted"), "mechanism") == {"UPR": 2}


def test_plan_filter_reaches_recommendations_through_their_measures(client, world, reports):
    _login(client)
    response = client.get(INBOX + f"?state=submitted&plan={world.plan.pk}")
    assert _listed(response) == {r.pk for r in reports.values()}


def test_due_filters_use_the_target_deadline(client, world, reports):
    _login(client)
    response = client.get(INBOX + "?state=submitted")
    assert [(key, n) for key, _label, n, _selected in response.context["due"]] == [("overdue", 1), ("due_soon", 1)]
    assert _listed(client.get(INBOX + "?state=submitted&due=overdue")) == {reports["measure"].pk}  # 2022-12-31
    assert _listed(client.get(INBOX + "?state=submitted&due=due_soon")) == {reports["recommendation"].pk}
    assert _listed(client.get(INBOX + "?state=submitted&deadline_before=2023-01-01")) == {reports["measure"].pk}
    assert _listed(client.get(INBOX + "?state=submitted&deadline_after=2023-01-01")) == {reports["recommendation"].pk}
    assert len(_listed(client.get(INBOX + "?state=submitted&deadline_after=not-a-date"))) == 3


@pytest.mark.parametrize("username", ["focal", "assessor", "viewer"])
def test_only_coordinators_and_administrators_reach_the_inbox(client, world, reports, username):
    _login(client, username)
    assert client.get(INBOX + "?state=submitted").status_code == 403
    before = database_fingerprint()
    response = client.post(INBOX + "?state=submitted", {"reports": [reports["measure"].pk], "to": "approved"})
    assert response.status_code == 403 and database_fingerprint() == before


def test_visitors_are_sent_to_sign_in(client, world):
    assert reverse("accounts:login") in client.get(INBOX).url


def test_bulk_approve_from_the_page_says_what_changed(client, world, reports):
    _login(client)
    url = INBOX + f"?state=submitted&institution={world.mia.pk}"
    response = client.post(url, {"reports": [reports["measure"].pk, reports["recommendation"].pk], "to": "approved"},
                           follow=True)
    assert "2 reports approved." in response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert _states(reports["measure"], reports["recommendation"], reports["other"]) == ["approved", "approved",
                                                                                         "submitted"]


def test_bulk_return_without_a_comment_is_refused_on_the_page_and_keeps_the_selection(client, world, reports):
    _login(client)
    before = database_fingerprint()
    response = client.post(INBOX + "?state=submitted", {"reports": [reports["measure"].pk], "to": "returned"})
    assert response.status_code == 400
    assert "Returning reports needs a comment" in response.content.decode()
    assert f'value="{reports["measure"].pk}" id="report-{reports["measure"].pk}" aria-label' in response.content.decode()
    assert 'checked' in response.content.decode().split(f'id="report-{reports["measure"].pk}"')[1].split(">")[0]
    assert database_fingerprint() == before


def test_a_stale_selection_on_the_page_names_the_report_and_changes_nothing(client, world, reports):
    _login(client)
    services.progress_report_transition(actor=world.users["administrator"], report=reports["other"], to="approved")
    before = database_fingerprint()
    response = client.post(INBOX + "?state=submitted", {"reports": [reports["measure"].pk, reports["other"].pk],
                                                        "to": "approved"})
    assert response.status_code == 400
    assert f"Report #{reports['other'].pk} (MoH" in response.content.decode()
    assert database_fingerprint() == before


def test_nothing_selected_is_refused(client, world, reports):
    _login(client)
    response = client.post(INBOX + "?state=submitted", {"to": "approved"})
    assert response.status_code == 400 and "Select at least one report." in response.content.decode()


def test_main_menu_shows_the_inbox_with_its_count_to_managers_only(client, world, reports):
    _login(client)
    page = client.get(reverse("planning:measure_list")).content.decode()
    assert f'href="{INBOX}">Inbox <span class="count">3</span>' in page
    client.logout()
    _login(client, "focal")
    assert f'href="{INBOX}"' not in client.get(reverse("planning:measure_list")).content.decode()


def test_inbox_query_count_does_not_grow_with_reports(client, world, reports):
    _login(client)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INBOX + "?state=submitted").status_code == 200
        return len(queries)

    small = count()
    for _i in range(25):
        _submitted(world, world.measure, world.mia)
        _submitted(world, world.recommendation, world.mia)
    assert count() == small
