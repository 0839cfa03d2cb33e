"""The one jobs page: imports, tagging and indexing jobs and report builds, in one table."""

import pytest
from django.urls import reverse

from rightstrack.imports.models import StagedImport
from rightstrack.reports.models import ReportJob
from rightstrack.reports.tasks import build_report_job
from rightstrack.search.models import Job
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_jobs_page_lists_one_job_of_each_kind(client, world, settings, tmp_path, django_assert_max_num_queries):
    settings.REPORTS_DIR = tmp_path
    coordinator = world.users["coordinator"]
    StagedImport.objects.create(original_name="uhri.csv", format="uhri", created_by=coordinator,
                                state=StagedImport.State.COMMITTED, progress=1.0,
                                counts={"created": 3, "updated": 1, "unchanged": 0, "rejected": 2})
    Job.objects.create(kind=Job.Kind.TAG, params={"taxonomy": "sdg"}, status=Job.Status.FAILED,
                       message="Model not found", created_by=coordinator)
    report = ReportJob.objects.create(requested_by=world.users["viewer"], kind="mechanism", format="xlsx",
                                      params={"query": "mechanism=UPR", "options": {}})
    build_report_job.call(report.pk)
    report.refresh_from_db()
    client.login(username="coord", password=PASSWORD)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("jobs:job_list")).content.decode()
    assert "uhri.csv" in page and "created 3, updated 1, unchanged 0, rejected 2" in page
    assert "Suggest tags" in page and "Model not found" in page and "coord" in page
    assert report.file_name in page and reverse("reports:report_job_download", args=[report.pk]) in page
    assert page.count('class="badge') == 3 and "Failed" in page and page.count("Done") >= 1


def test_jobs_page_is_for_coordinators_and_linked_from_review(client, world):
    assert client.get(reverse("jobs:job_list"))["Location"].startswith(reverse("accounts:login"))
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("jobs:job_list")).status_code == 403
    client.login(username="coord", password=PASSWORD)
    assert reverse("jobs:job_list") in client.get(reverse("search:tag_review")).content.decode()
