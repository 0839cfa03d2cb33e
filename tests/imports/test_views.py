"""Web import: upload, mapping, staged review, commit (jobs run by the database worker), and who may see it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from rightstrack.imports.models import StagedImport
from rightstrack.recommendations.models import Recommendation
from tests.factories import PASSWORD
from tests.imports.conftest import csv_bytes, uhri_row

pytestmark = pytest.mark.django_db(transaction=True)  # the jobs are enqueued on commit


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _upload(client, name, data, fmt=""):
    response = client.post(reverse("imports:import_create"), {"file": SimpleUploadedFile(name, data), "format": fmt})
    assert response.status_code == 302, response.content[:2000]
    return StagedImport.objects.latest("pk")


def test_upload_stage_review_and_commit(client, terms):
    client.login(username="coord", password=PASSWORD)
    staged = _upload(client, "uhri.csv", csv_bytes([uhri_row(1), uhri_row(2, Themes="- Unknown theme")]))
    assert staged.state == "queued" and staged.format == "uhri"
    job = client.get(reverse("api:job_detail", args=[staged.job.pk])).json()  # what the page polls
    assert (job["kind"], job["state"], job["percent"]) == ("import-stage", "queued", 0)
    _work()
    staged.refresh_from_db()
    assert staged.state == "staged" and staged.counts["created"] == 1 and staged.counts["rejected"] == 1
    page = client.get(staged.get_absolute_url()).content.decode()
    assert "unknown theme &#x27;Unknown theme&#x27;" in page and "Rejected rows" in page
    assert not Recommendation.objects.filter(external_id__startswith="6f1c").exists()  # staging writes nothing
    refused = client.post(reverse("imports:import_commit", args=[staged.pk]), {})
    assert refused.status_code == 400 and "Some rows are rejected" in refused.content.decode()
    client.post(reverse("imports:import_commit", args=[staged.pk]), {"partial": "on"})
    _work()
    staged.refresh_from_db()
    assert staged.state == "committed" and staged.counts["created"] == 1
    assert [(job.kind, job.state, job.percent) for job in staged.jobs.all()] == [
        ("import-write", "done", 100), ("import-stage", "done", 100)]
    assert Recommendation.objects.filter(external_id__startswith="6f1c").count() == 1


def test_a_table_without_known_columns_asks_for_a_mapping(client, world):
    client.login(username="coord", password=PASSWORD)
    data = csv_bytes([{"Документ": "A/HRC/9/1", "Орган": "UPR", "Текст": "Привет"}],
                     headers=["Документ", "Орган", "Текст"], encoding="cp1251", delimiter=";")
    staged = _upload(client, "ru.csv", data, "tabular")
    assert staged.state == "mapping"
    page = client.get(staged.get_absolute_url()).content.decode()
    assert "Map the columns" in page and "Документ" in page
    client.post(reverse("imports:import_mapping_update", args=[staged.pk]),
                {"column_0": "document", "column_1": "mechanism", "column_2": "text"})
    _work()
    staged.refresh_from_db()
    assert staged.state == "staged" and staged.counts["created"] == 1, staged.message
    client.post(reverse("imports:import_commit", args=[staged.pk]), {})
    _work()
    assert Recommendation.objects.get(source_document__symbol="A/HRC/9/1").text == "Привет"


def test_unusable_upload_is_refused_on_the_form(client, world):
    client.login(username="coord", password=PASSWORD)
    response = client.post(reverse("imports:import_create"),
                           {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04nope"), "format": ""})
    assert response.status_code == 400 and "not a readable XLSX workbook" in response.content.decode()
    assert not StagedImport.objects.exists()


@pytest.mark.parametrize("username,code", [("viewer", 403), ("focal", 403), ("coord", 200)])
def test_only_managers_see_imports(client, world, username, code):
    client.login(username=username, password=PASSWORD)
    assert client.get(reverse("imports:import_list")).status_code == code
    assert ('href="/imports/"' in client.get(reverse("dashboards:home")).content.decode()) == (code == 200)


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(reverse("imports:import_list"))["Location"].startswith(reverse("accounts:login"))


def test_the_progress_page_works_without_javascript(client, world):
    from tests.imports.factories import staged_import

    staged = staged_import(world, StagedImport.State.STAGING)
    client.login(username="coord", password=PASSWORD)
    page = client.get(staged.get_absolute_url()).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page and "<progress" in page
    assert reverse("api:job_detail", args=[staged.job.pk]) in page  # what job_progress.js polls
    staged.state = StagedImport.State.STAGED
    staged.save()
    assert "http-equiv" not in client.get(staged.get_absolute_url()).content.decode()


def test_a_failed_import_can_be_checked_again_from_its_page(client, terms):
    client.login(username="coord", password=PASSWORD)
    staged = _upload(client, "uhri.csv", csv_bytes([uhri_row(1)]))
    _work()
    retry = reverse("imports:import_retry", args=[staged.pk])
    assert client.post(retry).status_code == 400  # staged, not failed: nothing to start again
    StagedImport.objects.filter(pk=staged.pk).update(state="failed", message="The job worker stopped")
    page = client.get(staged.get_absolute_url()).content.decode()
    assert "Check the rows again" in page and "The job worker stopped" in page
    assert client.post(retry).status_code == 302
    staged.refresh_from_db()
    assert (staged.state, staged.message, staged.job.kind) == ("queued", "", "import-stage")
    _work()
    staged.refresh_from_db()
    assert staged.state == "staged" and staged.counts["created"] == 1


def test_a_russian_coordinator_reviews_the_staged_rows_in_russian(client, terms, world):
    """The action of each row and the reason a row is rejected, both once left in English on a Russian page."""
    client.login(username="coord", password=PASSWORD)
    client.cookies["django_language"] = "ru"  # picked in this browser; the account's saved language is English
    staged = _upload(client, "uhri.csv", csv_bytes([uhri_row(1), uhri_row(2, **{"UPR Position": "Maybe"})]))
    _work()
    page = client.get(staged.get_absolute_url()).content.decode()
    rows = page.split('id="staged-rows"')[1].split("</table>")[0]
    assert "<td>Создано</td>" in rows and "created" not in rows
    assert "неизвестное значение" in page and "unknown value" not in page
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert heading.endswith('<span class="count">Выгрузка из UHRI</span>'), heading  # the format by name, not code
    listed = client.get(reverse("imports:import_list")).content.decode()
    assert "<td>Выгрузка из UHRI</td>" in listed and "<td>uhri</td>" not in listed
