"""Reads for plans, measures, progress reports and indicators; permissions apply here."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import (
    is_internal,
    is_manager,
    published_unless_internal,
    role_of,
)
from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.filtersets import MeasureFilterSet, ProgressReportFilterSet
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Evidence,
    Indicator,
    Measure,
    ProgressReport,
)
from rightstrack.recommendations.models import Recommendation

DUE_SOON_DAYS = 30
DONE = [ImplementationStatus.IMPLEMENTED]


def plan_list(*, user) -> QuerySet[ActionPlan]:
    """Plans the user may read."""
    return published_unless_internal(ActionPlan.objects.prefetch_related("versions"), user)


def plan_versions(*, user, pk: int) -> tuple[ActionPlan, list]:
    """A plan the user may read and its versions, oldest first (404 when it is unreadable or has none)."""
    plan = get_object_or_404(plan_list(user=user), pk=pk)
    versions = list(plan.versions.order_by("number"))
    if not versions:
        raise Http404(_("This plan has no version yet."))
    return plan, versions


def version_numbered(versions: list, number: str | None, default):
    """The version of `versions` whose number is `number` (a query-string value), else `default`."""
    return next((v for v in versions if str(v.number) == number), default)


def measure_list(*, user, current_only: bool = False, as_of: datetime | None = None) -> QuerySet[Measure]:
    """Measures the user may read; anonymous visitors see published measures of published plans. With `as_of`, as
    they were at that moment (simple-history's records, as model instances)."""
    if as_of is not None:
        qs = Measure.history.as_of(as_of)
    else:
        qs = Measure.objects.select_related("version__plan", "lead_institution")
    if current_only:
        qs = qs.filter(version__number=latest_version_number())
    return published_unless_internal(qs, user, Q(is_published=True, version__plan__is_published=True))


def measure_pick(*, user, text: str, limit: int = 20) -> list[Measure]:
    """Measures of each plan's current version the user may read with every word of `text` in their number, key,
    text or expected result, in any language (the linking pickers)."""
    words = text.split()
    if not words:
        return []
    qs = measure_list(user=user, current_only=True)
    fields = ["number", "key", "text", "expected_result",
              *(f"translations__{name}__{code}" for name in ("text", "expected_result")
                for code, _l in settings.LANGUAGES)]
    for word in words:
        condition = Q()
        # SQLite folds the case of ASCII letters only: also try the word as a sentence or a name would spell it.
        for variant in {word, word.lower(), word.capitalize()}:
            for name in fields:
                condition |= Q(**{f"{name}__icontains": variant})
        qs = qs.filter(condition)
    return list(qs.order_by("version__plan", "pk")[:limit])


def latest_version_number(plan_path: str = "version__plan") -> Subquery:
    """The number of the latest version of the plan that the outer query reaches through `plan_path`."""
    return Subquery(ActionPlanVersion.objects.filter(plan=OuterRef(plan_path)).values("plan")
                    .annotate(m=Max("number")).values("m")[:1])


def by_deadline_state(qs: QuerySet, state: str | None, today: date | None = None) -> QuerySet:
    """Open items whose deadline has passed (`overdue`) or falls in the next DUE_SOON_DAYS (`due_soon`), as
    `deadline_state` says; any other state leaves `qs` as it is."""
    if state not in ("overdue", "due_soon"):
        return qs
    today = today or date.today()
    qs = qs.exclude(status__in=DONE).filter(deadline__isnull=False)
    if state == "overdue":
        return qs.filter(deadline__lt=today)
    return qs.filter(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))


def _measure_filters(user, params, today: date | None) -> MeasureFilterSet:
    qs = by_deadline_state(measure_list(user=user, current_only=True), params.get("due"), today)
    return MeasureFilterSet(params, qs)


def measure_filtered(*, user, params, today: date | None = None) -> QuerySet:
    """Measures of each plan's current version, filtered by the query string (`due=overdue|due_soon` keeps the
    open measures in that deadline state), without facet counts (the home page's numbers, exports)."""
    return _measure_filters(user, params, today).qs


def measure_faceted(*, user, params, today: date | None = None) -> tuple[QuerySet, list]:
    """The filtered measures (`measure_filtered`) with facet counts, as the list page shows them."""
    filters = _measure_filters(user, params, today)
    return filters.qs, filters.facet_counts()


def progress_report_list(*, user, as_of: datetime | None = None) -> QuerySet[ProgressReport]:
    """Approved reports for everyone signed in; drafts only for their institution and coordinators.

    Anonymous visitors see approved reports that were published. With `as_of`, the reports as they were at that
    moment (simple-history's records, as model instances).
    """
    if as_of is not None:
        qs = ProgressReport.history.as_of(as_of)
    else:
        qs = ProgressReport.objects.select_related("institution", "author", "measure__version__plan",
                                                   "recommendation__source_document")
    approved = Q(state=ProgressReport.State.APPROVED)
    if is_manager(user):
        return qs
    if role_of(user) == Role.FOCAL_POINT:
        return qs.filter(approved | Q(institution__in=user.institution_ids))
    if is_internal(user):
        return qs.filter(approved)
    # A published report on an unpublished measure or recommendation stays hidden with its target.
    return qs.filter(approved, is_published=True).filter(readable_target(user))


