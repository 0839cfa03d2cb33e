"""No anonymous API request reaches unpublished data: every GET operation of the OpenAPI document,
every open-data file."""

import csv
import io
import json

import pytest
from django.http import QueryDict

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.api.exports import DATASETS
from rightstrack.exports.services import export_rows
from rightstrack.recommendations.models import Recommendation
from tests.core.test_visibility import SECRETS


def _hidden_ids(world) -> dict:
    """For each detail path, the id of a record anonymous readers must not reach."""
    return {"/api/v1/recommendations/{pk}": world.hidden_recommendation.pk,
            "/api/v1/assessments/{pk}": world.assessment.pk,
            "/api/v1/progress-reports/{pk}": world.approved.pk,  # approved but not published
            "/api/v1/legal-acts/{pk}": world.hidden_legal_act.pk,
            "/api/v1/plans/{pk}": world.plan.pk,  # unpublished below
            "/api/v1/measures/{pk}": world.measure.pk,  # hidden with its plan
            "/api/v1/jobs/{pk}": 1}  # signed-in readers only (tests/api/test_jobs.py)


SIGNED_IN_ONLY = {"/api/v1/jobs", "/api/v1/jobs/{pk}"}  # anonymous readers are refused before any lookup


def _get_paths(client):
    spec = client.get("/api/v1/openapi.json").json()
    return [p for p, ops in spec["paths"].items() if "get" in ops and "export" not in p]


def test_every_api_read_hides_unpublished_records(client, world):
    world.plan.is_published = False
    world.plan.save()
    hidden = _hidden_ids(world)
    paths = _get_paths(client)
    assert {p for p in paths if "{pk}" in p} == set(hidden), "a new detail path needs a hidden record here"
    for path in paths:
        if path in SIGNED_IN_ONLY:
            response = client.get(path.replace("{pk}", str(hidden.get(path))))
            assert response.status_code == 401, path
        elif "{pk}" in path:
            response = client.get(path.replace("{pk}", str(hidden[path])))
            assert response.status_code == 404, path
        else:
            response = client.get(path + "?limit=1000")
            assert response.status_code == 200, path
        body = response.content.decode()
        for secret in SECRETS + ["Service model for the police"]:
            assert secret not in body, f"{secret!r} leaked on {path}"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_open_data_files_hold_published_records_only(client, world, tokens, dataset, fmt):
    from tests.api.conftest import bearer

    response = client.get(f"/api/v1/export/{dataset}.{fmt}", **bearer(tokens["administrator"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    for secret in SECRETS:
        assert secret not in body, f"{secret!r} leaked in {dataset}.{fmt}"
    if fmt == "jsonl":
        rows = [json.loads(line) for line in body.splitlines()]
        assert all("id" in row for row in rows)
    else:
        assert next(csv.reader(io.StringIO(body.lstrip("\ufeff")))) == export_rows(
            kind=dataset, user=ANONYMOUS, params=QueryDict())[0]


def test_open_data_recommendations_carry_the_published_record(client, world):
    body = b"".join(client.get("/api/v1/export/recommendations.jsonl").streaming_content).decode()
    rows = [json.loads(line) for line in body.splitlines()]
    assert [r["id"] for r in rows] == [world.recommendation.pk]
    assert rows[0]["text"].startswith("Ratify the Optional Protocol")
    csv_body = b"".join(client.get("/api/v1/export/recommendations.csv").streaming_content).decode()
    assert "A/HRC/28/10" in csv_body and len(csv_body.strip().splitlines()) == 2


def test_unknown_data_set_is_a_clean_error(client, db):
    response = client.get("/api/v1/export/users.csv")
    assert response.status_code in (404, 422) and "error" in response.json()


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","Click")', "=1+1", "+1", "-2+3", "@SUM(A1)"])
def test_open_data_csv_neutralises_formulas_like_the_exports(client, world, text):
    Recommendation.objects.filter(pk=world.recommendation.pk).update(text=text)
    api_body = b"".join(client.get("/api/v1/export/recommendations.csv").streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(api_body)) for cell in row]
    assert "'" + text in cells and text not in cells
