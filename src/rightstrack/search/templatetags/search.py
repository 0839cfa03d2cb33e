"""Template tags: the search-mode switch of list pages and the "related" box of detail pages."""

from django import template

from rightstrack.planning.selectors import measure_list
from rightstrack.recommendations.selectors import recommendation_list
from rightstrack.search.query import parse
from rightstrack.search.selectors import MODES, measures_that_may_answer, similar_recommendations

register = template.Library()


@register.inclusion_tag("search/_search_mode.html", takes_context=True)
def search_mode(context):
    """Links to run the same query as full text, semantic or hybrid, and what the parser repaired."""
    request = context["request"]
    current = request.GET.get("mode") if request.GET.get("mode") in MODES else "fulltext"
    links = []
    for mode in MODES:
        params = request.GET.copy()
        params["mode"] = mode
        params.pop("page", None)
        links.append((mode, f"?{params.urlencode()}", mode == current))
    text = request.GET.get("q", "")
    return {"links": links, "query": text, "notes": parse(text).notes if text else []}


@register.inclusion_tag("search/_related.html", takes_context=True)
def related_to_recommendation(context, recommendation):
    """Similar recommendations and measures that may answer this one (by meaning), within what the user may see;
    measures of each plan's current version only, as a superseded version's copy of a measure is no answer."""
    user = context["request"].user
    return {"object": recommendation,
            "similar": similar_recommendations(visible=recommendation_list(user=user), recommendation=recommendation),
            "measures": measures_that_may_answer(visible=measure_list(user=user, current_only=True),
                                                 recommendation=recommendation)}
