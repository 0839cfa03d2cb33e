"""Jobs for the django-tasks worker (`rightstrack manage db_worker`)."""

from django_tasks import task

from rightstrack.reports.models import ReportJob
from rightstrack.reports.services import report_job_run


@task()
def build_report_job(job_id: int) -> str:
    """Build one requested report; a job already finished is left alone (safe to retry)."""
    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.state in (ReportJob.State.DONE, ReportJob.State.FAILED):
        return job.state
    return report_job_run(job=job).state
