"""/plans, /measures and /progress-reports: reads through the planning selectors."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus
from pydantic import StringConstraints

from rightstrack.accounts.models import Institution
from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.api.auth import optional_auth, token_auth
from rightstrack.api.common import (
    ExecutorsOut,
    Id,
    Pagination,
    PlausibleDate,
    SafeStr,
    ShortStr,
    ordering_values,
    reader,
    to_params,
)
from rightstrack.api.errors import ErrorOut
from rightstrack.core.models import ImplementationStatus
from rightstrack.planning import services
from rightstrack.planning.filtersets import MeasureFilterSet
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.selectors import (
    indicator_list,
    measure_list,
    plan_list,
    progress_report_list,
)
from rightstrack.recommendations.selectors import recommendation_list

router = Router(tags=["planning"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
Status = Literal[tuple(ImplementationStatus.values)]


class PlanVersionOut(Schema):
    number: int
    label: str
    adopted_on: date | None


class PlanOut(Schema):
    """An action plan and its versions."""

    id: int
    title: str
    description: str
    translations: dict
    versions: list[PlanVersionOut]
    published_at: datetime | None

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.all())


class MeasureOut(ExecutorsOut):
    """A measure of a plan version; the objects of the open-data JSON Lines export too."""

    id: int
    plan_id: int
    plan: str
    version: int
    key: str
    number: str
    section: str
    text: str
    expected_result: str
    completion_form: str
    translations: dict
    lead_institution: str | None
    co_executors: list[str]
    deadline: date | None
    deadline_text: str
    status: str
    recommendation_ids: list[int]
    published_at: datetime | None

    @staticmethod
    def resolve_plan_id(obj):
        return obj.version.plan_id

    @staticmethod
    def resolve_plan(obj):
        return obj.version.plan.title

    @staticmethod
    def resolve_version(obj):
        return obj.version.number

    @staticmethod
    def resolve_recommendation_ids(obj):
        # Only links the reader may follow: the ids were restricted when the queryset was built.
        return [r.pk for r in obj.visible_recommendations]


class ProgressReportOut(Schema):
    """An approved, published progress report (no author: public pages carry no personal data)."""

    id: int
    measure_id: int | None
    recommendation_id: int | None
    institution: str
    period_end: date
    narrative: str
    translations: dict
    proposed_status: str
    state: str
    evidence: list[dict]
    published_at: datetime | None

    @staticmethod
    def resolve_institution(obj):
        return obj.institution.abbreviation

    @staticmethod
    def resolve_evidence(obj):
        return [{"title": e.title, "url": e.get_absolute_url()} for e in obj.evidence.all()]


class IndicatorValueOut(Schema):
    period: str
    period_end: date
    value: Decimal


class IndicatorOut(Schema):
    id: int
    name: str
    kind: str
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    target_year: int | None
    values: list[IndicatorValueOut]

    @staticmethod
    def resolve_values(obj):
        return list(obj.values.all())


def measures_for(user, current_only: bool = False):
    """Measures the user may read, with the recommendation links they may follow."""
    return measure_list(user=user, current_only=current_only).prefetch_related(
        "co_executors", Prefetch("recommendations", to_attr="visible_recommendations",
                                 queryset=recommendation_list(user=user).select_related(None).only("pk")))


def plans_published():
    """Published plans for the export."""
    return plan_list(user=ANONYMOUS).order_by("pk")


def measures_published():
    """Published measures of published plans (all versions) for the export."""
    return measures_for(ANONYMOUS).order_by("pk")


def reports_published():
    """Approved, published reports on published targets for the export."""
    return progress_report_list(user=ANONYMOUS).prefetch_related("evidence").order_by("pk")


@router.get("/plans", response=list[PlanOut], auth=optional_auth, url_name="plan_list")
@paginate(Pagination)
def list_plans(request):
    """Action plans."""
    return plan_list(user=reader(request)).order_by("pk")


@router.get("/plans/{pk}", response={200: PlanOut, **ERRORS}, auth=optional_auth, url_name="plan_detail")
def get_plan(request, pk: Id):
    """One action plan."""
    return plan_list(user=reader(request)).get(pk=pk)


class MeasureFilters(Schema):
    q: ShortStr | None = None
    plan: list[Id] = []
    status: list[Status] = []
    institution: list[Id] = Field([], description="Lead institution id")
    section: list[ShortStr] = []
    current_only: bool = Field(True, description="Only measures of each plan's latest version")
    ordering: Literal[ordering_values(MeasureFilterSet.sorts())] | None = None


@router.get("/measures", response=list[MeasureOut], auth=optional_auth, url_name="measure_list")
@paginate(Pagination)
def list_measures(request, filters: Query[MeasureFilters]):
    """Measures, filtered like the list page."""
    qs = measures_for(reader(request), current_only=filters.current_only)
    return MeasureFilterSet(to_params(filters.model_copy(update={"current_only": None})), qs).qs


@router.get("/measures/{pk}", response={200: MeasureOut, **ERRORS}, auth=optional_auth, url_name="measure_detail")
def get_measure(request, pk: Id):
    """One measure."""
    return measures_for(reader(request)).get(pk=pk)


class ReportFilters(Schema):
    measure: Id | None = None
    recommendation: Id | None = None
    institution: Id | None = None
    ordering: Literal["period_end", "-period_end"] | None = None


@router.get("/progress-reports", response=list[ProgressReportOut], auth=optional_auth,
            url_name="progress_report_list")
@paginate(Pagination)
def list_progress_reports(request, filters: Query[ReportFilters]):
    """Progress reports the reader may see: approved and published ones for anonymous readers."""
    qs = progress_report_list(user=reader(request)).prefetch_related("evidence")
    for field in ("measure", "recommendation", "institution"):
        if getattr(filters, field) is not None:
            qs = qs.filter(**{f"{field}_id": getattr(filters, field)})
    return qs.order_by(filters.ordering or "-period_end", "pk")


@router.get("/progress-reports/{pk}", response={200: ProgressReportOut, **ERRORS}, auth=optional_auth,
            url_name="progress_report_detail")
def get_progress_report(request, pk: Id):
    """One progress report."""
    return progress_report_list(user=reader(request)).prefetch_related("evidence").get(pk=pk)


@router.get("/indicators", response=list[IndicatorOut], auth=optional_auth, url_name="indicator_list")
@paginate(Pagination)
def list_indicators(request):
    """Indicators with their values."""
    return indicator_list(user=reader(request)).order_by("pk")


class ProgressReportIn(Schema):
    measure_id: Id | None = None
    recommendation_id: Id | None = None
    institution_id: Id
    period_end: PlausibleDate
    narrative: Annotated[SafeStr, StringConstraints(min_length=1)]
    proposed_status: Status


class TransitionIn(Schema):
    to: Literal[tuple(s for s in ProgressReport.State.values if s != ProgressReport.State.DRAFT)]
    comment: SafeStr = ""


@router.post("/progress-reports", response={201: ProgressReportOut, **ERRORS}, auth=token_auth,
             url_name="progress_report_create")
def create_progress_report(request, payload: ProgressReportIn):
    """Start a draft report (focal points of a responsible institution, coordinators)."""
    user = request.auth
    if (payload.measure_id is None) == (payload.recommendation_id is None):
        raise HttpError(422, "Give exactly one of measure_id and recommendation_id.")
    if payload.measure_id is not None:
        target = get_object_or_404(measure_list(user=user), pk=payload.measure_id)
    else:
        target = get_object_or_404(recommendation_list(user=user), pk=payload.recommendation_id)
    institution = Institution.objects.filter(pk=payload.institution_id).first()
    if institution is None:
        raise HttpError(422, "Unknown institution_id.")
    report = services.progress_report_create(
        actor=user, target=target, institution=institution, period_end=payload.period_end,
        narrative=payload.narrative, proposed_status=payload.proposed_status)
    return HttpStatus(201, report)


@router.post("/progress-reports/{pk}/transition", response={200: ProgressReportOut, **ERRORS}, auth=token_auth,
             url_name="progress_report_transition")
def transition_progress_report(request, pk: Id, payload: TransitionIn):
    """Submit a report, or (coordinators) approve or return it with a comment."""
    report = get_object_or_404(progress_report_list(user=request.auth), pk=pk)
    report = services.progress_report_transition(actor=request.auth, report=report, to=payload.to,
                                                 comment=payload.comment)
    return ProgressReport.objects.prefetch_related("evidence").get(pk=report.pk)
