"""PostgreSQL restarted under load, on a throwaway cluster of its own (the shared server is left alone): the
worker and the web server outlive the outage, requests meanwhile get a clear 503, the job cut off fails cleanly
and can be started again, and the site serves normally once the database is back, without a restart of its own."""

import glob
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request

import pytest

from rightstrack.jobs.runner import DATABASE_LOST_ERROR
from tests.drills.conftest import ON_POSTGRES
from tests.drills.site import Site, free_port, wait_for

pytestmark = pytest.mark.slow
BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), None)
ROWS = 4000


def _as_postgres(*command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=timeout, check=True)


class Cluster:
    """A PostgreSQL cluster in a temporary directory, on a port of its own."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="rt-drill-pg-")
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = os.path.join(self.dir, "data")
        _as_postgres(f"{BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    def pg_ctl(self, action: str, *extra: str) -> None:
        _as_postgres(f"{BIN}/pg_ctl", "-D", self.data, "-w", "-t", "120", "-l", os.path.join(self.dir, "log"),
                     "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
                     action, *extra)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/rt_drill"

    def remove(self) -> None:
        try:
            self.pg_ctl("stop", "-m", "immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    if not ON_POSTGRES:
        pytest.skip("drilled in the suite's PostgreSQL run (DATABASE_URL=postgres://...)")
    if BIN is None or not os.path.exists(f"{BIN}/initdb") or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("the PostgreSQL server binaries are not installed")
    cluster = Cluster()
    try:
        cluster.pg_ctl("start")
        yield cluster
    finally:
        cluster.remove()


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)
    except OSError as error:  # not listening (yet)
        return 0, str(error), {}


def test_the_site_outlives_a_postgresql_restart(cluster, tmp_path):
    site = Site(tmp_path, cluster.url).create()
    try:
        staged = site.step("stage", ROWS)
        assert staged["counts"]["created"] == ROWS, staged
        before = site.record_counts()
        port = free_port()
        serve = site.start("serve", "--port", str(port), log="serve.log")
        home, api = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/api/v1/recommendations"
        assert wait_for(lambda: _get(home)[0] == 200, 240, every=0.5), site.log("serve.log")[-3000:]
        assert _get(api)[0] == 200
        workers = site.log("serve.log").count("Job worker")

        job = site.step("commit", staged["staged"])["job"]
        assert wait_for(lambda: site.job(job)["state"] == "running" and site.job(job)["done"] > 520, 240,
                        every=0.05), (site.job(job), site.log("worker.log")[-3000:])
        cluster.pg_ctl("stop", "-m", "immediate")  # the first half of `pg_ctl restart -m immediate`

        status, page, headers = _get(home)
        assert status == 503 and "The database is not reachable at the moment" in page, (status, page[-2000:])
        assert headers.get("Retry-After") == "30" and "Traceback" not in page
        status, body, _headers = _get(api)
        assert status == 503 and "not reachable" in body, (status, body[-2000:])

        cluster.pg_ctl("start")
        assert wait_for(lambda: _get(home)[0] == 200, 120, every=0.5)
        assert _get(api)[0] == 200
        # The worker reconnected by itself, and the job cut off by the restart failed with a clear message.
        assert wait_for(lambda: site.job(job)["state"] == "failed", 120), site.job(job)
        assert serve.poll() is None and site.log("serve.log").count("Job worker") == workers, site.log("serve.log")
        # Which words depends on when the job noticed: while the database was down, the worker's next pass says it
        # went away; once it was back, the job failed at once with the database's own error.
        error = site.job(job)["error"]
        if error == str(DATABASE_LOST_ERROR):
            assert "Database unavailable" in site.log("worker.log")
        else:
            assert error.startswith(("OperationalError: ", "InterfaceError: ")), (error, site.log("worker.log"))
        assert site.staged(staged["staged"])["state"] == "failed"
        assert site.record_counts() == before

        site.step("retry", staged["staged"])  # started again, it completes on the same worker
        assert wait_for(lambda: site.staged(staged["staged"])["state"] == "staged", 300), site.staged(staged["staged"])
        site.step("commit", staged["staged"])
        assert wait_for(lambda: site.staged(staged["staged"])["state"] == "committed", 300), (
            site.staged(staged["staged"]), site.log("worker.log")[-3000:])
        assert (site.record_counts()["recommendations_recommendation"]
                == before["recommendations_recommendation"] + ROWS)
    finally:
        site.stop_all()  # the cluster goes with its database
