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


def _url(suffix: str) -> str | None:
    """The URL of a PostgreSQL database of this test process's own, in the PostgreSQL run; None on SQLite."""
    if not ON_POSTGRES:
        return None
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    return postgres_url(f"{base}_{suffix}_{os.getpid()}")


@pytest.fixture(scope="session")
def site_template(tmp_path_factory):
    """A migrated site with the test world's users and its search index built, once per test process."""
    template = Site(tmp_path_factory.mktemp("drill-template"), _url("drill_template")).create()
    yield template
    template.drop()


@pytest.fixture(params=BACKENDS)
def site(tmp_path, site_template):
    """A site of its own for one drill, copied from the template, on the database the suite runs on."""
    site = Site(tmp_path, _url("drill")).copy_of(site_template)
    yield site
    site.drop()
