"""Search pages: near-duplicate cluster suggestions to decide, and the start of a reindex. Thin."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import manager_required
from rightstrack.core.views import run_service
from rightstrack.search import selectors, services
from rightstrack.search.forms import ClusterDecisionForm, ReindexForm
from rightstrack.search.models import ClusterSuggestion


@manager_required
def cluster_suggestion_list(request):
    status = request.GET.get("status") or ClusterSuggestion.Status.SUGGESTED
    return render(request, "search/cluster_suggestion_list.html", {
        "suggestions": selectors.cluster_suggestion_list(user=request.user, status=status), "status": status,
        "statuses": ClusterSuggestion.Status.choices})


@manager_required
@require_POST
def cluster_suggestion_create(request):
    form = ReindexForm(request.POST)
    return run_service(request, form, lambda v: services.cluster_suggestions_build(actor=request.user),
                       success_url=reverse("search:cluster_suggestion_list"),
                       success_message=_("Near-duplicates looked for; new groups are listed below."),
                       context={"title": _("Find near-duplicates")})


@manager_required
@require_POST
def cluster_suggestion_decide(request, pk):
    suggestion = get_object_or_404(ClusterSuggestion, pk=pk)
    form = ClusterDecisionForm(request.POST)
    return run_service(request, form,
                       lambda v: services.cluster_suggestion_decide(actor=request.user, suggestion=suggestion, **v),
                       success_url=reverse("search:cluster_suggestion_list"), success_message=_("Decision saved."),
                       context={"title": _("Cluster suggestion")})


@manager_required
@require_POST
def reindex_start(request):
    form = ReindexForm(request.POST)
    return run_service(request, form, lambda v: services.reindex_start(actor=request.user),
                       success_url=lambda job: reverse("jobs:job_detail", args=[job.pk]),
                       success_message=_("Reindexing started; it runs in the background."),
                       context={"title": _("Reindex")})

