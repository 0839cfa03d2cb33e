"""Pages for plans, measures, progress reports and indicators. Thin: parse, call a selector or service, render."""

from functools import partial
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import (
    can_report_on,
    is_manager,
    manager_required,
    require,
    responsibilities_of,
)
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.history import history_entries
from rightstrack.core.views import RecordPages, publish_toggle, run_service
from rightstrack.planning import permissions, pickers, selectors, services
from rightstrack.planning.forms import (
    ActionPlanForm,
    EvidenceForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    MeasureLinkForm,
    MeasureUnlinkForm,
    PlanVersionForm,
    ProgressReportBulkReviewForm,
    ProgressReportForm,
    TransitionForm,
)
from rightstrack.planning.models import Evidence, Indicator, ProgressReport
from rightstrack.planning.workflow import next_states
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.permissions import can_assess
from rightstrack.recommendations.selectors import (
    assessment_list,
    recommendation_filtered,
    recommendation_list,
)


def plan_list(request):
    return render(request, "planning/plan_list.html",
                  {"plans": selectors.plan_list(user=request.user), "can_create": is_manager(request.user)})


def plan_detail(request, pk):
    plan = get_object_or_404(selectors.plan_list(user=request.user), pk=pk)
    versions = list(plan.versions.all())
    chosen = next((v for v in versions if str(v.number) == request.GET.get("version")), versions[-1] if versions else None)
    measures = selectors.measure_list(user=request.user).filter(version=chosen) if chosen else []
    return render(request, "planning/plan_detail.html", {
        "object": plan, "versions": versions, "version": chosen, "measures": measures,
        "history": history_entries(plan) if request.user.is_authenticated else [],
        "can_edit": is_manager(request.user)})


def measure_list(request):
    qs, facets = selectors.measure_faceted(user=request.user, params=request.GET)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "planning/measure_list.html", {"page": page, "facets": facets})


def measure_detail(request, pk):
    measure = get_object_or_404(selectors.measure_list(user=request.user).prefetch_related("co_executors"), pk=pk)
    # Links are changed on measures of each plan's current version only; a superseded version is history.
    can_link = is_manager(request.user) and measure.version.number == measure.version.plan.current_version.number
    return render(request, "planning/measure_detail.html", {
        "object": measure, "can_link": can_link,
        "picker": pickers.recommendation_picker(request, measure=measure) if can_link else None,
        "recommendations": recommendation_list(user=request.user).filter(measures=measure),
        "legal_acts": measure.legal_acts.all() if request.user.is_authenticated else measure.legal_acts.filter(is_published=True),
        "indicators": selectors.indicator_list(user=request.user).filter(measures=measure),
        "reports": selectors.progress_report_list(user=request.user).filter(measure=measure).prefetch_related("evidence"),
        "assessments": assessment_list(user=request.user).filter(measure=measure),
        "deadline_state": selectors.deadline_state(measure.deadline, measure.status),
        "history": history_entries(measure) if request.user.is_authenticated else [],
        "can_edit": is_manager(request.user), "can_report": can_report_on(request.user, measure),
        "responsibilities": responsibilities_of(request.user, measure), "can_assess": can_assess(request.user)})


PLAN_PAGES = RecordPages(
    selectors.plan_list, ActionPlanForm, "plan", create=services.action_plan_create,
    update=services.action_plan_update, publish=services.action_plan_publish,
    create_title=gettext_lazy("New action plan"), update_title=gettext_lazy("Edit action plan"))
plan_create = manager_required(PLAN_PAGES.create_view)
plan_update = manager_required(PLAN_PAGES.update_view)
plan_publish = manager_required(require_POST(PLAN_PAGES.publish_view))
MEASURE_PAGES = RecordPages(selectors.measure_list, MeasureForm, "measure", update=services.measure_update,
                            publish=services.measure_publish, update_title=gettext_lazy("Edit measure"))
measure_update = manager_required(MEASURE_PAGES.update_view)
measure_publish = manager_required(require_POST(MEASURE_PAGES.publish_view))
INDICATOR_PAGES = RecordPages(selectors.indicator_list, IndicatorForm, "indicator", update=services.indicator_update,
                              publish=services.indicator_publish, update_title=gettext_lazy("Edit indicator"))
