"""Tag review pages: suggested tags to decide, the starts of tagging and training jobs, tagger evaluations. Thin."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import manager_required
from rightstrack.core.views import run_service
from rightstrack.jobs.models import Job
from rightstrack.tagreview import selectors, services
from rightstrack.tagreview.forms import TagJobForm
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
    return render(request, "tagreview/tag_review.html", {
        "page": page, "vocabulary": vocabulary, "vocabularies": Vocabulary.choices,
        "min": request.GET.get("min", ""), "form": TagJobForm(), "train_form": TagJobForm.for_training(accepted),
        "accepted": accepted,
        "models": selectors.model_version_list().filter(version__in=versions),
        "jobs": Job.objects.filter(kind__in=services.TAG_JOBS)[:5]})


def _job_start(request, form, kind: str, message: str, title: str):
    return run_service(request, form, lambda v: services.job_start(actor=request.user, kind=kind, params=v),
                       success_url=lambda job: reverse("jobs:job_detail", args=[job.pk]),
                       success_message=message, context={"title": title})


@manager_required
@require_POST
def tag_suggest_start(request):
    return _job_start(request, TagJobForm(request.POST), Job.Kind.TAG,
                      _("Tagging started; it runs in the background."), _("Suggest tags"))


@manager_required
@require_POST
def tagger_train_start(request):
    return _job_start(request, TagJobForm(request.POST, prefix="train"), Job.Kind.TRAIN,
                      _("Training started; it runs in the background."), _("Train from accepted tags"))


@login_required
def model_version_list(request):
    """Each tagger version with its held-out evaluation (per label, micro and macro)."""
    return render(request, "tagreview/model_version_list.html", {"models": selectors.model_version_list()})
