"""Shared pieces of the API modules: safe strings and ids, query-string filters, the acting user."""

from datetime import date
from typing import Annotated

from django.conf import settings as django_settings
from django.http import QueryDict
from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator, Field, StringConstraints

from rightstrack.accounts.permissions import ANONYMOUS

# PostgreSQL rejects NUL characters; refuse them up front with a 422 instead of a database error.
SafeStr = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=10000)]
ShortStr = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=200)]


def _not_a_boolean(value):
    # Pydantic's lax mode reads JSON `true` as 1; an id is never a yes/no.
    if isinstance(value, bool):
        raise ValueError("an id is a number, not true or false")
    return value


Id = Annotated[int, BeforeValidator(_not_a_boolean), Field(ge=1, le=2**31 - 1)]
# A date a report or plan can really carry: not year 1, not year 9999 (typing slips, or probes).
PlausibleDate = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2200, 12, 31))]


def to_params(filters) -> QueryDict:
    """Turn a filter schema into the query-string form the domain FilterSets read (`ordering` → `sort`)."""
    params = QueryDict(mutable=True)
    for key, value in filters.model_dump(exclude_none=True).items():
        key = "sort" if key == "ordering" else key
        if isinstance(value, list):
            params.setlist(key, [str(v) for v in value])
        else:
            params[key] = str(value)
    return params


def reader(request):
    """Who reads: the token's user, or an anonymous visitor (published data only)."""
    return request.auth if request.auth is not None else ANONYMOUS


def ordering_values(sorts: dict) -> tuple:
    """Allowed `ordering` values: each sort key, ascending or descending (`-key`)."""
    return tuple(sorted(sorts)) + tuple(f"-{key}" for key in sorted(sorts))


class Pagination(LimitOffsetPagination):
    """`limit`/`offset` pagination whose offset is bounded, so a huge number is a 422, not a database error."""

    class Input(Schema):
        limit: int = Field(django_settings.NINJA_PAGINATION_PER_PAGE, ge=1,
                           le=django_settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=2**31 - 1)


class ExecutorsOut(Schema):
    """Base of the schemas of records with a lead institution and co-executors: both given by abbreviation."""

    @staticmethod
    def resolve_lead_institution(obj):
        return obj.lead_institution.abbreviation if obj.lead_institution else None

    @staticmethod
    def resolve_co_executors(obj):
        return [i.abbreviation for i in obj.co_executors.all()]
