"""Public portal pages. Every read goes through the domain selectors as an anonymous visitor,
whoever is signed in, so the portal shows exactly what is published and no personal data."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.api.exports import DATASETS
from rightstrack.dashboards.overview import PUBLIC_LISTS, overview
from rightstrack.legislation.selectors import (
    legal_act_faceted,
    legal_act_list,
    legal_act_measures,
)
from rightstrack.planning.selectors import (
    indicator_list,
    measure_faceted,
    measure_list,
    plan_list,
    progress_report_list,
)
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import (
    assessment_list,
    recommendation_get,
    recommendation_list,
    recommendation_page_rows,
)
from rightstrack.taxonomy.models import TagAssignment

PAGE_SIZE = 50


def _get(qs, pk):
    try:
        return qs.get(pk=pk)
    except qs.model.DoesNotExist:
        raise Http404


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def home(request):
    """What the state committed to and how far it got, with search and the ways in."""
    context = overview(user=ANONYMOUS, lists=PUBLIC_LISTS)
    context["latest"] = recommendation_list(user=ANONYMOUS).filter(published_at__isnull=False).order_by(
        "-published_at")[:5]
    return render(request, "portal/home.html", context)


def recommendation_list_view(request):
    """Published recommendations with facets, search and sorting; the filter state is in the URL."""
    rows, facets = recommendation_page_rows(user=ANONYMOUS, params=request.GET)
    return render(request, "portal/recommendation_list.html", {"page": _page(request, rows), "facets": facets})


def recommendation_detail(request, pk):
    """The permalink of a published recommendation: government status beside independent assessments."""
    try:
        rec = recommendation_get(user=ANONYMOUS, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404
    return render(request, "portal/recommendation_detail.html", {
        "object": rec, "tags": [t for t in rec.tags.all() if t.status == TagAssignment.Status.ACCEPTED],
        "measures": measure_list(user=ANONYMOUS).filter(recommendations=rec),
        "reports": progress_report_list(user=ANONYMOUS).filter(recommendation=rec).prefetch_related("evidence"),
        "assessments": assessment_list(user=ANONYMOUS).filter(recommendation=rec),
    })


def measure_list_view(request):
    """Published measures of the current plan versions, with facets."""
    qs, facets = measure_faceted(user=ANONYMOUS, params=request.GET)
    return render(request, "portal/measure_list.html", {"page": _page(request, qs), "facets": facets})


def measure_detail(request, pk):
    """The permalink of a published measure: what it answers, the laws, indicators, progress and assessments."""
    measure = _get(measure_list(user=ANONYMOUS).prefetch_related("co_executors"), pk)
    return render(request, "portal/measure_detail.html", {
        "object": measure,
        "recommendations": recommendation_list(user=ANONYMOUS).filter(measures=measure),
        "legal_acts": legal_act_list(user=ANONYMOUS).filter(measures=measure),
        "indicators": indicator_list(user=ANONYMOUS).filter(measures=measure),
        "reports": progress_report_list(user=ANONYMOUS).filter(measure=measure).prefetch_related("evidence"),
        "assessments": assessment_list(user=ANONYMOUS).filter(measure=measure),
    })


def plan_list_view(request):
    """Published action plans."""
    return render(request, "portal/plan_list.html", {"plans": plan_list(user=ANONYMOUS)})


def plan_detail(request, pk):
    """A published plan with the measures of its current version."""
    plan = _get(plan_list(user=ANONYMOUS), pk)
    return render(request, "portal/plan_detail.html", {
        "object": plan, "versions": plan.versions.all(),
        "measures": measure_list(user=ANONYMOUS, current_only=True).filter(version__plan=plan).order_by("pk"),
    })


def legal_act_list_view(request):
    """Published legal acts with facets."""
    qs, facets = legal_act_faceted(user=ANONYMOUS, params=request.GET)
    return render(request, "portal/legal_act_list.html", {"page": _page(request, qs), "facets": facets})


def legal_act_detail(request, pk):
    """A published legal act, its amendments and the published measures it fulfils."""
    act = _get(legal_act_list(user=ANONYMOUS), pk)
    return render(request, "portal/legal_act_detail.html", {
        "object": act, "measures": legal_act_measures(user=ANONYMOUS, act=act)})


def open_data(request):
    """Where to download everything published, and how to use the API."""
    return render(request, "portal/open_data.html", {"datasets": DATASETS})
