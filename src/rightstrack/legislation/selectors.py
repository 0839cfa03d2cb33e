"""Reads for legal acts."""

from django.db.models import Prefetch, QuerySet

from rightstrack.accounts.permissions import published_unless_internal
from rightstrack.legislation.filtersets import LegalActFilterSet
from rightstrack.legislation.models import LegalAct
from rightstrack.planning.models import Measure
from rightstrack.planning.selectors import measure_list
from rightstrack.recommendations.selectors import recommendation_list


def legal_act_list(*, user) -> QuerySet[LegalAct]:
    """Legal acts the user may read."""
    return published_unless_internal(LegalAct.objects.prefetch_related("amendments"), user)


def legal_act_faceted(*, user, params) -> tuple[QuerySet, list]:
    """Filtered legal acts and facet counts."""
    filters = LegalActFilterSet(params, legal_act_list(user=user))
    return filters.qs, filters.facet_counts()


def legal_act_measures(*, user, act) -> QuerySet[Measure]:
    """The measures of `act` the user may read, each with only the recommendations the user may read."""
    return measure_list(user=user).filter(legal_acts=act).prefetch_related(
        Prefetch("recommendations", queryset=recommendation_list(user=user).select_related("source_document")))
