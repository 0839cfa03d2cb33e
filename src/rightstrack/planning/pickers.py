"""The linking pickers' contexts, shared by the pages that show a picker and the fragments its script swaps in.

A picker is a GET search form (it works without JavaScript: the page reloads with the results); each result is a
POST form to `planning:measure_link` that carries the selection of recommendations and the page to return to.
"""

from urllib.parse import urlencode

from django.utils.http import url_has_allowed_host_and_scheme

from rightstrack.planning.models import Measure
from rightstrack.planning.selectors import measure_pick
from rightstrack.recommendations.selectors import recommendation_pick

MEASURE_QUERY = "mq"
RECOMMENDATION_QUERY = "rq"


def safe_next(request, default: str) -> str:
    """The `next` page of the request if it is on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def selection_pairs(*, ids=(), filter_string: str = "") -> list[tuple[str, str]]:
    """The hidden fields that carry a selection of recommendations: their ids, or the list's filter query string."""
    if filter_string:
        return [("filter", filter_string)]
    return [("recommendations", str(pk)) for pk in ids]


def measure_picker(request, *, selection: list[tuple[str, str]], next_url: str) -> dict:
    """Measures matching the picker's query, which of them already answer a single selected recommendation, and
    the hidden fields each Link form carries."""
    text = request.GET.get(MEASURE_QUERY, "").strip()
    results = measure_pick(user=request.user, text=text) if text else []
    ids = [int(v) for k, v in selection if k == "recommendations"]
    linked = set()
    if results and len(ids) == 1 and not any(k == "filter" for k, _v in selection):
        linked = set(Measure.recommendations.through.objects.filter(
            recommendation_id=ids[0], measure__in=[m.pk for m in results]).values_list("measure_id", flat=True))
    return {"query": text, "results": results, "linked": linked, "next": next_url, "selection": selection,
            "params": urlencode([*selection, ("next", next_url)])}


def recommendation_picker(request, *, measure: Measure) -> dict:
    """Recommendations matching the picker's query, and which of them the measure already answers."""
    text = request.GET.get(RECOMMENDATION_QUERY, "").strip()
    results = recommendation_pick(user=request.user, text=text) if text else []
    linked = set(measure.recommendations.filter(pk__in=[r.pk for r in results]).values_list("pk", flat=True))
    return {"query": text, "results": results, "linked": linked, "measure": measure,
            "next": measure.get_absolute_url(), "params": urlencode([("measure", measure.pk)])}
