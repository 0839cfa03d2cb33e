"""The REST v1 API: one NinjaAPI, one router per domain, one error format."""

from django.urls import path
from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger

from rightstrack.api import errors, exports, legislation, planning, recommendations, reference

api = NinjaAPI(
    title="rightstrack API",
    version="1",
    description=("Read what is published without authentication; write with a personal token "
                 "(`Authorization: Bearer rt_…`) under the same permissions as the web interface."),
    urls_namespace="api",
    docs=Swagger(),  # served from django-ninja's bundled static files, never a CDN
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", recommendations.router)
api.add_router("", planning.router)
api.add_router("", legislation.router)
api.add_router("", reference.router)
api.add_router("", exports.router)
fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False, auth=None,
                        url_name="not_found")
def not_found(request, rest: str):
    """Unknown API paths answer in the API's error format, not with an HTML page (registered last)."""
    return errors.error_response(api, request, 404, "No such API endpoint.")


api.add_router("", fallback)

urlpatterns = [path("", api.urls)]
