"""API fixtures: one bearer token per role of the shared world."""

import pytest

from rightstrack.api.models import api_token_create
from tests.jobs.conftest import jobs  # noqa: F401 (one job of each kind, for tests/api/test_jobs.py)


@pytest.fixture
def tokens(world) -> dict[str, str]:
    return {role: api_token_create(user=user, name="tests")[1] for role, user in world.users.items()}


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
