"""Reads for legal acts."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.core.facets import Facet, FacetedList
from rightstrack.core.selectors import published_unless_internal
from rightstrack.legislation.models import LegalAct

LEGAL_ACT_LIST = FacetedList(
    facets=[Facet("kind", _("Kind"), "kind", dict(LegalAct.Kind.choices))],
    sorts={"date": "date", "title": "title", "number": "number"},
    search_fields=("title", "number"),
    default_sort="-date",
)


def legal_act_list(*, user) -> QuerySet[LegalAct]:
    """Legal acts the user may read."""
    return published_unless_internal(LegalAct.objects.prefetch_related("amendments"), user)


def legal_act_faceted(*, user, params) -> tuple[QuerySet, list]:
    """Filtered legal acts and facet counts."""
    qs = legal_act_list(user=user)
    return LEGAL_ACT_LIST.apply(qs, params), LEGAL_ACT_LIST.counts(qs, params)
