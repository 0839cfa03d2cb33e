"""The report build, run by the jobs worker for a report requested from the web UI."""

from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import JobFailed, Progress, job_body
from rightstrack.reports.content import ReportError
from rightstrack.reports.forms import KIND_LABELS
from rightstrack.reports.models import Report
from rightstrack.reports.services import report_build, report_partial_files_remove


def _title(job: Job) -> str:
    report = job.object
    return f"{KIND_LABELS.get(report.kind, report.kind)} ({report.format.upper()})" if report else ""


def _download(job: Job) -> tuple[str, str] | None:
    if job.state == Job.State.DONE:
        return reverse("reports:report_download", args=[job.object_id]), _("Download")
    return (job.object.get_absolute_url(), str(job.object)) if job.object else None


def _orphaned(job: Job, error: str) -> None:
    """The worker died during the build: nothing was offered, and a file it was writing is removed."""
    report_partial_files_remove(report_id=job.object_id)


@job_body(Job.Kind.REPORT, summary=lambda job: job.result.get("file_name", ""), title=_title, link=_download,
          orphaned=_orphaned)
def build(job: Job, progress: Progress) -> dict:
    report = Report.objects.select_related("requested_by").get(pk=job.object_id)
    try:
        report = report_build(report=report, progress=lambda done, total, label: progress(done, total + 1, label))
    except ReportError as error:
        raise JobFailed(str(error)) from error
    return {"file_name": report.file_name}
