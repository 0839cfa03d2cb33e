"""kill -9 of the job worker in the middle of an import's write: nothing half-written, the job and its import
fail with a clear message, the import can be started again and completes, and the database is not left locked."""

import os
import signal
import sqlite3

import pytest

from rightstrack.jobs.runner import ORPHANED_ERROR
from tests.drills.site import wait_for

pytestmark = pytest.mark.slow
ROWS = 6000  # a write pass of a few seconds, even on a fast machine


def _mid_write(site, job_id: int) -> bool:
    """The write job is inside its one write transaction."""
    if site.job(job_id)["state"] != "running":
        return False
    if site.database_url:  # on PostgreSQL the job reports the write's progress from a side connection
        return site.job(job_id)["done"] > 520
    return site.sqlite_write_lock_held()


def test_a_worker_killed_in_the_middle_of_an_import_leaves_nothing_half_written(site):
    staged = site.step("stage", ROWS)
    assert staged["state"] == "staged" and staged["counts"]["created"] == ROWS, staged
    before = site.record_counts()
    job = site.step("commit", staged["staged"])["job"]

    worker = site.start_worker()
    assert wait_for(lambda: _mid_write(site, job) and _mid_write(site, job), 240, every=0.05), (
        site.job(job), site.log("worker.log")[-3000:])
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert site.job(job)["state"] == "running"  # nobody has noticed yet

    if not site.database_url:  # the dead writer's lock is gone: the next connection recovers the WAL
        assert not site.sqlite_write_lock_held()
        db = sqlite3.connect(site.sqlite_path, timeout=5)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        db.close()
        assert not site.sqlite_path.with_name(site.sqlite_path.name + "-journal").exists()
    assert site.record_counts() == before  # the write's transaction never committed

    site.start_worker()  # a restarted worker (or `serve` restarting it) fails the orphaned job at once
    assert wait_for(lambda: site.job(job)["state"] == "failed", 120), site.job(job)
    assert site.job(job)["error"] == str(ORPHANED_ERROR)
    assert site.staged(staged["staged"]) | {"counts": None} == {
        "state": "failed", "message": str(ORPHANED_ERROR), "counts": None}
    assert site.record_counts() == before

    site.step("retry", staged["staged"])  # "Check the rows again", then "Import"
    assert wait_for(lambda: site.staged(staged["staged"])["state"] == "staged", 300), site.staged(staged["staged"])
    assert site.staged(staged["staged"])["counts"]["created"] == ROWS
    again = site.step("commit", staged["staged"])["job"]
    assert wait_for(lambda: site.staged(staged["staged"])["state"] == "committed", 300), (
        site.staged(staged["staged"]), site.log("worker.log")[-3000:])
    # The import marks its rows committed inside the job; the job's own row says done a moment later.
    assert wait_for(lambda: site.job(again)["state"] == "done", 60), site.job(again)
    after = site.record_counts()
    assert after["recommendations_recommendation"] == before["recommendations_recommendation"] + ROWS
    assert after["recommendations_sourcedocument"] == before["recommendations_sourcedocument"] + 7
