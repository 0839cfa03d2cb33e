"""The legal act list's filters."""

from django.utils.translation import gettext_lazy as _

from rightstrack.core.filtersets import (
    FacetFilter,
    FacetFilterSet,
    SearchFilter,
    SortFilter,
)
from rightstrack.legislation.models import LegalAct


class LegalActFilterSet(FacetFilterSet):
    kind = FacetFilter(_("Kind"), "kind", dict(LegalAct.Kind.choices))
    q = SearchFilter("title", "number")
    sort = SortFilter({"date": "date", "title": "title", "number": "number"}, default="-date")
