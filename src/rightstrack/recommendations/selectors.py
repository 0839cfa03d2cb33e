"""Reads for recommendations, clusters, source documents and assessments; permissions apply here."""

import re
from datetime import datetime

from django.conf import settings
from django.db.models import FilteredRelation, Prefetch, Q, QuerySet

from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import (
    is_manager,
    published_unless_internal,
    role_of,
)
from rightstrack.core.facets import FacetIndexes, ListedRows
from rightstrack.planning.selectors import measure_list, readable_target
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.recommendations.models import (
    Assessment,
    Cluster,
    Mechanism,
    Recommendation,
)
from rightstrack.search.selectors import facet_generation, recommendation_search
from rightstrack.taxonomy.models import TagAssignment, Vocabulary

# The in-process facet index of each queryset the list page counts (per database and per visibility).
FACET_INDEXES = FacetIndexes()


def recommendation_list(*, user, as_of: datetime | None = None) -> QuerySet[Recommendation]:
    """Recommendations the user may read: everything when signed in, published ones otherwise; with `as_of`, as
    they were at that moment (simple-history's records, as model instances)."""
    if as_of is not None:
        return published_unless_internal(Recommendation.history.as_of(as_of), user)
    qs = Recommendation.objects.select_related("source_document__mechanism", "lead_institution", "cluster")
    return published_unless_internal(qs, user)


def _accepted(vocabulary: str) -> FilteredRelation:
    return FilteredRelation("tags", condition=Q(tags__status=TagAssignment.Status.ACCEPTED,
                                                tags__vocabulary=vocabulary))


def _facetable(user) -> QuerySet[Recommendation]:
    return recommendation_list(user=user).annotate(
        theme_tags=_accepted(Vocabulary.THEME), issue_tags=_accepted(Vocabulary.UPR_ISSUE),
        sdg_tags=_accepted(Vocabulary.SDG_GOAL),
    )


def answered_by_plan(*, user, plan) -> set[int] | None:
    """Ids of the recommendations linked to the measures of action plan `plan` (an id) that the user may read;
    None when `plan` is not given, nothing when it is not a number."""
    if plan in (None, ""):
        return None
    if not str(plan).isdigit():
        return set()
    measures = measure_list(user=user).filter(version__plan=int(plan))
    return set(Recommendation.objects.filter(measures__in=measures.values("pk")).values_list("pk", flat=True))


def _searched(qs: QuerySet, params, user) -> tuple[QuerySet, object, list[int] | None, list[int] | None | bool,
                                                   set[int] | None]:
    """The search app filters and ranks by `q` (mode: fulltext, semantic or hybrid); facets then count its hits.
    `plan=<id>` keeps the recommendations that the plan's measures (any version the user may read) answer.

    Also the hits' ids in relevance order when the list is shown in that order (else None), and every hit's
    id (None when there is no `q`: every row; False when the search did not give a list of hits, such as a
    query of NOT terms only or the substring fallback); and for a search by meaning, its hits that have the words
    (None when not known).
    """
    answering = answered_by_plan(user=user, plan=params.get("plan"))
    if answering is not None:
        qs = qs.filter(pk__in=answering)
    if not (params.get("q") or "").strip():
        return qs, params, None, None if answering is None else sorted(answering), None
    qs, info = recommendation_search(qs, params["q"], params.get("mode"))
    params = params.copy()
    params.pop("q")
    if info.ranked and not params.get("sort"):
        params["sort"] = "relevance"  # not a column sort, so the FilterSet keeps the relevance order
    order = info.order if params.get("sort") == "relevance" and info.ranked else None
    if answering is not None and info.ranked:
        order = None if order is None else [pk for pk in order if pk in answering]
        return qs, params, order, [pk for pk in info.order if pk in answering], info.worded
    return qs, params, order, info.order if info.ranked else False, info.worded


def recommendation_filtered(*, user, params) -> QuerySet[Recommendation]:
    """The list filtered, searched and sorted by a query string, without facet counts (the API's list)."""
    qs, params, _order, _hits, _worded = _searched(_facetable(user), params, user)
    return RecommendationFilterSet(params, qs).qs


def recommendation_faceted(*, user, params) -> tuple[QuerySet, list]:
    """The filtered list and its facet counts for a query string."""
    qs, params, _order, _hits, _worded = _searched(_facetable(user), params, user)
    filters = RecommendationFilterSet(params, qs)
    return filters.qs, filters.facet_counts()


