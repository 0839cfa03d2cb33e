"""The jobs page: every background job in one table. Thin."""

from django.shortcuts import render

from rightstrack.accounts.permissions import manager_required
from rightstrack.jobs.selectors import job_list as job_list_selector
from rightstrack.jobs.selectors import worker_status


@manager_required
def job_list(request):
    return render(request, "jobs/job_list.html", {"jobs": job_list_selector(user=request.user),
                                                  "worker": worker_status()})
