"""Due and overdue items across measures, recommendations and indicator reporting periods.

Builds on `planning.selectors.deadline_state` and DUE_SOON_DAYS, so the home page, the dashboards
and the e-mails agree on what 'due soon' means.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from rightstrack.planning.selectors import (
    DONE,
    DUE_SOON_DAYS,
    deadline_state,
    indicator_list,
    measure_list,
)
from rightstrack.recommendations.selectors import recommendation_list

# A value for calendar year Y is due one month after the year ends.
INDICATOR_GRACE_DAYS = 31


@dataclass
class DeadlineItem:
    """Something with a due date: a measure, a recommendation, or one period of an indicator."""

    kind: str
    pk: int
    label: str
    url: str
    due: date
    state: str
    institution_ids: set[int] = field(default_factory=set)
    institution: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}:{self.due.isoformat()}"

    def days_late(self, today: date) -> int:
        return (today - self.due).days


def _responsible(obj) -> tuple[set[int], str]:
    ids = {i.pk for i in obj.co_executors.all()}
    if obj.lead_institution_id:
        ids.add(obj.lead_institution_id)
    return ids, obj.lead_institution.abbreviation if obj.lead_institution_id else ""


def _open_with_deadline(qs, horizon: date, institution_ids):
    qs = qs.exclude(status__in=DONE).filter(deadline__isnull=False, deadline__lte=horizon)
    if institution_ids is not None:
        qs = qs.filter(Q(lead_institution__in=institution_ids) | Q(co_executors__in=institution_ids)).distinct()
    return qs.prefetch_related("co_executors")


def indicator_periods_due(indicator, today: date, horizon: date) -> list[tuple[str, date]]:
    """Yearly periods of an indicator without a value whose due date falls on or before the horizon."""
    start = (indicator.baseline_year + 1) if indicator.baseline_year else indicator.created_at.year
    end = min(indicator.target_year or today.year, today.year)
    entered = {v.period for v in indicator.values.all()}
    due = []
    for year in range(start, end + 1):
        due_on = date(year, 12, 31) + timedelta(days=INDICATOR_GRACE_DAYS)
        if str(year) not in entered and due_on <= horizon:
            due.append((str(year), due_on))
    return due


def deadline_items(*, user, today: date | None = None, institution_ids: set[int] | None = None,
                   horizon_days: int = DUE_SOON_DAYS) -> list[DeadlineItem]:
    """Open items the user may read that are overdue or due within the horizon, earliest first.

    `institution_ids` narrows to items an institution leads or co-executes (a focal point's items).
    """
    today = today or date.today()
    horizon = today + timedelta(days=horizon_days)
    items = []
    for measure in _open_with_deadline(measure_list(user=user, current_only=True), horizon, institution_ids):
        ids, lead = _responsible(measure)
        items.append(DeadlineItem("measure", measure.pk, str(measure), measure.get_absolute_url(), measure.deadline,
                                  deadline_state(measure.deadline, measure.status, today) or "due_soon", ids, lead))
    for rec in _open_with_deadline(recommendation_list(user=user), horizon, institution_ids):
        ids, lead = _responsible(rec)
        items.append(DeadlineItem("recommendation", rec.pk, f"{rec} {rec.tr('text')[:80]}", rec.get_absolute_url(),
                                  rec.deadline, deadline_state(rec.deadline, rec.status, today) or "due_soon", ids,
                                  lead))
    indicators = indicator_list(user=user).prefetch_related("measures__co_executors", "measures__lead_institution")
    for indicator in indicators:
        ids, leads = set(), []
        for measure in indicator.measures.all():
            m_ids, lead = _responsible(measure)
            ids |= m_ids
            leads.append(lead)
        if institution_ids is not None and not ids & institution_ids:
            continue
        for period, due_on in indicator_periods_due(indicator, today, horizon):
            items.append(DeadlineItem(
                "indicator", indicator.pk, f"{indicator} — {period}",
                reverse("planning:indicator_detail", args=[indicator.pk]), due_on,
                "overdue" if due_on < today else "due_soon", ids, ", ".join(sorted(set(filter(None, leads))))))
    return sorted(items, key=lambda item: (item.due, item.kind, item.pk))


def split_by_state(items: list[DeadlineItem]) -> dict[str, list[DeadlineItem]]:
    """{'overdue': [...], 'due_soon': [...]} keeping the order."""
    return {"overdue": [i for i in items if i.state == "overdue"],
            "due_soon": [i for i in items if i.state == "due_soon"]}
