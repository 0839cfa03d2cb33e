"""The recommendation list's filters, facets, search fields and sorts (pages, exports and the API share them)."""

from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.core.filtersets import (
    FacetFilter,
    FacetFilterSet,
    SearchFilter,
    SortFilter,
)
from rightstrack.core.models import ImplementationStatus
from rightstrack.recommendations.models import Cluster, Country, Recommendation
from rightstrack.taxonomy.models import Term


def _names(model, attr="name"):
    def lookup(ids):
        return {o.pk: o.tr(attr) if hasattr(o, "tr") else str(o) for o in model.objects.filter(pk__in=ids)}
    return lookup


def _clusters(ids):
    return {c.pk: c for c in Cluster.objects.filter(pk__in=ids)}  # shown by name, marked when untranslated


def _states(names):
    return {c.name: c for c in Country.objects.filter(name__in=names)}  # in the reader's language, marked if not


def _terms(ids):
    return {t.pk: t for t in Term.objects.filter(pk__in=ids)}


class RecommendationFilterSet(FacetFilterSet):
    """Over `recommendations.selectors` faceted queryset (its `theme_tags`, `issue_tags` and `sdg_tags` are the
    accepted tags of each vocabulary)."""

    mechanism = FacetFilter(_("Mechanism"), "source_document__mechanism__code")
    cycle = FacetFilter(_("Cycle"), "source_document__cycle")
    response = FacetFilter(_("Response"), "response", dict(Recommendation.Response.choices))
    status = FacetFilter(_("Status"), "status", dict(ImplementationStatus.choices))
    institution = FacetFilter(_("Institution"), "lead_institution", _names(Institution, "abbreviation"),
                              empty=_("No lead institution"))
    cluster = FacetFilter(_("Cluster"), "cluster", _clusters)
    theme = FacetFilter(_("Theme"), "theme_tags__term", _terms)
    issue = FacetFilter(_("UPR Info issue"), "issue_tags__term", _terms)
    sdg = FacetFilter(_("SDG"), "sdg_tags__term", _terms)
    state = FacetFilter(_("Recommending State"), "recommending_states__name", _states)
    q = SearchFilter("text", "paragraph", "source_document__symbol", "recommending_states__name")
    sort = SortFilter({"paragraph": "paragraph_key", "document": "source_document__symbol",
                       "date": "source_document__date", "status": "status", "response": "response",
                       "deadline": "deadline"}, default="date")
