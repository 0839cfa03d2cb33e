"""Plan comparison, report preview and built reports. Thin: parse, call a selector or service, render."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.models import User
from rightstrack.audit.models import AuditEvent
from rightstrack.audit.services import audit_record
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.views import run_service
from rightstrack.planning.selectors import measure_list, plan_versions, version_numbered
from rightstrack.reports.content import ReportError, build_report
from rightstrack.reports.diff import plan_version_diff
from rightstrack.reports.forms import KIND_LABELS, ReportRequestForm
from rightstrack.reports.models import Report, ReportTemplate
from rightstrack.reports.selectors import (
    ChartFilters,
    report_list,
    report_requests_in_words,
    report_template_list,
)
from rightstrack.reports.services import (
    report_job_request,
    report_template_build,
    report_template_create,
    report_template_delete,
)


def plan_compare(request, pk):
    plan, versions = plan_versions(user=request.user, pk=pk)
    new = version_numbered(versions, request.GET.get("to"), versions[-1])
    old = version_numbered(versions, request.GET.get("from"), versions[-2] if len(versions) > 1 else versions[0])
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
    saving = request.POST.get("action") == "save"
    form = ReportRequestForm(request.POST or None, user=request.user, saving=saving,
                             initial=request.GET.dict() or None)
    if saving:
        def action(values):
            return report_template_create(actor=request.user, name=form.cleaned_data["template_name"], **values)

        success_url, message = reverse("reports:report_template_list"), _("Template saved.")
    else:
        def action(values):
            return report_job_request(actor=request.user, **values)

        success_url, message = (lambda report: report.get_absolute_url()), ""
    recent = list(report_list(user=request.user).filter(requested_by=request.user)[:10])
    for report in recent:
        report.kind_label = KIND_LABELS.get(report.kind, report.kind)
    return run_service(request, form, action, success_url=success_url, success_message=message,
                       template="reports/report_request.html",
                       context={"title": _("Build a report"),
                                "reports": recent})


def _report(request, pk) -> Report:
    # Staff see their own reports; coordinators and administrators every report (all internal readers see the
    # same records, so a report reads the same for them as for its requester).
    return get_object_or_404(report_list(user=request.user), pk=pk)


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    return render(request, "reports/report_detail.html",
                  {"report": report, "kind_label": KIND_LABELS.get(report.kind, report.kind)})


@login_required
def report_download(request, pk):
    report = _report(request, pk)
    if report.job is None or report.job.state != report.job.State.DONE or not report.path.exists():
        raise Http404(_("This report is not ready."))
    audit_record(kind=AuditEvent.Kind.EXPORT, request=request, target=report.file_name, detail={"report": report.pk})
    return FileResponse(report.path.open("rb"), as_attachment=True, filename=report.file_name)


@login_required
def report_archive(request):
    """Every report built that the visitor may see, filterable by kind and by who built it."""
    kind, by = request.GET.get("kind", ""), request.GET.get("requested_by", "")
    reports = _in_words(list(report_list(user=request.user, kind=kind, requested_by=by)[:200]))
    visible = report_list(user=request.user)
    builders = User.objects.filter(pk__in=visible.values("requested_by")).order_by("username")
    return render(request, "reports/report_archive.html", {
        "reports": reports, "kinds": KIND_LABELS.items(), "kind": kind, "builders": builders, "requested_by": by})


def _in_words(items: list) -> list:
    words = report_requests_in_words(items)
    for item in items:
        item.words, item.kind_label = words[item.pk], KIND_LABELS.get(item.kind, item.kind)
    return items


@login_required
def report_template_list_view(request):
    templates = _in_words(list(report_template_list(user=request.user)))
    return render(request, "reports/report_template_list.html", {"templates": templates})


@login_required
@require_POST
def report_template_build_view(request, pk):
    template = get_object_or_404(report_template_list(user=request.user), pk=pk)
    return run_service(request, forms.Form(request.POST),
                       lambda v: report_template_build(actor=request.user, template=template),
                       success_url=lambda report: report.get_absolute_url(),
                       context={"title": _("Build from template"), "object": template})


@login_required
def report_template_delete_view(request, pk):
    template = get_object_or_404(ReportTemplate, pk=pk)
    return run_service(request, ConfirmForm(request.POST or None),
                       lambda v: report_template_delete(actor=request.user, template=template),
                       success_url=reverse("reports:report_template_list"), success_message=_("Template deleted."),
                       context={"title": _("Delete report template"), "object": template, "danger": True})
