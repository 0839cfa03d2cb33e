"""Evidence files are served only to those who may read their report; links stay plain links."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightstrack.planning import services
from tests.factories import PASSWORD


@pytest.fixture
def evidence(world):
    return services.evidence_add(actor=world.users["focal_point"], report=world.draft, title="Order No. 5",
                                 file=SimpleUploadedFile("order.pdf", b"%PDF-1.4 order five"))


def _get(client, evidence):
    return client.get(reverse("planning:evidence_download", args=[evidence.pk]))


def test_the_reporting_institution_downloads_its_draft_evidence(client, world, evidence):
    client.login(username="focal", password=PASSWORD)
    response = _get(client, evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 order five"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("username", [None, "focal2", "viewer"])
def test_others_cannot_reach_draft_evidence(client, world, evidence, username):
    if username:
        client.login(username=username, password=PASSWORD)
    assert _get(client, evidence).status_code == 404


def test_evidence_becomes_public_with_its_published_report(client, world, evidence):
    coordinator = world.users["coordinator"]
    services.progress_report_transition(actor=world.users["focal_point"], report=world.draft, to="submitted")
    services.progress_report_transition(actor=coordinator, report=world.draft, to="approved")
    assert _get(client, evidence).status_code == 404  # approved, not yet published
    services.progress_report_publish(actor=coordinator, report=world.draft)
    assert _get(client, evidence).status_code == 200
    world.measure.is_published = False
    world.measure.save()
    assert _get(client, evidence).status_code == 404  # its measure was withdrawn


def test_pages_link_to_the_checked_download_not_the_media_path(client, world, evidence):
    client.login(username="focal", password=PASSWORD)
    page = client.get(world.draft.get_absolute_url()).content.decode()
    assert reverse("planning:evidence_download", args=[evidence.pk]) in page
    assert "/media/" not in page
