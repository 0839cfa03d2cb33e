"""A worker killed in the middle of a job (kill -9, a machine restart): the next worker pass on that host fails the
job, and the import it was checking or writing, with a clear message, so it can be started again; a report it
was writing leaves no half-written file."""

import os
import socket
import subprocess
import sys

import pytest

from rightstrack.imports.models import StagedImport
from rightstrack.jobs.models import Job
from rightstrack.jobs import runner
from rightstrack.jobs.runner import DATABASE_LOST_ERROR, ORPHANED_ERROR, job_run, jobs_fail_orphans
from rightstrack.jobs.services import job_enqueue
from rightstrack.reports.models import Report

HOST = socket.gethostname()


@pytest.fixture
def dead_pid():
    """The pid of a process that has ended (killed with SIGKILL, as a worker would be)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child.kill()
    child.wait()
    return child.pid


@pytest.fixture
def live_pid():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def _running(worker: str, **kwargs) -> Job:
    job = job_enqueue(**kwargs)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, worker=worker)
    return job


def test_a_killed_workers_import_fails_clearly_and_other_jobs_are_left_alone(world, dead_pid, live_pid):
    coordinator = world.users["coordinator"]
    staged = StagedImport.objects.create(original_name="uhri.csv", format="uhri", created_by=coordinator,
                                         state=StagedImport.State.COMMITTING)
    orphan = _running(f"{HOST}:{dead_pid}", kind=Job.Kind.IMPORT_WRITE, owner=coordinator, obj=staged)
    alive = _running(f"{HOST}:{live_pid}", kind=Job.Kind.REINDEX)
    elsewhere = _running(f"other-host:{dead_pid}", kind=Job.Kind.TAG, params={"taxonomy": "sdg"})

    assert jobs_fail_orphans() == 1
    orphan.refresh_from_db()
    staged.refresh_from_db()
    assert orphan.state == Job.State.FAILED and orphan.error == str(ORPHANED_ERROR) and orphan.finished_at
    assert staged.state == StagedImport.State.FAILED and staged.message == str(ORPHANED_ERROR)
    assert not staged.is_running  # the import page stops polling and says why
    # A job whose worker lives, or runs on another host (whose processes this one cannot see), keeps running.
    assert Job.objects.get(pk=alive.pk).state == Job.State.RUNNING
    assert Job.objects.get(pk=elsewhere.pk).state == Job.State.RUNNING
    assert jobs_fail_orphans() == 0  # nothing twice


def test_a_job_marked_with_this_very_pid_is_an_orphan_between_jobs(world):
    """After a restart the new worker may get the dead one's pid (containers): between jobs it runs none itself."""
    job = _running(f"{HOST}:{os.getpid()}", kind=Job.Kind.REINDEX)
    assert jobs_fail_orphans() == 1
    assert Job.objects.get(pk=job.pk).state == Job.State.FAILED


def test_a_job_this_worker_ran_when_the_database_went_away_says_so(world, dead_pid):
    """The worker lost the database (a restart) in the middle of a job: its next pass fails that job, naming why."""
    cut_off = _running(f"{HOST}:{os.getpid()}", kind=Job.Kind.REINDEX)
    killed = _running(f"{HOST}:{dead_pid}", kind=Job.Kind.REINDEX)
    assert jobs_fail_orphans(lost_database=True) == 2
    assert Job.objects.get(pk=cut_off.pk).error == str(DATABASE_LOST_ERROR)
    assert Job.objects.get(pk=killed.pk).error == str(ORPHANED_ERROR)


def test_a_running_job_names_its_worker(world, monkeypatch):
    seen = []
    monkeypatch.setitem(runner.BODIES, Job.Kind.REINDEX, lambda job, progress: seen.append(
        Job.objects.get(pk=job.pk).worker))
    job_run(job_id=job_enqueue(kind=Job.Kind.REINDEX).pk)
    assert seen == [f"{HOST}:{os.getpid()}"]


def test_a_killed_workers_report_leaves_no_half_written_file(world, dead_pid, settings, tmp_path):
    """A build killed while writing its file leaves the hidden partial file: failing the job removes it, and only it."""
    settings.REPORTS_DIR = tmp_path / "reports"
    coordinator = world.users["coordinator"]
    killed, finished = (Report.objects.create(requested_by=coordinator, kind="upr", format="docx") for _ in range(2))
    orphan = _running(f"{HOST}:{dead_pid}", kind=Job.Kind.REPORT, owner=coordinator, obj=killed)
    folder = settings.REPORTS_DIR / str(killed.pk)
    folder.mkdir(parents=True)
    (folder / ".UPR report.docx.partial").write_bytes(b"PK half a file")
    done = settings.REPORTS_DIR / str(finished.pk) / "UPR report.docx"
    done.parent.mkdir(parents=True)
    done.write_bytes(b"PK a whole file")
    (done.parent / ".UPR report.docx.partial").write_bytes(b"PK a build still writing")

    assert jobs_fail_orphans() == 1
    assert Job.objects.get(pk=orphan.pk).state == Job.State.FAILED
    assert list(folder.iterdir()) == []
    # Another report's finished file and its own build in progress are not the killed job's to clean up.
    assert sorted(path.name for path in done.parent.iterdir()) == [".UPR report.docx.partial", "UPR report.docx"]