indicator_update = manager_required(INDICATOR_PAGES.update_view)
indicator_publish = manager_required(require_POST(INDICATOR_PAGES.publish_view))


@manager_required
def plan_version_create(request, pk):
    plan = get_object_or_404(selectors.plan_list(user=request.user), pk=pk)
    form = PlanVersionForm(request.POST or None)
    return run_service(request, form,
                       lambda v: services.plan_version_create(actor=request.user, plan=plan, **v),
                       success_url=plan.get_absolute_url(),
                       success_message=_("New version created with a copy of the current measures."),
                       context={"title": _("New plan version (amendment)"), "object": plan})


@manager_required
def measure_create(request, pk):
    plan = get_object_or_404(selectors.plan_list(user=request.user), pk=pk)
    version = plan.current_version
    form = MeasureForm(request.POST or None)
    return run_service(request, form, lambda v: services.measure_create(actor=request.user, version=version, **v),
                       success_url=lambda m: m.get_absolute_url(), context={"title": _("New measure"), "object": plan})


@manager_required
def measure_delete(request, pk):
    measure = get_object_or_404(selectors.measure_list(user=request.user), pk=pk)
    form = ConfirmForm(request.POST or None)
    return run_service(request, form, lambda v: services.measure_delete(actor=request.user, measure=measure),
                       success_url=measure.version.plan.get_absolute_url(),
                       success_message=_("Measure deleted; the deletion is kept in history."),
                       context={"title": _("Delete measure"), "object": measure, "danger": True})


def _report_target(request, kind, pk):
    if kind == "measure":
        return get_object_or_404(selectors.measure_list(user=request.user), pk=pk)
    if kind == "recommendation":
        return get_object_or_404(recommendation_list(user=request.user), pk=pk)
    raise Http404


@login_required
def progress_report_create(request, kind, pk):
    target = _report_target(request, kind, pk)
    require(can_report_on(request.user, target))
    initial = {k: request.GET[k] for k in ("institution", "period_end") if request.GET.get(k)}  # from a round
    form = ProgressReportForm(request.POST or None, user=request.user, target=target, initial=initial)
    return run_service(request, form,
                       lambda v: services.progress_report_create(actor=request.user, target=target, **v),
                       success_url=lambda r: r.get_absolute_url(), success_message=_("Draft report saved."),
                       context={"title": _("New progress report"), "object": target})


def progress_report_detail(request, pk):
    report = get_object_or_404(selectors.progress_report_list(user=request.user), pk=pk)
    return render(request, "planning/progress_report_detail.html", {
        "object": report, "evidence": report.evidence.all(),
        "can_edit": permissions.can_edit_report(request.user, report),
        "can_review": is_manager(request.user),
        "next_states": next_states(report.state), "transition_form": TransitionForm(),
        "history": history_entries(report) if request.user.is_authenticated else []})


@login_required
def progress_report_update(request, pk):
    report = get_object_or_404(selectors.progress_report_list(user=request.user), pk=pk)
    form = ProgressReportForm(request.POST or None, instance=report, user=request.user)
    return run_service(request, form,
                       lambda v: services.progress_report_update(actor=request.user, report=report, **v),
                       success_url=report.get_absolute_url(), context={"title": _("Edit progress report"),
                                                                       "object": report})


@login_required
@require_POST
def progress_report_transition(request, pk):
    report = get_object_or_404(selectors.progress_report_list(user=request.user), pk=pk)
    form = TransitionForm(request.POST)
    return run_service(request, form,
                       lambda v: services.progress_report_transition(actor=request.user, report=report, **v),
                       success_url=report.get_absolute_url(), success_message=_("Report updated."),
                       context={"title": _("Review progress report"), "object": report})


