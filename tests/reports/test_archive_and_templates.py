"""Saved report templates (save, build again, owner-only delete) and the archive of every report built."""

from django.urls import reverse

from rightstrack.reports.models import Report, ReportTemplate
from tests.factories import PASSWORD
from tests.reports.builds import build, report_queued

REQUEST = {"kind": "mechanism", "format": "xlsx", "language": "en", "mechanism": "UPR", "cycle": "2",
           "group_by": "cluster"}


def _save(client, name="UPR mid-term"):
    return client.post(reverse("reports:report_request"), {**REQUEST, "action": "save", "template_name": name})


def test_save_as_template_then_build_gives_a_job_with_the_same_parameters(client, world):
    client.login(username="coord", password=PASSWORD)
    assert _save(client)["Location"] == reverse("reports:report_template_list")
    template = ReportTemplate.objects.get()
    assert not Report.objects.exists()  # saving builds nothing
    page = client.get(reverse("reports:report_template_list")).content.decode()
    assert "UPR mid-term" in page and "Mechanism: UPR, cycle 2" in page
    client.post(reverse("reports:report_request"), REQUEST)
    direct = Report.objects.get()
    response = client.post(reverse("reports:report_template_build", args=[template.pk]))
    job = Report.objects.exclude(pk=direct.pk).get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.format, job.language, job.params) == (direct.kind, direct.format, direct.language,
                                                                 direct.params)


def test_a_template_needs_a_name(client, world):
    client.login(username="coord", password=PASSWORD)
    response = _save(client, name=" ")
    assert response.status_code == 400 and "Name the template." in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_only_the_owner_deletes_a_template_after_confirming(client, world):
    client.login(username="coord", password=PASSWORD)
    _save(client)
    template = ReportTemplate.objects.get()
    url = reverse("reports:report_template_delete", args=[template.pk])
    client.login(username="admin", password=PASSWORD)
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert client.post(reverse("reports:report_template_build", args=[template.pk])).status_code == 404
    client.login(username="coord", password=PASSWORD)
    assert client.post(url, {}).status_code == 400  # not confirmed
    assert ReportTemplate.objects.exists()
    assert client.post(url, {"confirm": "on"})["Location"] == reverse("reports:report_template_list")
    assert not ReportTemplate.objects.exists()
    assert ReportTemplate.history.filter(history_type="-", history_user=world.users["coordinator"]).exists()


def test_archive_lists_reports_in_words_filters_them_and_downloads(client, world):
    client.login(username="viewer", password=PASSWORD)
    client.post(reverse("reports:report_request"), REQUEST)
    client.login(username="coord", password=PASSWORD)
    client.post(reverse("reports:report_request"), {**REQUEST, "kind": "institution",
                                                    "institution": world.mia.pk, "format": "csv"})
    viewer_job, coord_job = Report.objects.order_by("pk")
    build(viewer_job)
    page = client.get(reverse("reports:report_archive")).content.decode()
    assert "Mechanism: UPR, cycle 2" in page and "Institution: Ministry of Internal Affairs" in page
    assert "viewer" in page and "XLSX" in page and "Done" in page and "Queued" in page
    download = reverse("reports:report_download", args=[viewer_job.pk])
    assert download in page
    response = client.get(download)
    viewer_job.refresh_from_db()
    assert b"".join(response.streaming_content) == viewer_job.path.read_bytes()
    page = client.get(reverse("reports:report_archive"), {"kind": "institution"}).content.decode()
    assert "Mechanism: UPR" not in page and "Institution: Ministry" in page
    page = client.get(reverse("reports:report_archive"),
                      {"requested_by": world.users["viewer"].pk}).content.decode()
    assert "Mechanism: UPR" in page and "Institution: Ministry" not in page
    client.login(username="viewer", password=PASSWORD)  # other staff see their own reports only
    page = client.get(reverse("reports:report_archive")).content.decode()
    assert "Mechanism: UPR" in page and "Institution: Ministry" not in page


def test_archive_and_templates_refuse_anonymous_visitors(client, world):
    job = report_queued(world.users["coordinator"], kind="mechanism", format="xlsx",
                        params={"query": "mechanism=UPR", "options": {}})
    build(job)
    for url in (reverse("reports:report_archive"), reverse("reports:report_template_list"),
                reverse("reports:report_download", args=[job.pk])):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


def test_archive_is_linked_from_the_nav_and_the_dashboards(client, world):
    assert reverse("reports:report_archive") not in client.get(reverse("dashboards:dashboard")).content.decode()
    client.login(username="viewer", password=PASSWORD)
    page = client.get(reverse("dashboards:dashboard")).content.decode()
    assert page.count(reverse("reports:report_archive")) == 2
