"""The home page overview: status counts and what is overdue or due soon, across domains."""

from datetime import date, timedelta

from django.db.models import Count

from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.selectors import (
    DONE,
    DUE_SOON_DAYS,
    measure_list,
    progress_report_list,
)
from rightstrack.recommendations.selectors import recommendation_list


def _status_counts(qs) -> list[tuple[str, str, int]]:
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in ImplementationStatus.choices]


def overview(*, user, today: date | None = None) -> dict:
    """Counts by implementation status and the open items whose deadline has passed or is near."""
    today = today or date.today()
    recommendations = recommendation_list(user=user)
    measures = measure_list(user=user, current_only=True)
    open_measures = measures.exclude(status__in=DONE).filter(deadline__isnull=False)
    return {
        "today": today,
        "recommendation_count": recommendations.count(),
        "recommendation_statuses": _status_counts(recommendations),
        "measure_count": measures.count(),
        "measure_statuses": _status_counts(measures),
        "overdue": open_measures.filter(deadline__lt=today).order_by("deadline")[:15],
        "due_soon": open_measures.filter(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))
        .order_by("deadline")[:15],
        "awaiting_review": progress_report_list(user=user).filter(state="submitted")[:15],
    }
