"""Writes of the jobs app: queue a job. Apps' services call this, never a task module."""

from django.db import transaction
from django.utils.translation import get_language

from rightstrack.jobs.models import Job
from rightstrack.jobs.tasks import run_job


def job_enqueue(*, kind: str, owner=None, params: dict | None = None, obj=None) -> Job:
    """Record a job (about `obj`, if any) and queue it once the surrounding transaction commits."""
    job = Job.objects.create(kind=kind, owner=owner, params=params or {}, object=obj, language=get_language() or "")
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job
