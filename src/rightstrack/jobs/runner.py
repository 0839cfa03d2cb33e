"""Running a job: the body each kind registers (in its app's `jobs.py`), the progress it reports, and the one
state machine every job goes through (queued → running → done or failed)."""

import logging
import os
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from rightstrack.jobs.models import LIVE_PROGRESS, Job, live_progress_key

logger = logging.getLogger(__name__)
STEPS = 1000  # the resolution of a job that reports a fraction
LIVE_SECONDS = 24 * 3600  # how long progress kept in the cache outlives a worker killed in the middle


class JobFailed(Exception):
    """A job body's expected failure (a file it cannot read, a report it cannot build): the job fails with this
    message, shown as it is, and no traceback is logged."""


class Progress:
    """How far a job has got, written on its row where other processes see it at once.

    A job that writes in one long transaction (an import's write pass) reports from inside it, where its row's
    updates would stay invisible until the commit: on PostgreSQL they go through a second connection of their own;
    on SQLite, whose transaction holds the database's one write lock, no other connection could write the row, so
    the figures go to the `jobs` cache (files every process on the machine reads) and a running job read from the
    database takes them from there (`Job.from_db`)."""

    def __init__(self, job: Job):
        self.job = job
        self.depth = len(connection.atomic_blocks)  # transactions open around the job (a test's), not its own
        self._side = None
        self._live = False

    def __call__(self, done: int, total: int, step: str | None = None) -> None:
        values = {"done": max(done, 0), "total": max(total, 0)}
        if step is not None:
            values["step"] = str(step)[:200]
        if len(connection.atomic_blocks) <= self.depth:
            Job.objects.filter(pk=self.job.pk).update(**values)
            self._forget_live()
        elif connection.vendor == "postgresql":
            self._side_update(values)
        else:
            caches[LIVE_PROGRESS].set(live_progress_key(self.job.pk), values, LIVE_SECONDS)
            self._live = True

    def fraction(self, fraction: float) -> None:
        self(round(STEPS * max(0.0, min(fraction, 1.0))), STEPS)

    def _side_update(self, values: dict) -> None:
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        columns = ", ".join(f"{name} = %s" for name in values)
        with self._side.cursor() as cursor:
            cursor.execute(f"UPDATE {Job._meta.db_table} SET {columns} WHERE id = %s", [*values.values(), self.job.pk])

    def _forget_live(self) -> None:
        if self._live:  # the row has the figures now (or the transaction that had newer ones is gone)
            caches[LIVE_PROGRESS].delete(live_progress_key(self.job.pk))
            self._live = False

    def close(self) -> None:
        self._forget_live()
        if self._side is not None:
            self._side.close()
            self._side = None


Body = Callable[[Job, Progress], dict | None]
BODIES: dict[str, Body] = {}
SUMMARIES: dict[str, Callable[[Job], str]] = {}
TITLES: dict[str, Callable[[Job], str]] = {}
LINKS: dict[str, Callable[[Job], tuple[str, str] | None]] = {}
ORPHANED: dict[str, Callable[[Job, str], None]] = {}
ORPHANED_ERROR = _("The job worker stopped while this job ran (it was killed, or the machine restarted), so the job "
                   "did not finish. Start it again.")
DATABASE_LOST_ERROR = _("The database became unreachable while this job ran (it was restarted, or the connection "
                        "broke), so the job did not finish. Start it again.")


def job_body(kind: str, *, summary: Callable[[Job], str] | None = None, title: Callable[[Job], str] | None = None,
             link: Callable[[Job], tuple[str, str] | None] | None = None,
             orphaned: Callable[[Job, str], None] | None = None):
    """Register the function that does a kind of job (it returns the figures kept as the job's result), and the
    ones the pages use: `summary` words a finished job's result, `title` names what it works on (else its
    object), `link` gives (url, label) of what it produced (else its object's page), `orphaned` marks what the
    job works on as failed when its worker died (with the job's error). Each app's `jobs.py`
    registers its kinds; the jobs app finds them at start-up, as the admin finds `admin.py`."""
    def register(body: Body) -> Body:
        BODIES[kind] = body
        for table, function in ((SUMMARIES, summary), (TITLES, title), (LINKS, link), (ORPHANED, orphaned)):
            if function:
                table[kind] = function
        return body
    return register


def job_title(job: Job) -> str:
    """What the job works on: a taxonomy, the import's file name, the report…"""
    if job.kind in TITLES:
        return TITLES[job.kind](job)
    return str(job.object) if job.object_id else ""


def job_link(job: Job) -> tuple[str, str] | None:
    """(url, label) of what the job produced or works on, or None."""
    if job.kind in LINKS:
        return LINKS[job.kind](job)
    if job.object is not None and hasattr(job.object, "get_absolute_url"):
        return job.object.get_absolute_url(), str(job.object)
    return None


def job_summary(job: Job) -> str:
    """What a finished job did, in the reader's language; its error if it failed."""
    if job.state == Job.State.FAILED:
        return job.error
    if job.state != Job.State.DONE:
        return job.step
    word = SUMMARIES.get(job.kind)
    return word(job) if word else job.result.get("summary", "")


def _finish(job: Job, state: str, **values) -> None:
    Job.objects.filter(pk=job.pk).update(state=state, finished_at=timezone.now(), **values)


def job_run(*, job_id: int) -> str:
    """Run a queued job's body, recording progress and the outcome on its row; returns the final state.

    A job already finished is left alone, so running a task twice is safe. A failure is kept on the row; an
    unexpected one is also raised again, for the worker's log."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    if job.is_finished:
        return job.state
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started_at=timezone.now(), error="",
                                         worker=this_worker())
    progress = Progress(job)
    try:
        # What a body writes for people to read (an import's rejected rows, a failure's message) is in the
        # language of the page that queued it.
        with translation.override(job.language or settings.LANGUAGE_CODE):
            result = BODIES[job.kind](job, progress)
    except JobFailed as error:
        _finish(job, Job.State.FAILED, error=str(error)[:2000])
        return Job.State.FAILED
    except Exception as error:  # the page must say the job failed rather than spin forever
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
        raise
    finally:
        progress.close()
    _finish(job, Job.State.DONE, result=result or {}, step="")
    return Job.State.DONE


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def job_fail_interrupted(job: Job, error: str) -> bool:
    """Mark a job that was running as failed with `error`, and what it worked on (its kind's `orphaned`); False if
    it was no longer running."""
    if not Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, finished_at=timezone.now(), error=error):
        return False
    if job.kind in ORPHANED:
        ORPHANED[job.kind](job, error)
    return True


def jobs_fail_orphans(*, lost_database: bool = False) -> int:
    """Fail the running jobs whose worker process on this host is gone; returns how many.

    The worker calls it between jobs, so a job marked with this very process (a pid reused after a restart, or a
    job the database went away under: `lost_database`) is no longer running either. A job's own writes are in its
    transactions, which the dead process or connection never committed."""
    host = f"{socket.gethostname()}:"
    failed = 0
    for job in Job.objects.filter(state=Job.State.RUNNING, worker__startswith=host):
        pid = int(job.worker.removeprefix(host) or 0)
        own = pid == os.getpid()
        if not own and _alive(pid):
            continue
        if job_fail_interrupted(job, str(DATABASE_LOST_ERROR if own and lost_database else ORPHANED_ERROR)):
            logger.warning("job %s (%s): its worker %s is gone; marked failed", job.pk, job.kind, job.worker)
            failed += 1
    return failed
