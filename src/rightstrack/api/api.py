"""The REST v1 API: one NinjaAPI, one router per domain, one error format."""

from functools import wraps

from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger

from rightstrack.api import errors, exports, jobs, legislation, planning, recommendations, reference
from rightstrack.api.throttles import api_throttles

api = NinjaAPI(
    title="rightstrack API",
    version="1",
    description=("Read what is published without authentication; write with a personal token "
                 "(`Authorization: Bearer rt_…`) under the same permissions as the web interface."),
    urls_namespace="api",
    docs=Swagger(),  # served from django-ninja's bundled static files, never a CDN
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=api_throttles(),
)
errors.install(api)
api.add_router("", recommendations.router)
api.add_router("", planning.router)
api.add_router("", legislation.router)
api.add_router("", reference.router)
api.add_router("", exports.router)
api.add_router("", jobs.router)
fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False, auth=None,
                        url_name="not_found")
def not_found(request, rest: str):
    """Unknown API paths answer in the API's error format, not with an HTML page (registered last)."""
    return errors.error_response(api, request, 404, "No such API endpoint.")


api.add_router("", fallback)



def _uniform_405(view):
    """Ninja answers a wrong method with a plain-text 405; give it the API's error format (keeping Allow)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = errors.error_response(api, request, 405, f"Method not allowed; use {allowed}.")
            response["Allow"] = allowed
        return response

    return wrapper


def urls():
    """The API's URL patterns (namespace `api`), each view wrapped for the uniform 405."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _uniform_405(pattern.callback)
    return patterns, app_name, namespace
