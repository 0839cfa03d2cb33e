"""/recommendations, /assessments and /mechanisms: reads through selectors, writes through services."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.db import transaction
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
    SafeStr,
    ShortStr,
    ordering_values,
    reader,
    to_params,
)
from rightstrack.api.errors import ErrorOut
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.planning.selectors import measure_list
from rightstrack.recommendations import selectors, services
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.recommendations.models import Assessment, Recommendation
from rightstrack.taxonomy.models import TagAssignment

router = Router(tags=["recommendations"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

Status = Literal[tuple(ImplementationStatus.values)]
Response = Literal[tuple(Recommendation.Response.values)]
Rating = Literal[tuple(Assessment.Rating.values)]
RecommendationOrdering = Literal[ordering_values(RecommendationFilterSet.sorts())]


class RecommendationOut(ExecutorsOut):
    """A recommendation as published; the objects of the open-data JSON Lines export too."""

    id: int
    source_document: str
    mechanism: str
    cycle: int | None
    document_date: date | None
    paragraph: str
    text: str
    language: str
    translations: dict
    recommending_states: list[str]
    response: str
    response_comment: str
    status: str = Field(description="The status every page and report shows: the coordinator's override if set, "
                                    "else the status derived from the measures (docs/status.md).")
    derived_status: str = Field(description="The status that the measures and approved progress reports give.")
    status_override: str = Field(description="A status a coordinator set by hand, or empty.")
    status_override_reason: str
    deadline: date | None
    lead_institution: str | None
    co_executors: list[str]
    cluster: str | None
    themes: list[str]
    published_at: datetime | None

    @staticmethod
    def resolve_source_document(obj):
        return obj.source_document.symbol

    @staticmethod
    def resolve_mechanism(obj):
        return obj.source_document.mechanism.code

    @staticmethod
    def resolve_cycle(obj):
        return obj.source_document.cycle

    @staticmethod
    def resolve_document_date(obj):
        return obj.source_document.date

    @staticmethod
    def resolve_recommending_states(obj):
        # In the reader's language, "Slovenia" -> "Словения"; a State with no name in it reads "Unknown (EN)".
        return [marked(c) for c in obj.recommending_states.all()]

    @staticmethod
    def resolve_cluster(obj):
        return obj.cluster.name if obj.cluster else None

    @staticmethod
    def resolve_themes(obj):
        # In the reader's language (Accept-Language); a term with no name in it reads "D23 Death penalty (EN)".
        return [marked(t.term) for t in obj.tags.all() if t.status == TagAssignment.Status.ACCEPTED]


class RecommendationFilters(Schema):
    q: ShortStr | None = Field(None, description="Words that must all appear (text, paragraph, symbol, State).")
    mechanism: list[ShortStr] = Field([], description="Mechanism code, e.g. UPR")
    cycle: list[Annotated[int, Field(ge=0, le=32767)]] = []
    response: list[Response] = []
    status: list[Status] = []
    institution: list[Id] = Field([], description="Lead institution id")
    cluster: list[Id] = []
    theme: list[Id] = Field([], description="Theme term id (accepted tags)")
    ordering: RecommendationOrdering | None = None


RECOMMENDATION_PREFETCH = ("recommending_states", "co_executors", "tags__term")


def recommendations_published():
    """Every published recommendation, ready for the export (anonymous view)."""
    return selectors.recommendation_list(user=ANONYMOUS).prefetch_related(*RECOMMENDATION_PREFETCH).order_by("pk")


@router.get("/recommendations", response=list[RecommendationOut], auth=optional_auth, url_name="recommendation_list")
@paginate(Pagination)
def list_recommendations(request, filters: Query[RecommendationFilters]):
    """Recommendations, filtered like the list page; anonymous readers get published ones only."""
    qs = selectors.recommendation_filtered(user=reader(request), params=to_params(filters))
    return qs.prefetch_related(*RECOMMENDATION_PREFETCH)


@router.get("/recommendations/{pk}", response={200: RecommendationOut, **ERRORS}, auth=optional_auth,
            url_name="recommendation_detail")
def get_recommendation(request, pk: Id):
    """One recommendation (404 if it does not exist or is not published)."""
    return selectors.recommendation_list(user=reader(request)).prefetch_related(*RECOMMENDATION_PREFETCH).get(pk=pk)


class AssessmentOut(Schema):
    """An independent assessment: the organisation's rating beside the government's status."""

    id: int
    recommendation_id: int | None
    measure_id: int | None
    organisation: str
    organisation_kind: str
    rating: str
    rationale: str
    translations: dict
    evidence_url: str
    is_published: bool
    created_at: datetime
    published_at: datetime | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.abbreviation

    @staticmethod
    def resolve_organisation_kind(obj):
        return obj.organisation.kind


class AssessmentFilters(Schema):
    recommendation: Id | None = None
    measure: Id | None = None
    organisation: Id | None = None
    rating: list[Rating] = []
    ordering: Literal["created_at", "-created_at", "rating", "-rating"] | None = None


@router.get("/assessments", response=list[AssessmentOut], auth=optional_auth, url_name="assessment_list",
            tags=["assessments"])
@paginate(Pagination)
def list_assessments(request, filters: Query[AssessmentFilters]):
    """Assessments the reader may see (published ones for anonymous readers)."""
    qs = selectors.assessment_list(user=reader(request))
    for field in ("recommendation", "measure", "organisation"):
        if getattr(filters, field) is not None:
            qs = qs.filter(**{f"{field}_id": getattr(filters, field)})
    if filters.rating:
        qs = qs.filter(rating__in=filters.rating)
    return qs.order_by(filters.ordering or "-created_at", "pk")


@router.get("/assessments/{pk}", response={200: AssessmentOut, **ERRORS}, auth=optional_auth,
            url_name="assessment_detail", tags=["assessments"])
def get_assessment(request, pk: Id):
    """One assessment."""
    return selectors.assessment_list(user=reader(request)).get(pk=pk)


class AssessmentIn(Schema):
    recommendation_id: Id | None = None
    measure_id: Id | None = None
    organisation_id: Id
    rating: Rating
    rationale: Annotated[SafeStr, StringConstraints(min_length=1)]
    evidence_url: Annotated[str, StringConstraints(max_length=1000, pattern=r"^[^\x00]*$")] = ""
    translations: dict[Literal["rationale"], dict[Literal["en", "ru", "kk"], SafeStr]] = {}


class AssessmentPatch(Schema):
    rating: Rating | None = None
    rationale: Annotated[SafeStr, StringConstraints(min_length=1)] | None = None
    evidence_url: Annotated[str, StringConstraints(max_length=1000, pattern=r"^[^\x00]*$")] | None = None
    translations: dict[Literal["rationale"], dict[Literal["en", "ru", "kk"], SafeStr]] | None = None
    is_published: bool | None = None


@router.post("/assessments", response={201: AssessmentOut, **ERRORS}, auth=token_auth, url_name="assessment_create",
             tags=["assessments"])
def create_assessment(request, payload: AssessmentIn):
    """Record an assessment (assessors of a commission, ombudsman or accredited NGO; administrators)."""
    user = request.auth
    if (payload.recommendation_id is None) == (payload.measure_id is None):
        raise HttpError(422, "Give exactly one of recommendation_id and measure_id.")
    if payload.recommendation_id is not None:
        target = get_object_or_404(selectors.recommendation_list(user=user), pk=payload.recommendation_id)
    else:
        target = get_object_or_404(measure_list(user=user), pk=payload.measure_id)
    organisation = Institution.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise HttpError(422, "Unknown organisation_id.")
    assessment = services.assessment_create(
        actor=user, target=target, organisation=organisation, rating=payload.rating, rationale=payload.rationale,
        evidence_url=payload.evidence_url, translations=payload.translations)
    return HttpStatus(201, assessment)


@router.patch("/assessments/{pk}", response={200: AssessmentOut, **ERRORS}, auth=token_auth,
              url_name="assessment_update", tags=["assessments"])
def update_assessment(request, pk: Id, payload: AssessmentPatch):
    """Revise or (un)publish an assessment of the reader's own organisation."""
    assessment = get_object_or_404(selectors.assessment_list(user=request.auth), pk=pk)
    values = payload.model_dump(exclude_unset=True, exclude_none=True)
    published = values.pop("is_published", None)
    if not values and published is None:
        raise HttpError(422, "Nothing to change.")
    with transaction.atomic():  # a revision and its publication succeed or fail together
        if values:
            assessment = services.assessment_update(actor=request.auth, assessment=assessment, **values)
        if published is not None:
            assessment = services.assessment_publish(actor=request.auth, assessment=assessment, published=published)
    return assessment


class MechanismOut(Schema):
    id: int
    code: str
    name: str
    kind: str


@router.get("/mechanisms", response=list[MechanismOut], auth=optional_auth, url_name="mechanism_list",
            tags=["reference"])
def list_mechanisms(request):
    """Every mechanism (public reference data)."""
    return selectors.mechanism_list()
