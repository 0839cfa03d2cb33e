"""Fault drills: the real worker and web processes, killed with SIGKILL or cut off from their database, on a
database of their own (SQLite, and PostgreSQL when DATABASE_URL points there)."""

import os
import sys

import pytest

from tests.drills.site import Site, postgres_url

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process handling is tested on Linux")
BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])]


@pytest.fixture(params=BACKENDS)
def site(request, tmp_path):
    """A migrated site with the test world's users, on each database the suite runs on."""
    url = None
    if request.param == "postgresql":
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        url = postgres_url(f"{base}_drill_{os.getpid()}")
    site = Site(tmp_path, url).create()
    yield site
    site.drop()
