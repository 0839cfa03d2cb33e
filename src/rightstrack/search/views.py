"""Review pages: tag suggestions, cluster suggestions, tagger evaluations, and the starts of search jobs. Thin."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import manager_required
from rightstrack.core.views import run_service
from rightstrack.jobs.models import Job
from rightstrack.search import selectors, services
from rightstrack.search.forms import ClusterDecisionForm, ReindexForm, TagJobForm
from rightstrack.search.models import ClusterSuggestion
from rightstrack.taxonomy.models import Vocabulary

PAGE_SIZE = 50


def _float(value, default=0.0) -> float:
    try:
        return min(max(float(value), 0.0), 1.0)
    except (TypeError, ValueError):
        return default


@manager_required
def tag_review(request):
    """Suggested tags, most confident first, to accept or reject one at a time or in bulk."""
    vocabulary = request.GET.get("vocabulary", "")
    suggestions = selectors.tag_review_list(user=request.user, vocabulary=vocabulary,
                                            min_confidence=_float(request.GET.get("min")))
    page = Paginator(suggestions, PAGE_SIZE).get_page(request.GET.get("page"))
    versions = {t.model_version for t in page}
    accepted = services.accepted_example_counts()
    return render(request, "search/tag_review.html", {
        "page": page, "vocabulary": vocabulary, "vocabularies": Vocabulary.choices,
        "min": request.GET.get("min", ""), "form": TagJobForm(), "train_form": TagJobForm.for_training(accepted),
        "accepted": accepted,
        "models": selectors.model_version_list().filter(version__in=versions),
        "jobs": Job.objects.filter(kind__in=[Job.Kind.TAG, Job.Kind.TRAIN])[:5]})


@manager_required
@require_POST
def tag_suggest_start(request):
    form = TagJobForm(request.POST)
    return run_service(request, form, lambda v: services.job_start(actor=request.user, kind=Job.Kind.TAG, params=v),
                       success_url=lambda job: reverse("jobs:job_detail", args=[job.pk]),
                       success_message=_("Tagging started; it runs in the background."),
                       context={"title": _("Suggest tags")})


@manager_required
@require_POST
def tagger_train_start(request):
    form = TagJobForm(request.POST, prefix="train")
    return run_service(request, form, lambda v: services.job_start(actor=request.user, kind=Job.Kind.TRAIN, params=v),
                       success_url=lambda job: reverse("jobs:job_detail", args=[job.pk]),
                       success_message=_("Training started; it runs in the background."),
                       context={"title": _("Train from accepted tags")})


@login_required
def model_version_list(request):
    """Each tagger version with its held-out evaluation (per label, micro and macro)."""
    return render(request, "search/model_version_list.html", {"models": selectors.model_version_list()})


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
    return run_service(request, form, lambda v: services.job_start(actor=request.user, kind=Job.Kind.REINDEX),
                       success_url=lambda job: reverse("jobs:job_detail", args=[job.pk]),
                       success_message=_("Reindexing started; it runs in the background."),
                       context={"title": _("Reindex")})