@manager_required
def progress_report_inbox(request):
    """The review queue; the default filter (submitted reports) is put in the URL so that it can be shared."""
    if request.method == "GET" and "state" not in request.GET:
        params = request.GET.copy()
        params["state"] = selectors.INBOX_DEFAULT_STATE
        return redirect(f"{request.path}?{params.urlencode()}")
    inbox = selectors.progress_report_inbox(user=request.user, params=request.GET)
    form = ProgressReportBulkReviewForm(request.POST or None,
                                        reports=selectors.progress_report_list(user=request.user))
    every_state = request.GET.copy()
    every_state.setlist("state", [""])
    every_state.pop("page", None)
    checked = request.POST.getlist("reports") if request.method == "POST" else []
    return run_service(request, form,
                       lambda v: services.progress_report_bulk_transition(actor=request.user, **v),
                       success_url=request.get_full_path(), success_message=_bulk_message,
                       template="planning/progress_report_inbox.html",
                       context={**inbox, "page": Paginator(inbox["reports"], 50).get_page(request.GET.get("page")),
                                "every_state_url": f"?{every_state.urlencode()}", "checked": checked,
                                "select_all": request.GET.get("select") == "all"})


def _bulk_message(reports) -> str:
    count = len(reports)
    if reports and reports[0].state == ProgressReport.State.RETURNED:
        return ngettext("%(count)d report returned for changes.", "%(count)d reports returned for changes.",
                        count) % {"count": count}
    return ngettext("%(count)d report approved.", "%(count)d reports approved.", count) % {"count": count}


@manager_required
@require_POST
def progress_report_publish(request, pk):
    report = get_object_or_404(selectors.progress_report_list(user=request.user), pk=pk)
    return publish_toggle(request, report, partial(services.progress_report_publish, actor=request.user, report=report))


@login_required
def evidence_add(request, pk):
    report = get_object_or_404(selectors.progress_report_list(user=request.user), pk=pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    return run_service(request, form, lambda v: services.evidence_add(actor=request.user, report=report, **v),
                       success_url=report.get_absolute_url(), success_message=_("Evidence added."),
                       context={"title": _("Add evidence"), "object": report, "multipart": True})


def evidence_download(request, pk):
    """Stream an evidence file to whoever may read its report (media files are never served directly)."""
    try:
        evidence = selectors.evidence_get(user=request.user, pk=pk)
    except Evidence.DoesNotExist:
        raise Http404
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name)


