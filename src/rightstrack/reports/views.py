"""Dashboards, plan comparison, report preview and report jobs. Thin: parse, call a selector or service, render."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from rightstrack.core.views import run_service
from rightstrack.planning.selectors import measure_list, plan_list
from rightstrack.reports import dashboards
from rightstrack.reports.content import ReportError, build_report
from rightstrack.reports.diff import plan_version_diff
from rightstrack.reports.forms import ReportRequestForm
from rightstrack.reports.models import ReportJob
from rightstrack.reports.selectors import ChartFilters
from rightstrack.reports.services import report_job_request


def dashboard(request):
    filters = ChartFilters.from_params(request.GET)
    context = {"filters": filters, "options": dashboards.filter_options(user=request.user),
               "selected": {k: set(request.GET.getlist(k)) for k in request.GET}}
    context.update(dashboards.overview_dashboard(user=request.user, filters=filters))
    return render(request, "reports/dashboard.html", context, status=400 if filters.errors else 200)


def _plan_and_versions(request, pk):
    plan = get_object_or_404(plan_list(user=request.user), pk=pk)
    versions = list(plan.versions.order_by("number"))
    if not versions:
        raise Http404(_("This plan has no version yet."))
    return plan, versions


def _pick(versions, value, default):
    return next((v for v in versions if str(v.number) == value), default)


def plan_dashboard(request, pk):
    plan, versions = _plan_and_versions(request, pk)
    version = _pick(versions, request.GET.get("version"), versions[-1])
    return render(request, "reports/plan_dashboard.html", {
        "plan": plan, "versions": versions, "version": version,
        **dashboards.plan_dashboard(user=request.user, version=version)})


def plan_compare(request, pk):
    plan, versions = _plan_and_versions(request, pk)
    new = _pick(versions, request.GET.get("to"), versions[-1])
    old = _pick(versions, request.GET.get("from"), versions[-2] if len(versions) > 1 else versions[0])
    diff = plan_version_diff(old_version=old, new_version=new, measures=measure_list(user=request.user))
    return render(request, "reports/plan_compare.html",
                  {"plan": plan, "versions": versions, "diff": diff, "old": old, "new": new})


def report_preview(request, kind):
    """The report as a web page, built for the visitor: anonymous visitors get published records only."""
    options = {"plan": request.GET.get("plan"), "from": request.GET.get("from"), "to": request.GET.get("to"),
               "group_by": request.GET.get("group_by")}
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    try:
        report = build_report(kind=kind, user=request.user, filters=ChartFilters.from_params(request.GET),
                              language=language if language in ("en", "ru", "kk") else "en", options=options)
    except ReportError as error:
        return render(request, "reports/report_preview.html", {"error": str(error)}, status=400)
    return render(request, "reports/report_preview.html", {"report": report})


@login_required
def report_request(request):
    form = ReportRequestForm(request.POST or None, initial=request.GET.dict() or None)
    return run_service(request, form, lambda v: report_job_request(actor=request.user, **v),
                       success_url=lambda job: job.get_absolute_url(), template="reports/report_request.html",
                       context={"title": _("Build a report"),
                                "jobs": ReportJob.objects.filter(requested_by=request.user)[:10]})


def _own_job(request, pk) -> ReportJob:
    # A report is built with its requester's visibility, so only they may fetch it.
    return get_object_or_404(ReportJob, pk=pk, requested_by=request.user)


@login_required
def report_job_detail(request, pk):
    return render(request, "reports/report_job_detail.html", {"job": _own_job(request, pk)})


@login_required
def report_job_download(request, pk):
    job = _own_job(request, pk)
    if job.state != ReportJob.State.DONE or not job.path.exists():
        raise Http404(_("This report is not ready."))
    return FileResponse(job.path.open("rb"), as_attachment=True, filename=job.file_name)
