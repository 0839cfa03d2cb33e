"""Property-based API tests from the OpenAPI document: no generated request may produce a 5xx.

Runs in-process against the WSGI application, a bounded number of examples per operation.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from rightstrack.api.models import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
EXAMPLES = 8


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the raw WSGI handler would close the test's DB connection after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def write_tokens(world) -> dict:
    """A token of the role that may write on each path (a coordinator's elsewhere), so generated writes get past
    the permission check."""
    return {"assessments": api_token_create(user=world.users["assessor"])[1],
            "progress-reports": api_token_create(user=world.users["coordinator"])[1]}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_anonymous_requests_never_get_a_server_error(case, world):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


@schema.parametrize()  # every operation: writes get past the permission check, reads see unpublished records
@settings(max_examples=EXAMPLES * 2, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_authenticated_requests_never_get_a_server_error(case, write_tokens):
    token = write_tokens["assessments" if "assessments" in case.path else "progress-reports"]
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[not_a_server_error])
