"""Progress-report services: the workflow on the database, status updates on approval, history."""

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.planning import services
from rightstrack.planning.models import Measure, ProgressReport
from rightstrack.planning.workflow import TransitionError
from tests.snapshot import database_fingerprint


def test_approval_sets_the_measure_status_and_records_who(world):
    report = world.submitted
    report.proposed_status = "implemented"
    report.save()
    services.progress_report_transition(actor=world.users["coordinator"], report=report, to="approved")
    measure = Measure.objects.get(pk=world.measure.pk)
    assert measure.status == "implemented"
    latest = measure.history.latest()
    assert latest.history_user == world.users["coordinator"]
    assert f"#{report.pk}" in latest.history_change_reason


def test_returned_report_goes_back_to_its_author_with_the_comment(world):
    services.progress_report_transition(actor=world.users["coordinator"], report=world.submitted, to="returned",
                                        comment="Attach the order")
    report = ProgressReport.objects.get(pk=world.submitted.pk)
    assert (report.state, report.review_comment, report.reviewed_by) == ("returned", "Attach the order",
                                                                         world.users["coordinator"])
    services.progress_report_update(actor=world.users["focal_point"], report=report, narrative="With the order")
    services.progress_report_transition(actor=world.users["focal_point"], report=report, to="submitted")
    assert ProgressReport.objects.get(pk=report.pk).state == "submitted"


def test_focal_point_cannot_approve_their_own_report(world):
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        services.progress_report_transition(actor=world.users["focal_point"], report=world.submitted, to="approved")
    assert database_fingerprint() == before


def test_an_illegal_move_changes_nothing(world):
    before = database_fingerprint()
    with pytest.raises(TransitionError):
        services.progress_report_transition(actor=world.users["coordinator"], report=world.draft, to="approved")
    assert database_fingerprint() == before


def test_only_approved_reports_can_be_published(world):
    with pytest.raises(PermissionDenied):
        services.progress_report_publish(actor=world.users["coordinator"], report=world.draft)
    services.progress_report_publish(actor=world.users["coordinator"], report=world.approved)
    assert ProgressReport.objects.get(pk=world.approved.pk).is_published


def test_submitted_report_is_locked_against_edits(world):
    with pytest.raises(PermissionDenied):
        services.progress_report_update(actor=world.users["focal_point"], report=world.submitted, narrative="sneaky")
    assert ProgressReport.objects.get(pk=world.submitted.pk).narrative == "Submitted narrative"


def test_new_plan_version_copies_measures_with_their_links(world):
    version = services.plan_version_create(actor=world.users["coordinator"], plan=world.plan, label="2022 amendment")
    assert version.number == 2
    copied = version.measures.get(key="M1")
    assert copied.pk != world.measure.pk
    assert list(copied.recommendations.all()) == [world.recommendation]
    assert world.version.measures.count() == 2  # the old version keeps its own measures
