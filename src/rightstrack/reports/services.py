"""Writes of the reports app: request a report build, run it (called by the job worker), keep templates."""

import logging
from datetime import date

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from rightstrack.accounts.permissions import is_internal, require
from rightstrack.core.services import record_delete, record_save
from rightstrack.reports.content import KINDS, ReportError, build_report, report_check
from rightstrack.reports.formats import FORMATS, write_report
from rightstrack.reports.models import ReportJob, ReportTemplate
from rightstrack.reports.selectors import ChartFilters

logger = logging.getLogger(__name__)


def _check_request(*, actor, kind: str, fmt: str, as_of, query: str, options: dict | None) -> None:
    """Everything a build would refuse is refused here (ReportError is a ValueError), before any job or template
    exists."""
    require(is_internal(actor), "Sign in to build reports.")
    if kind not in KINDS or fmt not in FORMATS:
        raise ValueError("Unknown report kind or format.")
    report_check(kind=kind, user=actor, filters=ChartFilters.from_params(QueryDict(query)), as_of=as_of,
                 options=options)


@transaction.atomic
def report_job_request(*, actor, kind: str, fmt: str, language: str, as_of=None, query: str = "",
                       options: dict | None = None) -> ReportJob:
    """Record a report request and queue its build once the transaction commits."""
    from rightstrack.reports.tasks import build_report_job

    _check_request(actor=actor, kind=kind, fmt=fmt, as_of=as_of, query=query, options=options)
    job = ReportJob.objects.create(requested_by=actor, kind=kind, format=fmt, language=language, as_of=as_of,
                                   params={"query": query, "options": options or {}})
    transaction.on_commit(lambda: build_report_job.enqueue(job.pk))
    return job


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Build the report for its requester, saving progress as it goes; failures are recorded on the job."""
    job.state = ReportJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(done: int, total: int, label: str) -> None:
        job.done_steps, job.total_steps, job.step_label = done, total + 1, str(label)[:200]
        job.save(update_fields=["done_steps", "total_steps", "step_label"])

    try:
        report = build_report(kind=job.kind, user=job.requested_by,
                              filters=ChartFilters.from_params(QueryDict(job.params.get("query", ""))),
                              language=job.language, as_of=job.as_of, options=job.params.get("options", {}),
                              progress=progress)
        job.file_name = f"{report.filename_stem}.{job.format}"
        write_report(report, job.format, job.path)
        job.state = ReportJob.State.DONE
    except ReportError as error:
        job.state, job.error = ReportJob.State.FAILED, str(error)
    except Exception as error:  # the page must say the build failed rather than spin forever
        logger.exception("report job %s failed", job.pk)
        job.state, job.error = ReportJob.State.FAILED, f"{type(error).__name__}: {error}"
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "file_name", "finished_at"])
    return job


@transaction.atomic
def report_template_create(*, actor, name: str, kind: str, fmt: str, language: str, as_of=None, query: str = "",
                           options: dict | None = None) -> ReportTemplate:
    """Save a report request under a name; it is checked like a build request first."""
    _check_request(actor=actor, kind=kind, fmt=fmt, as_of=as_of, query=query, options=options)
    parameters = {"query": query, "options": options or {}, "as_of": as_of.isoformat() if as_of else None}
    return record_save(obj=ReportTemplate(owner=actor, name=name.strip(), kind=kind, format=fmt, language=language,
                                          parameters=parameters), actor=actor)


def report_template_build(*, actor, template: ReportTemplate) -> ReportJob:
    """Queue the report a template describes, with its saved parameters, for `actor`."""
    params = template.parameters
    return report_job_request(actor=actor, kind=template.kind, fmt=template.format, language=template.language,
                              as_of=date.fromisoformat(params["as_of"]) if params.get("as_of") else None,
                              query=params.get("query", ""), options=params.get("options") or {})


@transaction.atomic
def report_template_delete(*, actor, template: ReportTemplate) -> None:
    """Delete a template; only its owner may (the deletion is kept in history)."""
    require(template.owner_id == getattr(actor, "pk", None), "Only the owner may delete a template.")
    record_delete(obj=template, actor=actor)
