"""Fault drills: the real worker and web processes, killed with SIGKILL or cut off from their database, on a
database of their own: the one the suite runs on (SQLite, or PostgreSQL when DATABASE_URL points there), so CI's two
runs drill each database once."""

import os
import sys

import pytest
from filelock import FileLock

from tests.drills.site import Site, drill_url

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process handling is tested on Linux")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
BACKENDS = ["postgresql"] if ON_POSTGRES else ["sqlite"]


def _url(suffix: str) -> str | None:
    """A PostgreSQL database's URL for the drills in the PostgreSQL run; None on SQLite."""
    return drill_url(suffix) if ON_POSTGRES else None


@pytest.fixture(scope="session")
def site_template(tmp_path_factory, pytestconfig):
    """A migrated site with the test world's users and its search index built, once per run: the first test
    process that needs it builds it while the others wait, then each drill copies it (pytest-xdist's recipe for a
    session fixture made once: its workers' temporary folders share a parent, the run's own)."""
    folder = tmp_path_factory.getbasetemp()
    folder = folder.parent if hasattr(pytestconfig, "workerinput") else folder
    with FileLock(folder / "drill-template.lock"):
        template = Site(folder / "drill-template", _url("drill_template"))
        if not (folder / "drill-template.ready").exists():
            template.data_dir.mkdir(exist_ok=True)
            template.create()  # on PostgreSQL, in place of any template an interrupted run left
            (folder / "drill-template.ready").touch()
    return template


@pytest.fixture(params=BACKENDS)
def site(tmp_path, site_template):
    """A site of its own for one drill, copied from the template, on the database the suite runs on."""
    site = Site(tmp_path, _url(f"drill_{os.getpid()}")).copy_of(site_template)
    yield site
    site.drop()
