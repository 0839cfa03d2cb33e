"""/jobs: every background job a user may follow (imports, reports, indexing, tagging), one shape for all kinds.
Pages that follow a running job poll /jobs/{id} with their session; scripts use a token."""

from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from rightstrack.api.auth import token_auth
from rightstrack.api.common import Id, Pagination
from rightstrack.api.errors import ErrorOut
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import job_link, job_summary, job_title
from rightstrack.jobs.selectors import job_list

router = Router(tags=["jobs"])
AUTH = [token_auth, django_auth]


class JobOut(Schema):
    id: int
    kind: str
    kind_label: str
    state: Literal[tuple(Job.State.values)]
    state_label: str
    title: str
    done: int
    total: int
    percent: int
    step: str
    result: dict
    summary: str
    error: str
    owner: str | None
    object_type: str | None
    object_id: int | None
    url: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_kind_label(job):
        return str(job.get_kind_display())

    @staticmethod
    def resolve_state_label(job):
        return str(job.get_state_display())

    @staticmethod
    def resolve_owner(job):
        return job.owner.username if job.owner_id else None

    @staticmethod
    def resolve_object_type(job):
        return f"{job.object_type.app_label}.{job.object_type.model}" if job.object_type_id else None

    @staticmethod
    def resolve_title(job):
        return job_title(job)

    @staticmethod
    def resolve_summary(job):
        return job_summary(job)

    @staticmethod
    def resolve_url(job):
        link = job_link(job)
        return link[0] if link else None


class JobFilters(Schema):
    kind: Literal[tuple(Job.Kind.values)] | None = None


@router.get("/jobs", response=list[JobOut], auth=AUTH, url_name="job_list")
@paginate(Pagination)
def list_jobs(request, filters: Query[JobFilters]):
    """Background jobs, newest first: every job for coordinators and administrators, one's own for other staff."""
    return job_list(user=request.auth, kind=filters.kind or "")


@router.get("/jobs/{pk}", response={200: JobOut, 401: ErrorOut, 404: ErrorOut}, auth=AUTH, url_name="job_detail")
def get_job(request, pk: Id):
    """One job: its state, progress (`done` of `total`, `percent`), the step it is on, its result or error."""
    return get_object_or_404(job_list(user=request.auth), pk=pk)
