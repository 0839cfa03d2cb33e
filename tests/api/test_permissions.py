"""API writes: a token is required, the UI's permissions apply, and a refused write changes nothing."""

import json

import pytest

from rightstrack.recommendations.models import Assessment
from tests.api.conftest import bearer
from tests.core.test_permission_matrix import ASSESSORS, MANAGERS, RESPONSIBLE, ROLES
from tests.snapshot import database_fingerprint


# operation -> (method, url from world, JSON body from world, roles allowed, success status)
WRITES = {
    "create_on_recommendation": ("post", lambda w: "/api/v1/assessments", lambda w: {
        "recommendation_id": w.recommendation.pk, "organisation_id": w.chr.pk, "rating": "partial",
        "rationale": "Seen on monitoring visits"}, ASSESSORS, 201),
    "create_on_measure": ("post", lambda w: "/api/v1/assessments", lambda w: {
        "measure_id": w.measure.pk, "organisation_id": w.chr.pk, "rating": "insufficient",
        "rationale": "Not yet in force", "evidence_url": "https://example.org/report"}, ASSESSORS, 201),
    "update": ("patch", lambda w: f"/api/v1/assessments/{w.assessment.pk}", lambda w: {
        "rating": "implemented", "rationale": "Revised after the visit"}, ASSESSORS, 200),
    "publish": ("patch", lambda w: f"/api/v1/assessments/{w.assessment.pk}", lambda w: {"is_published": True},
                ASSESSORS, 200),
    "report_create": ("post", lambda w: "/api/v1/progress-reports", lambda w: {
        "measure_id": w.measure.pk, "institution_id": w.mia.pk, "period_end": "2024-06-30",
        "narrative": "Police academies retrained", "proposed_status": "in_progress"}, RESPONSIBLE, 201),
    "report_submit": ("post", lambda w: f"/api/v1/progress-reports/{w.draft.pk}/transition",
                      lambda w: {"to": "submitted"}, RESPONSIBLE, 200),
    "report_approve": ("post", lambda w: f"/api/v1/progress-reports/{w.submitted.pk}/transition",
                       lambda w: {"to": "approved"}, MANAGERS, 200),
    "report_return": ("post", lambda w: f"/api/v1/progress-reports/{w.submitted.pk}/transition",
                      lambda w: {"to": "returned", "comment": "Attach the order"}, MANAGERS, 200),
}


def _send(client, method, url, body, token=None):
    headers = bearer(token) if token else {}
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **headers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(WRITES))
def test_api_write_obeys_role(client, world, tokens, operation, role):
    method, url, body, allowed, success = WRITES[operation]
    status_before = (world.recommendation.status, world.measure.status)
    before = database_fingerprint()
    response = _send(client, method, url(world), body(world), None if role == "anonymous" else tokens[role])
    after = database_fingerprint()
    if role in allowed:
        assert response.status_code == success, response.content
        assert before != after
    else:
        assert response.status_code == (401 if role == "anonymous" else 403) or (
            response.status_code == 404 and role != "anonymous"), response.content
        assert response.json()["error"]["status"] == response.status_code
        assert before == after, "a refused API write changed the database"
    if operation != "report_approve":  # approval sets the proposed status; nothing else may
        world.recommendation.refresh_from_db()
        world.measure.refresh_from_db()
        assert (world.recommendation.status, world.measure.status) == status_before, "a write overwrote a status"


def test_assessor_writes_for_own_organisation_only(client, world, tokens):
    before = database_fingerprint()
    response = _send(client, "post", "/api/v1/assessments", {
        "recommendation_id": world.recommendation.pk, "organisation_id": world.mia.pk, "rating": "partial",
        "rationale": "x"}, tokens["assessor"])
    assert response.status_code == 403 and before == database_fingerprint()


def test_organisation_must_be_commission_ombudsman_or_ngo(client, world, tokens):
    before = database_fingerprint()
    response = _send(client, "post", "/api/v1/assessments", {
        "recommendation_id": world.recommendation.pk, "organisation_id": world.mia.pk, "rating": "partial",
        "rationale": "x"}, tokens["administrator"])
    assert response.status_code == 403 and before == database_fingerprint()


