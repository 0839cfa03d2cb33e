"""/legal-acts: reads through the legislation selectors."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Prefetch
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.api.auth import optional_auth
from rightstrack.api.common import (
    Id,
    Pagination,
    ShortStr,
    ordering_values,
    reader,
    to_params,
)
from rightstrack.api.errors import ErrorOut
from rightstrack.legislation.filtersets import LegalActFilterSet
from rightstrack.legislation.models import LegalAct
from rightstrack.legislation.selectors import legal_act_list
from rightstrack.planning.selectors import measure_list

router = Router(tags=["legislation"])


class AmendmentOut(Schema):
    number: str
    date: date | None
    summary: str
    before: str
    after: str


class LegalActOut(Schema):
    """A legal act with its amendments and the published measures it fulfils."""

    id: int
    kind: str
    number: str
    title: str
    translations: dict
    date: date | None
    url: str
    amendments: list[AmendmentOut]
    measure_ids: list[int]
    published_at: datetime | None

    @staticmethod
    def resolve_amendments(obj):
        return list(obj.amendments.all())

    @staticmethod
    def resolve_measure_ids(obj):
        return [m.pk for m in obj.visible_measures]


def acts_for(user):
    """Legal acts the user may read, with the measure links they may follow."""
    return legal_act_list(user=user).prefetch_related(
        Prefetch("measures", queryset=measure_list(user=user).select_related(None).only("pk"),
                 to_attr="visible_measures"))


def legal_acts_published():
    """Published legal acts for the export."""
    return acts_for(ANONYMOUS).order_by("pk")


class LegalActFilters(Schema):
    q: ShortStr | None = None
    kind: list[Literal[tuple(LegalAct.Kind.values)]] = []
    ordering: Literal[ordering_values(LegalActFilterSet.sorts())] | None = None


@router.get("/legal-acts", response=list[LegalActOut], auth=optional_auth, url_name="legal_act_list")
@paginate(Pagination)
def list_legal_acts(request, filters: Query[LegalActFilters]):
    """Legal acts, filtered like the list page."""
    return LegalActFilterSet(to_params(filters), acts_for(reader(request))).qs


@router.get("/legal-acts/{pk}", response={200: LegalActOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            auth=optional_auth, url_name="legal_act_detail")
def get_legal_act(request, pk: Id):
    """One legal act."""
    return acts_for(reader(request)).get(pk=pk)
