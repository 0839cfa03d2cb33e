"""Reads of the jobs app: the jobs a user may follow, worded for the pages, and the worker's heartbeat."""

from django.db.models import QuerySet

from rightstrack.accounts.permissions import is_internal, is_manager
from rightstrack.jobs.heartbeat import heartbeat_is_stale, heartbeat_last
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import job_link, job_summary, job_title


def job_list(*, user, kind: str = "") -> QuerySet[Job]:
    """Jobs a user may follow, newest first: every job for coordinators and administrators, one's own for other
    staff (their reports), none for anonymous visitors."""
    qs = Job.objects.select_related("owner", "object_type").prefetch_related("object")
    if kind:
        qs = qs.filter(kind=kind)
    if is_manager(user):
        return qs
    return qs.filter(owner_id=user.pk) if is_internal(user) else qs.none()


def job_words(job: Job) -> Job:
    """The job with what the pages say about it in the reader's language: `title` (what it works on), `summary`
    (its result, or its error) and `link` ((url, label) of what it produced, or None)."""
    job.title, job.summary, job.link = job_title(job), job_summary(job), job_link(job)
    return job


def worker_status() -> dict:
    """When the job worker was last alive (None if never) and whether it has been silent too long."""
    last = heartbeat_last()
    return {"last_alive": last, "stale": heartbeat_is_stale(last)}