def recommendation_page_rows(*, user, params) -> tuple[ListedRows, list]:
    """The list page's rows (to paginate) and facet counts.

    The counts and the row count come from the in-process facet index of what the user may read (built
    from the same queryset, rebuilt whenever the facet triggers wrote a new token) restricted to the
    search's hits; a list in relevance order is read a page at a time by id instead of sorting every hit
    in the database. A search that gives no list of hits is counted in SQL (`FacetFilterSet.facet_counts`),
    and so is a page view less than SEARCH_FACET_INDEX_WAIT seconds (default 0: never) after the last
    rebuild when the index is already stale again: the same counts, read from the rows. A search by meaning also
    hands on which of its hits have the words (`ListedRows.worded`).
    """
    visible = _facetable(user)
    qs, params, order, hits, worded = _searched(visible, params, user)
    index = None
    if hits is not False:
        index = FACET_INDEXES.get(visible, RecommendationFilterSet.facets(), facet_generation,
                                  wait=getattr(settings, "SEARCH_FACET_INDEX_WAIT", 0.0))
    if index is None:  # no list of hits, or the index went stale less than SEARCH_FACET_INDEX_WAIT s after a build
        filters = RecommendationFilterSet(params, qs)
        facets = filters.facet_counts()
        if order is None:
            return ListedRows(_shown(filters.qs), filters.qs.count(), worded=worded), facets
        listed = set(filters.qs.values_list("pk", flat=True))
        return ListedRows(_shown(visible), len(listed), [pk for pk in order if pk in listed], worded), facets
    facets, mask = index.counted(params, hits)
    if order is not None:
        return ListedRows(_shown(visible), int(mask.sum()), index.in_order(order, mask), worded), facets
    return ListedRows(_shown(RecommendationFilterSet(params, qs).qs), int(mask.sum()), worded=worded), facets


def _shown(qs: QuerySet) -> QuerySet:
    """What the list page's table reads of each row: its document's symbol and its States, not the mechanism,
    institution and cluster that `recommendation_list` joins for other pages."""
    return qs.select_related(None).select_related("source_document").prefetch_related("recommending_states")


def recommendation_get(*, user, pk: int) -> Recommendation:
    """One readable recommendation with what its page shows, or DoesNotExist."""
    return (recommendation_list(user=user)
            .prefetch_related("recommending_states", "co_executors",
                              Prefetch("tags", queryset=TagAssignment.objects.select_related("term")))
            .get(pk=pk))


# "A/HRC/28/10 ¶ 121.5", "A/HRC/28/10", "¶121.5" or "121.5": a reference rather than words to search for.
_REFERENCE = re.compile(r"(?P<symbol>[^\s¶§]*/[^\s¶§]*)?\s*(?:¶|§|para\.?|п\.)?\s*(?P<paragraph>\d+(?:\.\d+)*)?",
                        re.IGNORECASE)


def recommendation_pick(*, user, text: str, limit: int = 20) -> list[Recommendation]:
    """Recommendations the user may read that `text` names: a document symbol and/or paragraph ("A/HRC/28/10 ¶ 121.5",
    "121.5"), or else words found by full-text search over the text and its translations (the linking pickers)."""
    text = text.strip()
    if not text:
        return []
    qs = recommendation_list(user=user)
    reference = _REFERENCE.fullmatch(text)
    if reference and (reference["symbol"] or reference["paragraph"]):
        if reference["symbol"]:
            qs = qs.filter(source_document__symbol__istartswith=reference["symbol"])
        if reference["paragraph"]:
            qs = qs.filter(paragraph=reference["paragraph"])
        return list(qs.order_by("-source_document__date", "source_document__symbol", "paragraph_key")[:limit])
    return list(recommendation_search(qs, text, "fulltext")[0][:limit])


def assessment_list(*, user) -> QuerySet[Assessment]:
    """Published assessments, plus drafts of the assessor's own organisation; managers see all."""
    qs = Assessment.objects.select_related("organisation", "assessor")
    if is_manager(user):
        return qs
    if role_of(user) == Role.ASSESSOR:
        return qs.filter(Q(is_published=True) | Q(organisation__in=user.institution_ids))
    # A published assessment of an unpublished measure or recommendation stays hidden with its target.
    return qs.filter(is_published=True).filter(readable_target(user))


def mechanism_list() -> QuerySet[Mechanism]:
    """All mechanisms (public reference data)."""
    return Mechanism.objects.all()


def cluster_list(*, user) -> QuerySet[Cluster]:
    """Clusters with the number of recommendations the user may read in each."""
    return Cluster.objects.all()
