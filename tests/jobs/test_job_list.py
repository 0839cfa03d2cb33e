"""The one jobs page and the one jobs API endpoint: imports, tagging and indexing jobs and report builds, in one
table, each reader seeing the jobs they may follow."""

import pytest
from django.urls import reverse

from rightstrack.imports.models import StagedImport
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from tests.factories import PASSWORD
from tests.reports.builds import build, report_queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(world, settings, tmp_path):
    """An import's finished check, a failed tagging job, and a report built for the viewer."""
    settings.REPORTS_DIR = tmp_path
    coordinator = world.users["coordinator"]
    staged = StagedImport.objects.create(original_name="uhri.csv", format="uhri", created_by=coordinator,
                                         state=StagedImport.State.STAGED)
    checked = job_enqueue(kind=Job.Kind.IMPORT_STAGE, owner=coordinator, obj=staged)
    Job.objects.filter(pk=checked.pk).update(state=Job.State.DONE, result={"created": 3, "updated": 1,
                                                                           "unchanged": 0, "rejected": 2})
    tagging = job_enqueue(kind=Job.Kind.TAG, owner=coordinator, params={"taxonomy": "sdg"})
    Job.objects.filter(pk=tagging.pk).update(state=Job.State.FAILED, error="Model not found")
    report = report_queued(world.users["viewer"], kind="mechanism", format="xlsx",
                           params={"query": "mechanism=UPR", "options": {}})
    assert build(report) == "done"
    report.refresh_from_db()
    return {"import": checked, "tag": tagging, "report": report}


def test_jobs_page_lists_one_job_of_each_kind(client, jobs, django_assert_max_num_queries):
    client.login(username="coord", password=PASSWORD)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("jobs:job_list")).content.decode()
    assert "uhri.csv" in page and "created 3, updated 1, unchanged 0, rejected 2" in page
    assert "Suggest tags" in page and "SDG goal" in page and "Model not found" in page and "coord" in page
    report = jobs["report"]
    assert report.file_name in page and reverse("reports:report_download", args=[report.pk]) in page
    assert page.count('class="badge') == 3 and "Failed" in page and page.count("Done") >= 2
    only_reports = client.get(reverse("jobs:job_list"), {"kind": "report"}).content.decode()
    assert report.file_name in only_reports and "uhri.csv" not in only_reports


def test_other_staff_see_their_own_jobs_only(client, jobs):
    assert client.get(reverse("jobs:job_list"))["Location"].startswith(reverse("accounts:login"))
    client.login(username="viewer", password=PASSWORD)
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert jobs["report"].file_name in page and "uhri.csv" not in page and "Model not found" not in page
    assert "Rebuild the search index" not in page  # a coordinator's button
    assert client.get(reverse("jobs:job_detail", args=[jobs["tag"].pk])).status_code == 404
    assert client.get(reverse("jobs:job_detail", args=[jobs["report"].job.pk])).status_code == 200


def test_the_jobs_page_is_linked_from_tag_review(client, world):
    client.login(username="coord", password=PASSWORD)
    assert reverse("jobs:job_list") in client.get(reverse("search:tag_review")).content.decode()