def indicator_detail(request, pk):
    try:
        indicator = selectors.indicator_get(user=request.user, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404
    measures = list(indicator.measures.all())
    return render(request, "planning/indicator_detail.html", {
        "object": indicator, "values": indicator.values.all(), "measures": measures,
        "can_enter": is_manager(request.user) or any(can_report_on(request.user, m) for m in measures),
        "can_edit": is_manager(request.user),
        "history": history_entries(indicator) if request.user.is_authenticated else []})


@manager_required
def indicator_create(request):
    initial = {"measures": [v for v in request.GET.getlist("measure") if v.isdigit()]}
    form = IndicatorForm(request.POST or None, initial=initial)
    return run_service(request, form, lambda v: services.indicator_create(actor=request.user, **v),
                       success_url=lambda i: i.get_absolute_url(), context={"title": _("New indicator")})


@login_required
def indicator_value_add(request, pk):
    indicator = get_object_or_404(selectors.indicator_list(user=request.user), pk=pk)
    form = IndicatorValueForm(request.POST or None)
    return run_service(request, form,
                       lambda v: services.indicator_value_set(actor=request.user, indicator=indicator, **v),
                       success_url=reverse("planning:indicator_detail", args=[indicator.pk]),
                       success_message=_("Value saved."), context={"title": _("Enter a value"), "object": indicator})


def _current_measure(request, pk):
    return get_object_or_404(selectors.measure_list(user=request.user, current_only=True), pk=pk)


def _status_now(recommendation) -> str:
    return Recommendation.objects.get(pk=recommendation.pk).get_status_display()


def _link_message(measure, chosen: list, added: list) -> str:
    if len(chosen) == 1 and added:
        return _("Linked %(recommendation)s to measure %(measure)s — its status is now %(status)s.") % {
            "recommendation": added[0], "measure": measure.number, "status": _status_now(added[0])}
    if len(chosen) == 1:
        return _("%(recommendation)s was already linked to measure %(measure)s; nothing changed.") % {
            "recommendation": chosen[0], "measure": measure.number}
    message = ngettext("%(count)d recommendation linked to measure %(measure)s",
                       "%(count)d recommendations linked to measure %(measure)s", len(added)) % {
        "count": len(added), "measure": measure.number}
    already = len(chosen) - len(added)
    if already:
        message += "; " + ngettext("%(count)d was linked already", "%(count)d were linked already", already) % {
            "count": already}
    return message + "."


def _unlink_message(measure, removed: list) -> str:
    if len(removed) == 1:
        return _("Unlinked %(recommendation)s from measure %(measure)s — its status is now %(status)s.") % {
            "recommendation": removed[0], "measure": measure.number, "status": _status_now(removed[0])}
    return ngettext("%(count)d recommendation unlinked from measure %(measure)s.",
                    "%(count)d recommendations unlinked from measure %(measure)s.", len(removed)) % {
        "count": len(removed), "measure": measure.number}


@manager_required
@require_POST
def measure_link(request, pk):
    """Link the chosen recommendations (ids, or every one a list filter matches) to a measure of a current version."""
    measure = _current_measure(request, pk)
    readable = recommendation_list(user=request.user)
    form = MeasureLinkForm(request.POST, recommendations=readable)
    if not form.is_valid():
        return render(request, "planning/measure_link_refused.html",
                      {"form": form, "object": measure, "next": pickers.safe_next(request, measure.get_absolute_url())},
                      status=400)
    if form.cleaned_data["filter"]:
        params = QueryDict(form.cleaned_data["filter"].removeprefix("?"))
        chosen = list(recommendation_filtered(user=request.user, params=params))
    else:
        chosen = list(form.cleaned_data["recommendations"])
    added = services.measure_link(actor=request.user, measure=measure, recommendations=chosen)
    messages.success(request, _link_message(measure, chosen, added))
    return redirect(pickers.safe_next(request, measure.get_absolute_url()))


@manager_required
def measure_unlink(request, pk):
    """Ask, then unlink the chosen recommendations from a measure; the POST without `confirm` changes nothing."""
    measure = _current_measure(request, pk)
    linked = recommendation_list(user=request.user).filter(measures=measure)
    next_url = pickers.safe_next(request, measure.get_absolute_url())
    if request.method == "POST":
        form = MeasureUnlinkForm(request.POST, recommendations=linked)
        if form.is_valid():
            removed = services.measure_unlink(actor=request.user, measure=measure,
                                              recommendations=list(form.cleaned_data["recommendations"]))
            messages.success(request, _unlink_message(measure, removed))
            return redirect(next_url)
        chosen = linked.filter(pk__in=[v for v in request.POST.getlist("recommendations") if v.isdigit()])
    else:
        chosen = linked.filter(pk__in=[v for v in request.GET.getlist("recommendations") if v.isdigit()])
        if not chosen:
            raise Http404
        form = MeasureUnlinkForm(initial={"recommendations": list(chosen)}, recommendations=linked)
    return render(request, "planning/measure_unlink_confirm.html",
                  {"form": form, "object": measure, "chosen": chosen, "next": next_url},
                  status=400 if request.method == "POST" else 200)


@manager_required
def measure_pick(request):
    """The measure picker's results for its script (the page that shows the picker renders the same list)."""
    selection = pickers.selection_pairs(ids=[v for v in request.GET.getlist("recommendations") if v.isdigit()],
                                        filter_string=request.GET.get("filter", ""))
    return render(request, "planning/_measure_pick_results.html",
                  {"picker": pickers.measure_picker(request, selection=selection,
                                                    next_url=pickers.safe_next(request, reverse("dashboards:home")))})


@manager_required
def recommendation_pick(request):
    """The recommendation picker's results for its script, on a measure's page."""
    measure_id = request.GET.get("measure", "")
    measure = _current_measure(request, int(measure_id) if measure_id.isdigit() else 0)
    return render(request, "planning/_recommendation_pick_results.html",
                  {"picker": pickers.recommendation_picker(request, measure=measure)})
