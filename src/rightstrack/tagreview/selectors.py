"""Reads of tag review: the suggestions waiting for a decision, and the tagger versions with their evaluations."""

from django.db.models import QuerySet

from rightstrack.tagreview.models import TaggingModelVersion
from rightstrack.taxonomy.models import TagAssignment


def tag_review_list(*, user, vocabulary: str = "", min_confidence: float = 0.0) -> QuerySet[TagAssignment]:
    """Model suggestions waiting for a decision, most confident first (internal users only reach this page)."""
    qs = (TagAssignment.objects.filter(status=TagAssignment.Status.SUGGESTED, recommendation__isnull=False)
          .select_related("term", "recommendation__source_document").order_by("-confidence", "pk"))
    if vocabulary:
        qs = qs.filter(vocabulary=vocabulary)
    if min_confidence:
        qs = qs.filter(confidence__gte=min_confidence)
    return qs


def model_version_list() -> QuerySet[TaggingModelVersion]:
    """Tagger versions that stored suggestions or were trained here, with their held-out evaluations."""
    return TaggingModelVersion.objects.all()
