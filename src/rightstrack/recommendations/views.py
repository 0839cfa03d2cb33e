"""Pages for recommendations, clusters and assessments. Thin: parse, call a selector or service, render."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
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
from rightstrack.core.views import publish_toggle, run_service
from rightstrack.planning import pickers
from rightstrack.planning.selectors import measure_list, progress_report_list
from rightstrack.recommendations import permissions, selectors, services
from rightstrack.recommendations.forms import (
    AssessmentForm,
    ClusterForm,
    RecommendationForm,
    StatusOverrideForm,
)
from rightstrack.recommendations.models import Cluster, Recommendation
from rightstrack.taxonomy.models import TagAssignment
from rightstrack.taxonomy.selectors import term_choices

PAGE_SIZE = 50


def recommendation_list(request):
    """The faceted table of recommendations; the filter state lives in the URL."""
    rows, facets = selectors.recommendation_page_rows(user=request.user, params=request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "recommendations/recommendation_list.html",
                  {"page": page, "facets": facets, "can_create": is_manager(request.user),
                   "filter": "?" + params.urlencode(), "page_ids": ",".join(str(r.pk) for r in page)})


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.strip().isdigit()]


@manager_required
def recommendation_bulk_link(request):
    """Link many recommendations to a measure chosen with the picker: the rows ticked on the list, its page, or
    every row matching its filters (carried as the query string, not as ids)."""
    scope, params = request.GET.get("scope", ""), request.GET
    filter_string = params.get("filter", "")
    if scope == "page":
        selection = pickers.selection_pairs(ids=_ids(params.get("page_ids", "").split(",")))
    elif scope == "filter" or (not scope and filter_string and not params.getlist("recommendations")):
        selection = pickers.selection_pairs(filter_string=filter_string or "?")
    else:
        selection = pickers.selection_pairs(ids=_ids(params.getlist("recommendations")))
    if any(name == "filter" for name, _v in selection):
        params = QueryDict(selection[0][1].removeprefix("?"))
        chosen = selectors.recommendation_filtered(user=request.user, params=params)
    else:
        chosen = selectors.recommendation_list(user=request.user).filter(pk__in=[v for _n, v in selection])
    next_url = pickers.safe_next(request, reverse("recommendations:recommendation_list") + (filter_string or ""))
    return render(request, "recommendations/recommendation_bulk_link.html", {
        "count": chosen.count(), "sample": chosen[:10], "back": next_url,
        "picker": pickers.measure_picker(request, selection=selection, next_url=next_url)})


def _get_recommendation(request, pk) -> Recommendation:
    try:
        return selectors.recommendation_get(user=request.user, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404


def recommendation_detail(request, pk):
    """The canonical page: what it is, where from, who is responsible, what was done, what assessors say, history."""
    rec = _get_recommendation(request, pk)
    can_link = is_manager(request.user)
    tags = [t for t in rec.tags.all() if t.status != TagAssignment.Status.REJECTED]
    return render(request, "recommendations/recommendation_detail.html", {
        "object": rec, "tags": tags,
        "measures": measure_list(user=request.user).filter(recommendations=rec),
        "current_measures": set(measure_list(user=request.user, current_only=True).filter(recommendations=rec)
                                .values_list("pk", flat=True)),
        "picker": pickers.measure_picker(request, selection=pickers.selection_pairs(ids=[rec.pk]),
                                         next_url=rec.get_absolute_url()) if can_link else None,
        "reports": progress_report_list(user=request.user).filter(recommendation=rec).prefetch_related("evidence"),
        "assessments": selectors.assessment_list(user=request.user).filter(recommendation=rec),
        "history": history_entries(rec) if request.user.is_authenticated else [],
        "can_edit": is_manager(request.user), "can_report": can_report_on(request.user, rec),
        "responsibilities": responsibilities_of(request.user, rec),
        "can_assess": permissions.can_assess(request.user),
        "status_form": StatusOverrideForm(initial={"status": rec.status_override,
                                                   "reason": rec.status_override_reason}),
        "term_choices": term_choices() if can_link else [],
    })


@manager_required
def recommendation_create(request):
    form = RecommendationForm(request.POST or None)
    return run_service(request, form, lambda v: services.recommendation_create(actor=request.user, **v),
                       success_url=lambda r: r.get_absolute_url(), success_message=_("Recommendation saved."),
                       context={"title": _("New recommendation")})


@manager_required
def recommendation_update(request, pk):
    rec = _get_recommendation(request, pk)
    form = RecommendationForm(request.POST or None, instance=rec)
    return run_service(request, form,
                       lambda v: services.recommendation_update(actor=request.user, recommendation=rec, **v),
                       success_url=rec.get_absolute_url(), success_message=_("Recommendation saved."),
                       context={"title": _("Edit recommendation"), "object": rec})


@manager_required
def recommendation_delete(request, pk):
    rec = _get_recommendation(request, pk)
    form = ConfirmForm(request.POST or None)
    return run_service(request, form, lambda v: services.recommendation_delete(actor=request.user, recommendation=rec),
                       success_url=reverse("recommendations:recommendation_list"),
                       success_message=_("Recommendation deleted; the deletion is kept in history."),
                       context={"title": _("Delete recommendation"), "object": rec, "danger": True})


@manager_required
def recommendation_status_override(request, pk):
    """Set the status by hand with a reason, or clear the override so the measures decide again."""
    rec = _get_recommendation(request, pk)
    form = StatusOverrideForm(request.POST or None, initial={"status": rec.status_override,
                                                           "reason": rec.status_override_reason})

    def override(values):
        before = rec.get_status_display()
        result = services.recommendation_status_override(actor=request.user, recommendation=rec,
                                                         status=values["status"], reason=values["reason"])
        messages.success(request, _("Status: %(before)s → %(after)s (%(how)s).") % {
            "before": before, "after": result.get_status_display(),
            "how": _("set by hand") if result.status_override else _("from its measures")})
        return result

    return run_service(request, form, override, success_url=rec.get_absolute_url(),
                       context={"title": _("Set the status of %(recommendation)s") % {"recommendation": rec},
                                "object": rec})


@manager_required
@require_POST
def recommendation_publish(request, pk):
    rec = _get_recommendation(request, pk)
    return publish_toggle(request, rec, partial(services.recommendation_publish, actor=request.user, recommendation=rec))


def cluster_list(request):
    return render(request, "recommendations/cluster_list.html",
                  {"clusters": selectors.cluster_list(user=request.user), "can_create": is_manager(request.user)})


def cluster_detail(request, pk):
    cluster = get_object_or_404(Cluster, pk=pk)
    return render(request, "recommendations/cluster_detail.html", {
        "object": cluster, "recommendations": selectors.recommendation_list(user=request.user).filter(cluster=cluster),
        "history": history_entries(cluster) if request.user.is_authenticated else []})


@manager_required
def cluster_create(request):
    form = ClusterForm(request.POST or None)
    return run_service(request, form, lambda v: services.cluster_create(actor=request.user, **v),
                       success_url=lambda c: c.get_absolute_url(), context={"title": _("New cluster")})


def _assessment_target(request, kind, pk):
    if kind not in {"recommendation", "measure"}:
        raise Http404
    qs = selectors.recommendation_list(user=request.user) if kind == "recommendation" else measure_list(user=request.user)
    return get_object_or_404(qs, pk=pk)


@login_required
def assessment_create(request, kind, pk):
    target = _assessment_target(request, kind, pk)
    require(permissions.can_assess(request.user))
    form = AssessmentForm(request.POST or None, user=request.user)
    return run_service(request, form,
                       lambda v: services.assessment_create(actor=request.user, target=target,
                                                            **v),
                       success_url=target.get_absolute_url(), success_message=_("Assessment saved."),
                       context={"title": _("New independent assessment"), "object": target})


@login_required
def assessment_update(request, pk):
    assessment = get_object_or_404(selectors.assessment_list(user=request.user), pk=pk)
    require(permissions.can_edit_assessment(request.user, assessment))
    form = AssessmentForm(request.POST or None, instance=assessment, user=request.user)
    target = assessment.target
    return run_service(request, form,
                       lambda v: services.assessment_update(actor=request.user, assessment=assessment, **v),
                       success_url=target.get_absolute_url(), success_message=_("Assessment saved."),
                       context={"title": _("Edit assessment"), "object": target})


@login_required
@require_POST
def assessment_publish(request, pk):
    assessment = get_object_or_404(selectors.assessment_list(user=request.user), pk=pk)
    require(permissions.can_edit_assessment(request.user, assessment))
    return publish_toggle(request, assessment,
                          partial(services.assessment_publish, actor=request.user, assessment=assessment),
                          success_url=assessment.target.get_absolute_url())
