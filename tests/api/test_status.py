"""Through the API, approving a report that moves a measure moves the recommendations it answers."""


from tests.api.conftest import bearer


def test_approving_through_the_api_moves_the_answered_recommendations(client, world, tokens):
    url = f"/api/v1/recommendations/{world.recommendation.pk}"
    before = client.get(url).json()
    assert (before["status"], before["derived_status"]) == ("not_started", "not_started")
    report = client.post("/api/v1/progress-reports", {
        "measure_id": world.measure.pk, "institution_id": world.mia.pk, "period_end": "2024-06-30",
        "narrative": "The law entered into force.", "proposed_status": "implemented"},
        content_type="application/json", **bearer(tokens["focal_point"])).json()
    for to, role in (("submitted", "focal_point"), ("approved", "coordinator")):
        response = client.post(f"/api/v1/progress-reports/{report['id']}/transition", {"to": to},
                               content_type="application/json", **bearer(tokens[role]))
        assert response.status_code == 200, response.content
    after = client.get(url).json()
    assert (after["status"], after["derived_status"], after["status_override"]) == ("implemented", "implemented", "")
    assert after["lead_institution"] == "MIA"
