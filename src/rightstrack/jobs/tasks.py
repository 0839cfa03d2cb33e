"""The one django-tasks task: it runs a job by id (the body its kind registered)."""

from django_tasks import task

from rightstrack.jobs.runner import job_run


@task()
def run_job(job_id: int) -> str:
    return job_run(job_id=job_id)
