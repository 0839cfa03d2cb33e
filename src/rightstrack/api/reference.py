"""/institutions and /terms: public reference data (names of bodies and taxonomy terms, no people)."""

from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from rightstrack.accounts.models import Institution
from rightstrack.api.auth import optional_auth
from rightstrack.api.common import Pagination
from rightstrack.taxonomy.models import Term, Vocabulary

router = Router(tags=["reference"])


class InstitutionOut(Schema):
    id: int
    abbreviation: str
    name: str
    kind: str
    translations: dict


class TermOut(Schema):
    id: int
    vocabulary: str
    code: str
    name: str
    translations: dict


class TermFilters(Schema):
    vocabulary: Literal[tuple(Vocabulary.values)] | None = None


@router.get("/institutions", response=list[InstitutionOut], auth=optional_auth, url_name="institution_list")
@paginate(Pagination)
def list_institutions(request):
    """Ministries, agencies, commissions, ombudsman offices and NGOs (their ids are used in filters)."""
    return Institution.objects.order_by("pk")


@router.get("/terms", response=list[TermOut], auth=optional_auth, url_name="term_list")
@paginate(Pagination)
def list_terms(request, filters: Query[TermFilters]):
    """Taxonomy terms (themes, groups, SDGs, treaty articles…); `theme` filters use their ids."""
    qs = Term.objects.order_by("pk")
    return qs.filter(vocabulary=filters.vocabulary) if filters.vocabulary else qs
