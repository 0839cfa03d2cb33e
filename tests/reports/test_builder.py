"""The report builder: pickers of existing records, only the chosen kind's fields, every check before a job."""

import pytest
from django.urls import reverse
from django.utils import translation

from rightstrack.planning.models import ActionPlan, ActionPlanVersion
from rightstrack.reports.content import build_report
from rightstrack.reports.forms import ReportRequestForm, natural_key
from rightstrack.reports.models import Report
from rightstrack.reports.selectors import ChartFilters
from rightstrack.taxonomy.models import Term, Vocabulary
from tests.factories import PASSWORD

BASE = {"kind": "mechanism", "format": "xlsx", "language": "en"}


def _post(client, **fields):
    client.login(username="coord", password=PASSWORD)
    return client.post(reverse("reports:report_request"), {**BASE, **fields})


@pytest.mark.parametrize("kind,missing", [
    ("mechanism", ["mechanism"]), ("theme", ["theme"]), ("institution", ["institution"]), ("plan", ["plan"]),
    ("plan-diff", ["plan", "from_version", "to_version"]),
])
def test_each_kind_needs_its_own_fields(world, kind, missing):
    form = ReportRequestForm({**BASE, "kind": kind}, user=world.users["coordinator"])
    assert not form.is_valid()
    assert sorted(form.errors) == sorted(missing)


@pytest.mark.parametrize("fields", [
    {"mechanism": "NOPE"}, {"mechanism": "UPR", "cycle": "7"}, {"kind": "theme", "theme": "Z99"},
    {"kind": "institution", "institution": "999999"}, {"kind": "plan", "plan": "999999"},
])
def test_unknown_values_are_form_errors_and_no_job_is_created(client, world, fields):
    response = _post(client, **fields)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Report.objects.exists()


def test_a_request_that_would_fail_in_the_worker_is_refused_before_a_job_exists(client, world):
    world.recommendation.delete()
    world.hidden_recommendation.delete()  # UPR now has no recommendation: the build would fail at 0 %
    response = _post(client, mechanism="UPR")
    assert response.status_code == 400 and "No recommendation matches these filters." in response.content.decode()
    assert not Report.objects.exists()


def test_plan_diff_versions_must_belong_to_the_plan_and_differ(client, world):
    v2 = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Amendment")
    other = ActionPlan.objects.create(title="Another plan")
    foreign = ActionPlanVersion.objects.create(plan=other, number=1, label="Other decree")
    response = _post(client, kind="plan-diff", plan=world.plan.pk, from_version=foreign.pk, to_version=v2.pk)
    assert "Pick a version of the chosen plan." in response.content.decode()
    response = _post(client, kind="plan-diff", plan=world.plan.pk, from_version=v2.pk, to_version=v2.pk)
    assert "Pick two different versions." in response.content.decode()
    assert not Report.objects.exists()
    response = _post(client, kind="plan-diff", plan=world.plan.pk, from_version=world.plan.versions.get(number=1).pk,
                     to_version=v2.pk)
    job = Report.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.params["options"]["from"] == 1 and job.params["options"]["to"] == 2  # version numbers, not ids


def test_fields_of_other_kinds_are_ignored(client, world):
    """A bad value in a field the chosen kind does not use neither blocks the request nor reaches the job."""
    _post(client, mechanism="UPR", cycle="2", plan="999999", theme="Z99", institution="oops", period_from="2014-01-01")
    job = Report.objects.get()
    assert job.params["query"] == "mechanism=UPR&cycle=2&period_from=2014-01-01"
    assert job.params["options"]["plan"] is None


def test_pickers_are_labelled_by_name_and_themes_sort_naturally(world):
    Term.objects.create(vocabulary=Vocabulary.THEME, code="D3", name="Freedom of religion",
                        translations={"name": {"ru": "Свобода вероисповедания"}})
    with translation.override("ru"):
        form = ReportRequestForm(user=world.users["coordinator"])
        themes = [label for _value, label in form.fields["theme"].choices][1:]
    # as the facets name them, and marked where a name has no Russian yet
    assert themes == ["D3 Свобода вероисповедания", "D23 Death penalty (EN)", "D25 Prohibition of torture (EN)"]
    form = ReportRequestForm(user=world.users["coordinator"])
    assert ("UPR", "Universal Periodic Review (UPR)") in form.fields["mechanism"].choices
    assert (world.mia.pk, "Ministry of Internal Affairs (MIA)") in form.fields["institution"].choices
    assert (world.plan.pk, "Action Plan on Human Rights") in form.fields["plan"].choices
    assert (2, "2") in form.fields["cycle"].choices
    assert natural_key("A10") > natural_key("A9")


def test_the_page_groups_fields_by_kind_and_loads_its_script(client, world):
    client.login(username="coord", password=PASSWORD)
    page = client.get(reverse("reports:report_request")).content.decode()
    assert "report_request.js" in page and 'data-kinds="plan plan-diff"' in page
    assert "<legend>Mechanism report</legend>" in page and "<legend>Action plan reports</legend>" in page


def test_mechanism_report_lists_each_recommendations_measures_with_lead_and_latest_approved_progress(world):
    report = build_report(kind="mechanism", user=world.users["coordinator"],
                          filters=ChartFilters(mechanism=["UPR"]))
    rows = [row for section in report.sections for row in section.rows]
    first = next(i for i, row in enumerate(rows) if row[0] == "A/HRC/28/10 ¶124.1")
    assert rows[first + 1] == ["↳ Measure 1", "Service model for the police", "", "Not started", "MIA",
                               "Approved narrative"]
    section = next(s for s in report.sections if rows[first] in s.rows)
    assert section.rows.index(rows[first]) + 1 in section.detail_rows


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_report_language_starts_as_the_readers_language(client, world, lang):
    client.login(username="coord", password=PASSWORD)
    client.cookies["django_language"] = lang
    form = client.get(reverse("reports:report_request")).context["form"]
    assert form["language"].value() == lang
    assert client.get(reverse("reports:report_request"), {"language": "en"}).context["form"]["language"].value() == "en"
