"""The one jobs page: imports, tagging and indexing jobs and report builds in one table, each reader seeing the
jobs they may follow."""

from django.urls import reverse

from tests.factories import PASSWORD


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
    assert reverse("jobs:job_list") in client.get(reverse("tagreview:tag_review")).content.decode()
