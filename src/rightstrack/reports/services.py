"""Writes of the reports app: request a report, build it (from its job, `reports.jobs`), keep templates."""

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.http import QueryDict

from rightstrack.accounts.permissions import is_internal, require
from rightstrack.core.services import record_delete, record_save
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from rightstrack.reports.content import KINDS, build_report, report_check
from rightstrack.reports.formats import FORMATS, remove_partial_files, write_report
from rightstrack.reports.models import Report, ReportTemplate
from rightstrack.reports.selectors import ChartFilters


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
                       options: dict | None = None) -> Report:
    """Record a report request and queue its build (`reports.jobs`) once the transaction commits."""
    _check_request(actor=actor, kind=kind, fmt=fmt, as_of=as_of, query=query, options=options)
    report = Report.objects.create(requested_by=actor, kind=kind, format=fmt, language=language, as_of=as_of,
                                   params={"query": query, "options": options or {}})
    job_enqueue(kind=Job.Kind.REPORT, owner=actor, obj=report)
    return report


def report_build(*, report: Report, progress: Callable[[int, int, str], None]) -> Report:
    """Build the report for its requester and write its file (ReportError if it cannot be built)."""
    built = build_report(kind=report.kind, user=report.requested_by,
                         filters=ChartFilters.from_params(QueryDict(report.params.get("query", ""))),
                         language=report.language, as_of=report.as_of, options=report.params.get("options", {}),
                         progress=progress)
    report.file_name = f"{built.filename_stem}.{report.format}"
    write_report(built, report.format, report.path)
    report.save(update_fields=["file_name"])
    return report


@transaction.atomic
def report_template_create(*, actor, name: str, kind: str, fmt: str, language: str, as_of=None, query: str = "",
                           options: dict | None = None) -> ReportTemplate:
    """Save a report request under a name; it is checked like a build request first."""
    _check_request(actor=actor, kind=kind, fmt=fmt, as_of=as_of, query=query, options=options)
    parameters = {"query": query, "options": options or {}, "as_of": as_of.isoformat() if as_of else None}
    return record_save(obj=ReportTemplate(owner=actor, name=name.strip(), kind=kind, format=fmt, language=language,
                                          parameters=parameters), actor=actor)


def report_template_build(*, actor, template: ReportTemplate) -> Report:
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


def report_partial_files_remove(*, report_id: int) -> None:
    """Remove the half-written file of a build that was cut off (its job failed as interrupted)."""
    remove_partial_files(settings.REPORTS_DIR / str(report_id))
