"""Template tags: the search-mode switch of list pages and the "related" box of detail pages."""

from django import template

from rightstrack.accounts.permissions import ANONYMOUS, is_manager
from rightstrack.planning.selectors import measure_list
from rightstrack.recommendations.selectors import recommendation_filtered, recommendation_list
from rightstrack.search.query import parse
from rightstrack.search.selectors import (
    MODES,
    measures_that_may_answer,
    mode_or_default,
    near_spellings,
    similar_recommendations,
)

register = template.Library()


@register.inclusion_tag("search/_search_mode.html", takes_context=True)
def search_mode(context, found=None, public=False, rows=None):
    """Links to run the same query as full text, semantic or hybrid, and what the parser repaired. When a search by
    meaning `found` records (the list's `rows`): how many of them have the words (the rest are only close in
    meaning). When it found nothing, the other modes to try; when it found nothing or nothing with the words, near
    spellings of its words (among published records if `public`)."""
    request = context["request"]
    current = mode_or_default(request.GET.get("mode"))
    links = []
    for mode in MODES:
        params = request.GET.copy()
        params["mode"] = mode
        params.pop("page", None)
        links.append((mode, f"?{params.urlencode()}", mode == current))
    text = request.GET.get("q", "")
    context = {"links": links, "query": text, "notes": parse(text).notes if text else [], "empty": False,
               "found": found, "worded": None}
    reader = ANONYMOUS if public else request.user
    if text.strip() and found and rows is not None and current != "fulltext":
        worded = request.GET.copy()
        worded["mode"] = "fulltext"
        if getattr(rows, "worded", None) is not None:  # the search knew which hits have the words
            context["worded"] = rows.worded_count()
        else:
            shown = getattr(rows, "qs", rows)  # the page's own hits (a ListedRows holds them as `qs`)
            context["worded"] = shown.filter(
                pk__in=recommendation_filtered(user=reader, params=worded).values("pk")).count()
    if text.strip() and (found == 0 or context["worded"] == 0):
        visible = recommendation_list(user=reader)
        params = request.GET.copy()
        params.pop("page", None)
        spellings = []
        for spelling in near_spellings(visible=visible, text=text):
            params["q"] = spelling
            spellings.append((spelling, f"?{params.urlencode()}"))
        context.update(empty=found == 0, spellings=spellings, others=[link for link in links if not link[2]])
    return context


@register.inclusion_tag("search/_related.html", takes_context=True)
def related_to_recommendation(context, recommendation):
    """Similar recommendations and measures that may answer this one (by meaning), within what the user may see;
    measures of each plan's current version only, as a superseded version's copy of a measure is no answer."""
    user = context["request"].user
    return {"object": recommendation, "can_link": is_manager(user), "csrf_token": context.get("csrf_token"),
            "similar": similar_recommendations(visible=recommendation_list(user=user), recommendation=recommendation),
            "measures": measures_that_may_answer(visible=measure_list(user=user, current_only=True),
                                                 recommendation=recommendation)}
