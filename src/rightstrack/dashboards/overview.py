"""The home page overview: the story of each action plan at a glance, status counts, and what is overdue,
due soon, waiting for review or recently approved.

Every number is counted on the very queryset its link lists (the list pages' own selectors with the link's
query string), so a number and the list behind it cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F
from django.http import QueryDict
from django.urls import reverse

from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.selectors import (
    by_deadline_state,
    measure_filtered,
    measure_list,
    plan_list,
    progress_report_list,
)
from rightstrack.recommendations.selectors import (
    recommendation_filtered,
    recommendation_list,
)

INTERNAL_LISTS = {"measures": "planning:measure_list", "recommendations": "recommendations:recommendation_list"}
PUBLIC_LISTS = {"measures": "portal:measure_list", "recommendations": "portal:recommendation_list"}


@dataclass
class Tally:
    """A number and the address of the list that shows exactly those records."""

    n: int
    url: str
    value: str = ""
    label: str = ""


@dataclass
class PlanStory:
    """One plan's current version: its measures by status and deadline, and the recommendations they answer."""

    plan: object
    version: object
    measures: Tally
    measure_statuses: list[Tally] = field(default_factory=list)
    overdue: Tally | None = None
    due_soon: Tally | None = None
    recommendations: Tally | None = None
    recommendation_statuses: list[Tally] = field(default_factory=list)

    @property
    def implemented_share(self) -> int:
        done = sum(c.n for c in self.measure_statuses if c.value == ImplementationStatus.IMPLEMENTED)
        return round(100 * done / self.measures.n) if self.measures.n else 0


def _link(lists: dict, kind: str, **params) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return f"{reverse(lists[kind])}?{query.urlencode()}" if params else reverse(lists[kind])


def _by_status(qs, lists: dict, kind: str, **params) -> list[Tally]:
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk", distinct=True)))
    return [Tally(counts.get(value, 0), _link(lists, kind, **params, status=value), value, str(label))
            for value, label in ImplementationStatus.choices]


def _plan_story(plan, *, user, lists: dict, today: date) -> PlanStory:
    pk = str(plan.pk)
    measures = measure_filtered(user=user, params=QueryDict(f"plan={pk}"))
    recommendations = recommendation_filtered(user=user, params=QueryDict(f"plan={pk}"))
    versions = sorted(plan.versions.all(), key=lambda v: v.number)
    return PlanStory(
        plan=plan, version=versions[-1] if versions else None,
        measures=Tally(measures.count(), _link(lists, "measures", plan=pk)),
        measure_statuses=_by_status(measures, lists, "measures", plan=pk),
        overdue=Tally(by_deadline_state(measures, "overdue", today).count(),
                       _link(lists, "measures", plan=pk, due="overdue")),
        due_soon=Tally(by_deadline_state(measures, "due_soon", today).count(),
                        _link(lists, "measures", plan=pk, due="due_soon")),
        recommendations=Tally(recommendations.count(), _link(lists, "recommendations", plan=pk)),
        recommendation_statuses=_by_status(recommendations, lists, "recommendations", plan=pk),
    )


def _status_counts(qs) -> list[tuple[str, str, int]]:
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in ImplementationStatus.choices]


def overview(*, user, today: date | None = None, lists: dict | None = None) -> dict:
    """Each plan's story, counts by implementation status, the open measures whose deadline has passed or is
    near, reports awaiting review and the latest approved ones; `lists` names the list pages numbers link to."""
    today = today or date.today()
    lists = lists or INTERNAL_LISTS
    recommendations = recommendation_list(user=user)
    measures = measure_list(user=user, current_only=True)
    approved = progress_report_list(user=user).filter(state=ProgressReport.State.APPROVED)
    return {
        "today": today,
        "plan_stories": [_plan_story(p, user=user, lists=lists, today=today) for p in plan_list(user=user).order_by("pk")],
        "recommendation_count": recommendations.count(),
        "recommendation_statuses": _status_counts(recommendations),
        "measure_count": measures.count(),
        "measure_statuses": _status_counts(measures),
        "overdue": by_deadline_state(measures, "overdue", today).order_by("deadline")[:15],
        "overdue_count": by_deadline_state(measures, "overdue", today).count(),
        "due_soon": by_deadline_state(measures, "due_soon", today).order_by("deadline")[:15],
        "due_soon_count": by_deadline_state(measures, "due_soon", today).count(),
        "awaiting_review": progress_report_list(user=user).filter(state="submitted")[:15],
        "recently_approved": approved.order_by(F("reviewed_at").desc(nulls_last=True), "-period_end", "-pk")[:5],
    }
