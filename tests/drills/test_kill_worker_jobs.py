"""kill -9 of the job worker in the middle of a report build and of a bulk tagging job, on a site with a few
thousand imported recommendations: the job fails with the orphan message, nothing unfinished is offered, and
starting the same work again completes (without duplicating what the killed job had already written)."""

import json
import os
import signal

import pytest

from rightstrack.jobs.runner import ORPHANED_ERROR
from rightstrack.tagreview.services import TAG_BATCH
from tests.drills.site import wait_for

pytestmark = pytest.mark.slow
ROWS = 3000  # enough recommendations for a build or a tagging run of a few seconds


def _imported(site, rows: int = ROWS) -> None:
    staged = site.step("stage", rows)
    site.step("commit", staged["staged"])
    site.manage("jobs_worker", "--queue-name", "*", "--batch")
    assert site.staged(staged["staged"])["state"] == "committed"


def _kill_while(site, job: int, running) -> None:
    """Start a worker, SIGKILL it once `running(job row)` holds, and let a new worker fail the orphaned job."""
    worker = site.start_worker()
    assert wait_for(lambda: running(site.job(job)), 240, every=0.02), (site.job(job), site.log("worker.log")[-3000:])
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert site.job(job)["state"] == "running"  # nobody has noticed yet
    site.start_worker()
    assert wait_for(lambda: site.job(job)["state"] == "failed", 120), site.job(job)
    assert site.job(job)["error"] == str(ORPHANED_ERROR)


def test_a_worker_killed_in_the_middle_of_a_report_build_offers_no_report(site):
    _imported(site)
    requested = site.step("report")
    before = site.record_counts()
    _kill_while(site, requested["job"], lambda job: job["state"] == "running" and job["done"] > 0)

    assert site.record_counts() == before  # a build writes no records, only its file
    assert site.query("SELECT file_name FROM reports_report WHERE id = ?", (requested["report"],)) == [("",)]
    folder = site.data_dir / "reports" / str(requested["report"])
    assert not list(folder.glob("*"))  # not even the hidden file a build writes into until it is complete
    assert site.step("download", requested["report"]) == {"linked": False, "status": 404, "bytes": 0}

    again = site.step("report")  # "Build a report" with the same choices
    assert wait_for(lambda: site.job(again["job"])["state"] == "done", 300), (
        site.job(again["job"]), site.log("worker.log")[-3000:])
    offered = site.step("download", again["report"])
    assert offered["linked"] and offered["status"] == 200 and offered["bytes"] > 10_000, offered


def _suggested(site) -> list[int]:
    """Each recommendation's count of model suggestions, in id order (0 for none)."""
    return [n for (n,) in site.query(
        "SELECT COUNT(t.id) FROM recommendations_recommendation r LEFT JOIN taxonomy_tagassignment t "
        "ON t.recommendation_id = r.id AND t.source = 'model' GROUP BY r.id ORDER BY r.id")]


def test_a_worker_killed_in_the_middle_of_bulk_tagging_leaves_whole_batches_and_a_retry_completes(site):
    _imported(site)
    model = site.data_dir / "sdg-model"
    job = site.step("tag", model)["job"]
    _kill_while(site, job,
                lambda row: row["state"] == "running" and TAG_BATCH <= row["done"] < row["total"] * 3 // 4)

    # Each batch of TAG_BATCH recommendations (in id order) is one transaction: the killed job left its first
    # batches whole and nothing of the rest.
    partial = _suggested(site)
    last = max(i for i, n in enumerate(partial) if n)
    boundary = (last // TAG_BATCH + 1) * TAG_BATCH
    assert boundary < len(partial) and not any(partial[boundary:]), (boundary, len(partial))

    again = site.step("tag", model)["job"]  # "Suggest tags" again
    assert wait_for(lambda: site.job(again)["state"] == "done", 300), (site.job(again), site.log("worker.log")[-3000:])
    complete = _suggested(site)
    assert complete[:boundary] == partial[:boundary]  # the batches written before the kill were whole
    assert any(complete[boundary:])
    assert site.query("SELECT COUNT(*) - COUNT(DISTINCT recommendation_id || '-' || term_id) "
                      "FROM taxonomy_tagassignment") == [(0,)]  # nothing suggested twice
    result = site.query("SELECT result FROM jobs_job WHERE id = ?", (again,))[0][0]
    result = result if isinstance(result, dict) else json.loads(result)
    assert result["stored"] == sum(complete) - sum(partial)  # the retry stored only what was missing
