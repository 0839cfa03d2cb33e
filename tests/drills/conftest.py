"""Fault drills: the real worker and web processes, killed with SIGKILL or cut off from their database, on a
database of their own: the one the suite runs on (SQLite, or PostgreSQL when DATABASE_URL points there), so CI's two
runs drill each database once."""

import os
import sys

import pytest

from tests.drills.site import Site, postgres_url

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process handling is tested on Linux")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
BACKENDS = ["postgresql"] if ON_POSTGRES else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def site(request, tmp_path):
    """A migrated site with the test world's users, on the database the suite runs on."""
    url = None
    if request.param == "postgresql":
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        url = postgres_url(f"{base}_drill_{os.getpid()}")
    site = Site(tmp_path, url).create()
    yield site
    site.drop()
