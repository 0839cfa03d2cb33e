"""Weak validation (finding 12): the API refuses implausible dates and booleans as ids; passwords like the
username are refused."""

import json

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.api.conftest import bearer
from tests.snapshot import database_fingerprint


def _report(world, **changes) -> dict:
    return {"measure_id": world.measure.pk, "institution_id": world.mia.pk, "period_end": "2024-06-30",
            "narrative": "Police academies retrained", "proposed_status": "in_progress", **changes}


@pytest.mark.parametrize("changes", [{"period_end": "0001-01-01"}, {"period_end": "9999-12-31"},
                                     {"institution_id": True}, {"measure_id": True}, {"institution_id": False}])
def test_the_api_refuses_implausible_dates_and_booleans_as_ids(client, world, tokens, changes):
    before = database_fingerprint()
    response = client.post("/api/v1/progress-reports", json.dumps(_report(world, **changes)),
                           content_type="application/json", **bearer(tokens["coordinator"]))
    assert response.status_code == 422, response.content
    assert database_fingerprint() == before


def test_the_api_still_takes_a_plausible_report(client, world, tokens):
    response = client.post("/api/v1/progress-reports", json.dumps(_report(world)), content_type="application/json",
                           **bearer(tokens["coordinator"]))
    assert response.status_code == 201


@pytest.mark.parametrize("password", ["coordinator1", "Coordinator!", "coordinator-2024"])
def test_a_password_like_the_username_is_refused(world, password):
    user = world.users["coordinator"]
    user.username = "coordinator"
    with pytest.raises(ValidationError):
        validate_password(password, user=user)
