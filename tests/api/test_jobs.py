"""/jobs: the one endpoint for every kind of job, polled by the pages that follow one."""

from django.urls import reverse

from tests.api.conftest import bearer
from tests.factories import PASSWORD


def test_the_api_gives_one_shape_for_every_kind(client, jobs):
    client.login(username="coord", password=PASSWORD)  # the pages poll with their session
    listed = client.get(reverse("api:job_list")).json()
    assert listed["count"] == 3 and {job["kind"] for job in listed["items"]} == {"import-stage", "tag", "report"}
    report = client.get(reverse("api:job_detail", args=[jobs["report"].job.pk])).json()
    assert (report["state"], report["percent"], report["owner"]) == ("done", 100, "viewer")
    assert report["object_type"] == "reports.report" and report["object_id"] == jobs["report"].pk
    assert report["summary"] == jobs["report"].file_name
    assert report["url"] == reverse("reports:report_download", args=[jobs["report"].pk])
    tagging = client.get(reverse("api:job_detail", args=[jobs["tag"].pk])).json()
    assert (tagging["state"], tagging["error"], tagging["title"]) == ("failed", "Model not found", "SDG goal")
    only_tags = client.get(reverse("api:job_list"), {"kind": "tag"}).json()
    assert [job["id"] for job in only_tags["items"]] == [jobs["tag"].pk]
    assert client.get(reverse("api:job_list"), {"kind": "nonsense"}).status_code == 422


def test_the_api_shows_other_staff_their_own_jobs_and_refuses_anonymous_readers(client, jobs, tokens):
    url = reverse("api:job_detail", args=[jobs["tag"].pk])
    assert client.get(url).status_code == 401
    assert client.get(url, **bearer(tokens["viewer"])).status_code == 404  # not theirs
    assert client.get(url, **bearer(tokens["coordinator"])).json()["kind"] == "tag"
    mine = client.get(reverse("api:job_list"), **bearer(tokens["viewer"])).json()
    assert [job["kind"] for job in mine["items"]] == ["report"]
