"""Bad input: stale forms, forged requests and invalid data give a clear error and change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.snapshot import database_fingerprint


def _edit(world, **extra):
    return {"source_document": world.document.pk, "paragraph": "124.1", "text": "Edited text", "language": "en",
            "response": "supported", "status": "in_progress", **extra}


def test_stale_form_is_refused_with_a_message(client, world):
    client.login(username="coord", password=PASSWORD)
    url = reverse("recommendations:recommendation_update", args=[world.recommendation.pk])
    stale = world.recommendation.revision
    assert client.post(url, _edit(world, revision=stale)).status_code == 302  # first edit wins
    before = database_fingerprint()
    response = client.post(url, _edit(world, revision=stale, text="Overwrites the first edit"))
    assert response.status_code == 400
    assert "Someone else saved this record" in response.content.decode()
    assert database_fingerprint() == before


def test_forged_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="coord", password=PASSWORD)
    before = database_fingerprint()
    response = client.post(reverse("recommendations:recommendation_delete", args=[world.recommendation.pk]),
                           {"confirm": "on"})
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_invalid_input_shows_field_errors_and_writes_nothing(client, world):
    client.login(username="coord", password=PASSWORD)
    before = database_fingerprint()
    response = client.post(reverse("recommendations:recommendation_create"),
                           {"source_document": 999999, "text": "", "response": "maybe"})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"source_document", "text", "response"} <= set(form.errors)
    assert database_fingerprint() == before


def test_duplicate_paragraph_is_a_form_error_not_a_500(client, world):
    client.login(username="coord", password=PASSWORD)
    response = client.post(reverse("recommendations:recommendation_create"),
                           _edit(world, paragraph="124.2", status="not_started"))
    assert response.status_code == 400
    assert "paragraph" in response.content.decode().lower()


def test_evidence_needs_a_file_or_a_link(client, world):
    client.login(username="focal", password=PASSWORD)
    response = client.post(reverse("planning:evidence_add", args=[world.draft.pk]), {"title": "Nothing attached"})
    assert response.status_code == 400
    assert world.draft.evidence.count() == 0


def test_evidence_file_upload_is_stored(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username="focal", password=PASSWORD)
    upload = SimpleUploadedFile("order.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse("planning:evidence_add", args=[world.draft.pk]),
                           {"title": "Order", "file": upload})
    assert response.status_code == 302
    evidence = world.draft.evidence.get()
    assert evidence.file.read() == b"%PDF-1.4 test"


def test_cancel_on_a_form_is_a_plain_link_back_to_the_record(client, world):
    """The Content-Security-Policy blocks javascript: URLs, so Cancel must be a real link."""
    client.force_login(world.users["coordinator"])
    page = client.get(f"/recommendations/{world.recommendation.pk}/edit/").content.decode()
    assert "javascript:" not in page
    assert f'href="/recommendations/{world.recommendation.pk}/">Cancel</a>' in page


@pytest.mark.parametrize("url_name", ["recommendations:recommendation_create", "planning:measure_update"])
def test_a_form_page_title_is_its_title_alone(client, world, url_name):
    """The browser tab and history show the form's title; a script tag once leaked into it as text."""
    client.login(username="coord", password=PASSWORD)
    args = [world.measure.pk] if url_name == "planning:measure_update" else []
    html = client.get(reverse(url_name, args=args)).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "script" not in title
    assert title.endswith(" · rightstrack")