def readable_target(user) -> Q:
    """Reports and assessments whose target (a measure or a recommendation) the user may read."""
    return (Q(measure__in=measure_list(user=user).values("pk"))
            | Q(recommendation__in=published_unless_internal(Recommendation.objects.all(), user).values("pk")))


INBOX_DEFAULT_STATE = ProgressReport.State.SUBMITTED
DUE_CHOICES = {"overdue": _("Overdue"), "due_soon": _("Due soon")}


def progress_report_inbox(*, user, params, today: date | None = None) -> dict:
    """A coordinator's review queue: the reports the user may read, filtered by the query string (state,
    institution, plan, mechanism, and the target's deadline), with the count of each filter value."""
    today = today or date.today()
    qs = progress_report_list(user=user).annotate(
        target_deadline=Coalesce("measure__deadline", "recommendation__deadline"),
        target_status=Coalesce("measure__status", "recommendation__status"))
    after, before = parse_date_or_none(params.get("deadline_after")), parse_date_or_none(params.get("deadline_before"))
    if after:
        qs = qs.filter(target_deadline__gte=after)
    if before:
        qs = qs.filter(target_deadline__lte=before)
    due_conditions = {
        "overdue": Q(target_deadline__lt=today) & ~Q(target_status__in=DONE),
        "due_soon": Q(target_deadline__gte=today, target_deadline__lte=today + timedelta(days=DUE_SOON_DAYS))
        & ~Q(target_status__in=DONE),
    }
    listed = ProgressReportFilterSet(params, qs).qs
    due_counts = listed.order_by().aggregate(**{key: Count("pk", filter=q, distinct=True)
                                                for key, q in due_conditions.items()})
    chosen = [key for key in params.getlist("due") if key in due_conditions]
    if chosen:
        condition = Q()
        for key in chosen:
            condition |= due_conditions[key]
        qs, listed = qs.filter(condition), listed.filter(condition)
    return {"reports": listed, "facets": ProgressReportFilterSet(params, qs).facet_counts(), "today": today,
            "due": [(key, label, due_counts[key], key in chosen) for key, label in DUE_CHOICES.items()]}


def progress_report_awaiting_review_count(*, user) -> int:
    """How many reports the user may read are submitted and wait for a coordinator."""
    return progress_report_list(user=user).filter(state=ProgressReport.State.SUBMITTED).count()


def parse_date_or_none(value) -> date | None:
    """A yyyy-mm-dd query-string value as a date; anything else as None (the filter is then ignored)."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def evidence_get(*, user, pk: int) -> Evidence:
    """One evidence file or link whose report the user may read, or Evidence.DoesNotExist."""
    return Evidence.objects.select_related("progress_report").get(
        pk=pk, progress_report__in=progress_report_list(user=user).values("pk"))


def indicator_list(*, user) -> QuerySet[Indicator]:
    """Indicators the user may read, with their values."""
    return published_unless_internal(Indicator.objects.prefetch_related("values"), user)


def indicator_get(*, user, pk: int) -> Indicator:
    """One readable indicator whose `measures` holds only the measures the user may read, or DoesNotExist."""
    return indicator_list(user=user).prefetch_related(
        Prefetch("measures", queryset=measure_list(user=user).select_related(None))).get(pk=pk)


def deadline_state(deadline: date | None, status: str, today: date | None = None) -> str:
    """'overdue', 'due_soon' or '' for an item with a deadline and a status."""
    if deadline is None or status in DONE:
        return ""
    today = today or date.today()
    if deadline < today:
        return "overdue"
    return "due_soon" if deadline <= today + timedelta(days=DUE_SOON_DAYS) else ""


def focal_point_todo(*, user, today: date | None = None) -> dict:
    """A focal point's to-do list: items due or overdue for their institutions and reports returned to them."""
    today = today or date.today()
    mine = Q(lead_institution__in=user.institution_ids) | Q(co_executors__in=user.institution_ids)
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    open_items = ~Q(status__in=DONE) & Q(deadline__isnull=False, deadline__lte=horizon)
    measures = measure_list(user=user, current_only=True).filter(mine, open_items).distinct().order_by("deadline")
    recommendations = (Recommendation.objects.select_related("source_document").filter(mine, open_items)
                       .distinct().order_by("deadline"))
    reports = progress_report_list(user=user).filter(
        institution__in=user.institution_ids,
        state__in=[ProgressReport.State.RETURNED, ProgressReport.State.DRAFT]).order_by("-updated_at")
    return {"measures": measures, "recommendations": recommendations, "reports": reports, "today": today}
