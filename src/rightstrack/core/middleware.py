"""Request guards that apply to every page and API route alike."""

import re

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

# The widest integer any of our databases stores (SQLite and PostgreSQL bigint). A filter value beyond it names
# no record; passed on, it raises OverflowError deep inside a query (a 500).
MAX_INTEGER = 2**63 - 1
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
FREE_TEXT = frozenset({"q", "search", "text"})


def overlong_integer(params) -> str | None:
    """The name of the first query parameter whose value is an integer no database column can hold, if any."""
    for key, values in params.lists():
        if key in FREE_TEXT:
            continue
        for value in values:
            if _INTEGER.fullmatch(value) and (len(value) > 40 or abs(int(value)) > MAX_INTEGER):
                return key
    return None


class OverlongIntegerMiddleware:
    """Refuse with 400 any page request whose query string carries an integer too large for the database, so no
    filter (facets, dashboards, report previews, exports) has to guard against it on its own. The API is left to
    its schemas, which bound every integer and answer 422 in the API's error format."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None if request.path.startswith("/api/") else overlong_integer(request.GET)
        if key is None:
            return self.get_response(request)
        message = _("The value of “%(name)s” is not a number this site can look up.") % {"name": key}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
