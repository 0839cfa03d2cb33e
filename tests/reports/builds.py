"""Report requests and their jobs in tests, as the web request and the jobs worker leave them."""

from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from rightstrack.jobs.tasks import run_job
from rightstrack.reports.models import Report


def report_queued(user, **fields) -> Report:
    """A report request with its queued job, as `report_job_request` leaves it (without its checks)."""
    report = Report.objects.create(requested_by=user, **fields)
    job_enqueue(kind=Job.Kind.REPORT, owner=user, obj=report)
    return report


def build(report: Report) -> str:
    """What the jobs worker does with a report's job; returns the job's final state."""
    return run_job.call(report.job.pk)