@pytest.mark.parametrize("body,status", [
    ({"organisation_id": 1, "rating": "partial", "rationale": "x"}, 422),  # no target
    ({"recommendation_id": 1, "measure_id": 1, "organisation_id": 1, "rating": "partial", "rationale": "x"}, 422),
    ({"recommendation_id": 1, "organisation_id": 1, "rating": "great", "rationale": "x"}, 422),
    ({"recommendation_id": 1, "organisation_id": 1, "rating": "partial", "rationale": ""}, 422),
    ({"recommendation_id": 1, "organisation_id": 1, "rating": "partial", "rationale": "a\x00b"}, 422),
    ({"recommendation_id": 1, "organisation_id": 1, "rating": "partial", "rationale": "x",
      "evidence_url": "not a url"}, 422),
    ({"recommendation_id": 999999, "organisation_id": 1, "rating": "partial", "rationale": "x"}, 404),
])
def test_bad_input_is_refused_cleanly(client, world, tokens, body, status):
    body = {k: (world.recommendation.pk if k == "recommendation_id" and v == 1 else
                world.chr.pk if k == "organisation_id" else v) for k, v in body.items()}
    before = database_fingerprint()
    response = _send(client, "post", "/api/v1/assessments", body, tokens["assessor"])
    assert response.status_code == status, response.content
    assert response.json()["error"]["status"] == status
    assert before == database_fingerprint()


def test_published_assessment_sits_beside_the_status_on_the_portal(client, world, tokens):
    response = _send(client, "post", "/api/v1/assessments", {
        "recommendation_id": world.recommendation.pk, "organisation_id": world.chr.pk, "rating": "not_implemented",
        "rationale": "The protocol is still not ratified"}, tokens["assessor"])
    pk = response.json()["id"]
    page = client.get(f"/public/recommendations/{world.recommendation.pk}/").content.decode()
    assert "The protocol is still not ratified" not in page  # not published yet
    assert _send(client, "patch", f"/api/v1/assessments/{pk}", {"is_published": True},
                 tokens["assessor"]).status_code == 200
    page = client.get(f"/public/recommendations/{world.recommendation.pk}/").content.decode()
    assert "The protocol is still not ratified" in page and "Not started" in page
    assert Assessment.objects.get(pk=pk).history.count() == 2


def test_assessment_form_offers_only_assessing_organisations(client, world):
    from tests.factories import PASSWORD

    client.login(username="admin", password=PASSWORD)
    before = database_fingerprint()
    response = client.post(f"/recommendations/assess/recommendation/{world.recommendation.pk}/",
                           {"organisation": world.mia.pk, "rating": "partial", "rationale": "x"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert before == database_fingerprint()


@pytest.mark.parametrize("path,body", [
    (lambda w: f"/api/v1/progress-reports/{w.draft.pk}/transition", {"to": "approved"}),  # skips submission
    (lambda w: f"/api/v1/progress-reports/{w.submitted.pk}/transition", {"to": "returned"}),  # no comment
    (lambda w: f"/api/v1/progress-reports/{w.approved.pk}/transition", {"to": "submitted"}),
    (lambda w: f"/api/v1/progress-reports/{w.submitted.pk}/transition", {"to": "draft"}),
])
def test_workflow_refusals_are_422_and_change_nothing(client, world, tokens, path, body):
    before = database_fingerprint()
    response = _send(client, "post", path(world), body, tokens["coordinator"])
    assert response.status_code == 422 and response.json()["error"]["message"], response.content
    assert before == database_fingerprint()


def test_report_approved_through_the_api_sets_the_status_like_the_ui(client, world, tokens):
    response = _send(client, "post", f"/api/v1/progress-reports/{world.submitted.pk}/transition",
                     {"to": "approved"}, tokens["coordinator"])
    assert response.json()["state"] == "approved"
    world.measure.refresh_from_db()
    assert world.measure.status == "in_progress"
    assert world.measure.history.first().history_change_reason.startswith("status from approved progress report")
