"""Dashboards, plan comparison, report page and report jobs: visibility, bad input, progress, download."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document

from rightstrack.planning.models import ActionPlanVersion, IndicatorValue, Measure
from rightstrack.reports.models import Report
from tests.factories import PASSWORD
from tests.reports.builds import build, report_queued
from tests.snapshot import database_fingerprint

SECRET = "Secret draft recommendation text"


@pytest.fixture
def due(world):
    world.hidden_recommendation.deadline = date.today() - timedelta(days=5)
    world.hidden_recommendation.save()
    world.indicator.target, world.indicator.target_year = 500, 2026
    world.indicator.save()
    IndicatorValue.objects.create(indicator=world.indicator, period="2023", period_end=date(2023, 12, 31), value=120)
    IndicatorValue.objects.create(indicator=world.indicator, period="2024", period_end=date(2024, 12, 31), value=260)
    return world


def test_dashboard_shows_charts_and_deadlines_without_leaking_to_anonymous(client, due):
    page = client.get(reverse("dashboards:dashboard")).content.decode()
    assert page.count("<svg") == 7  # mechanism, theme (empty), institution + measures, 2 progress lines, 1 indicator
    assert "Implementation status by mechanism" in page and "Judges trained through HELP" in page
    assert "Service model for the police" in page  # published, overdue measure
    assert SECRET[:40] not in page and "124.2" not in page
    client.login(username="coord", password=PASSWORD)
    assert "124.2" in client.get(reverse("dashboards:dashboard")).content.decode()


def test_dashboard_filters_narrow_the_charts(client, due):
    client.login(username="coord", password=PASSWORD)
    page = client.get(reverse("dashboards:dashboard"), {"status": "implemented"}).content.decode()
    assert "A/HRC" not in page  # no implemented recommendation, so no bar and no deadline row
    page = client.get(reverse("dashboards:dashboard"), {"mechanism": "UPR", "cycle": "2"}).content.decode()
    assert "UPR" in page and "124.2" in page


@pytest.mark.parametrize("params", [{"cycle": "two"}, {"period_from": "yesterday"}, {"status": "finished"}])
def test_bad_dashboard_filters_get_a_clear_message(client, world, params):
    response = client.get(reverse("dashboards:dashboard"), params)
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_plan_dashboard_and_its_visibility(client, due):
    page = client.get(reverse("dashboards:plan_dashboard", args=[due.plan.pk])).content.decode()
    assert "Implementation status by plan section" in page and "Judges trained through HELP" in page
    due.plan.is_published = False
    due.plan.save()
    assert client.get(reverse("dashboards:plan_dashboard", args=[due.plan.pk])).status_code == 404
    assert client.get(reverse("reports:plan_compare", args=[due.plan.pk])).status_code == 404


def _amend(world):
    v2 = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Decree No. 871 (2022)")
    changed = Measure.objects.create(version=v2, key="M1", number="1", text="Service model for the police",
                                     lead_institution=world.moh, deadline=date(2024, 12, 31), is_published=True)
    changed.recommendations.add(world.recommendation)
    Measure.objects.create(version=v2, key="M3", number="3", text="Party threshold from 20,000 to 5,000",
                           is_published=True)
    return v2


def test_plan_compare_page_shows_added_removed_and_changed_fields(client, world):
    _amend(world)
    page = client.get(reverse("reports:plan_compare", args=[world.plan.pk])).content.decode()
    assert "1 added, 1 removed, 1 changed, 0 unchanged." in page
    assert "Party threshold from 20,000 to 5,000" in page and "Prison medical care to MoH" in page
    assert "<del>MIA</del> <ins>MoH</ins>" in page and "<del>2022-12-31</del> <ins>2024-12-31</ins>" in page


def test_report_page_is_built_for_the_visitor(client, world):
    url = reverse("reports:report_preview", args=["mechanism"])
    page = client.get(url, {"mechanism": "UPR"}).content.decode()
    assert "Ratify the Optional Protocol" in page and SECRET not in page and "<svg" in page
    assert "Public: published records only" in page
    client.login(username="viewer", password=PASSWORD)
    assert SECRET in client.get(url, {"mechanism": "UPR"}).content.decode()


@pytest.mark.parametrize("kind,params,message", [
    ("mechanism", {}, "needs --mechanism"), ("plan", {"plan": "x"}, "existing plan"),
    ("nonsense", {}, "Unknown report kind"), ("mechanism", {"mechanism": "UPR", "cycle": "II"}, "Cycle must"),
])
def test_report_page_with_bad_parameters_explains_itself(client, world, kind, params, message):
    response = client.get(reverse("reports:report_preview", args=[kind]), params)
    assert response.status_code == 400 and message in response.content.decode()


def test_report_request_queues_a_job_that_builds_a_downloadable_file(client, world,
                                                                     django_capture_on_commit_callbacks):
    assert client.get(reverse("reports:report_request")).status_code == 302  # anonymous: sign in first
    client.login(username="viewer", password=PASSWORD)
    before_tasks = DBTaskResult.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_request"), {
            "kind": "mechanism", "format": "docx", "language": "en", "mechanism": "UPR", "group_by": "cluster"})
    job = Report.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert DBTaskResult.objects.count() == before_tasks + 1  # queued for `rightstrack manage db_worker`
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="0"' in page
    assert client.get(reverse("reports:report_download", args=[job.pk])).status_code == 404  # not ready
    assert build(job) == "done"
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'value="100"' in page and "refresh" not in page
    response = client.get(reverse("reports:report_download", args=[job.pk]))
    job.refresh_from_db()
    assert b"".join(response.streaming_content) == job.path.read_bytes()
    assert SECRET in [c.text for t in Document(job.path).tables for r in t.rows for c in r.cells]
    client.login(username="focal2", password=PASSWORD)
    assert client.get(job.get_absolute_url()).status_code == 404  # someone else's report, for other staff
    client.login(username="coord", password=PASSWORD)
    assert client.get(job.get_absolute_url()).status_code == 200  # coordinators see every report (the archive)


def test_report_request_with_missing_fields_queues_nothing(client, world):
    client.login(username="viewer", password=PASSWORD)
    before = database_fingerprint()
    response = client.post(reverse("reports:report_request"), {"kind": "plan", "format": "xlsx", "language": "en",
                                                              "group_by": "cluster"})
    assert response.status_code == 400 and "This report needs this field." in response.content.decode()
    assert not Report.objects.exists() and database_fingerprint() == before


def test_a_failing_build_is_shown_as_failed(client, world):
    client.login(username="viewer", password=PASSWORD)
    job = report_queued(world.users["viewer"], kind="mechanism", format="xlsx",
                        params={"query": "mechanism=CAT", "options": {}})
    assert build(job) == "failed"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "No recommendation matches these filters." in page


def test_indicator_page_charts_actual_values_against_the_target(client, due):
    page = client.get(reverse("planning:indicator_detail", args=[due.indicator.pk])).content.decode()
    assert page.count("<svg") == 1 and "Target" in page and "Actual" in page and "stroke-dasharray" in page
    assert "Actual 2024: 260" in page


def test_dashboard_queries_do_not_grow_with_the_data(client, due):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboards:dashboard")).status_code == 200
        return len(queries)

    client.login(username="coord", password=PASSWORD)
    before = count()
    for i in range(15):
        m = Measure.objects.create(version=due.version, key=f"X{i}", number=f"X{i}", text=f"Extra {i}",
                                   lead_institution=due.moh, deadline=date.today() - timedelta(days=i + 1))
        m.co_executors.add(due.mia)
        due.indicator.measures.add(m)
    assert count() == before


def test_a_report_page_names_its_kind_in_the_readers_language(client, world):
    report = report_queued(world.users["coordinator"], kind="mechanism", format="docx", language="en",
                           params={"mechanism": "UPR"})
    client.login(username="coord", password=PASSWORD)
    client.cookies["django_language"] = "ru"
    heading = client.get(report.get_absolute_url()).content.decode().split("<h1>")[1].split("</h1>")[0]
    assert "Механизм (например, промежуточный доклад по УПО) (DOCX)" in heading and "mechanism" not in heading


def test_the_builders_recent_reports_name_their_kind_in_the_readers_language(client, world):
    report_queued(world.users["coordinator"], kind="plan", format="xlsx", language="en", params={})
    client.login(username="coord", password=PASSWORD)
    client.cookies["django_language"] = "kk"
    recent = client.get(reverse("reports:report_request")).content.decode().split("<tbody>")[-1]
    assert "Іс-қимыл жоспары #" in recent and "plan #" not in recent
