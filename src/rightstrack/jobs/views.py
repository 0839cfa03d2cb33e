"""The jobs page (every background job in one table) and one job's page. Thin."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from rightstrack.accounts.permissions import is_manager
from rightstrack.jobs.models import Job
from rightstrack.jobs.selectors import job_list as job_list_selector
from rightstrack.jobs.selectors import job_words, worker_status

PAGE = 100


@login_required
def job_list(request):
    kind = request.GET.get("kind", "")
    jobs = [job_words(job) for job in job_list_selector(user=request.user, kind=kind)[:PAGE]]
    return render(request, "jobs/job_list.html", {"jobs": jobs, "kind": kind, "kinds": Job.Kind.choices,
                                                  "worker": worker_status(), "manager": is_manager(request.user)})


@login_required
def job_detail(request, pk):
    job = job_words(get_object_or_404(job_list_selector(user=request.user), pk=pk))
    return render(request, "jobs/job_detail.html", {"job": job})
