"""One error format for every API failure: {"error": {"status", "code", "message", "details"}}."""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from rightstrack.core.views import RETRY_AFTER_SECONDS
from rightstrack.planning.workflow import TransitionError

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         422: "invalid", 500: "server_error", 503: "unavailable"}
DATABASE_UNAVAILABLE = "The database is not reachable at the moment (it may be restarting); try again in a minute."


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    details: list = []


class ErrorOut(Schema):
    error: ErrorBody


def error_response(api, request, status: int, message: str, details=None):
    """Render an error in the one format."""
    body = {"status": status, "code": CODES.get(status, "error"), "message": message, "details": details or []}
    return api.create_response(request, {"error": body}, status=status)


def _django_validation_details(error: DjangoValidationError) -> list:
    if hasattr(error, "error_dict"):
        return [{"field": field, "messages": messages} for field, messages in error.message_dict.items()]
    return [{"field": None, "messages": error.messages}]


def install(api) -> None:
    """Register the handlers on a NinjaAPI."""
    api.add_exception_handler(NinjaValidationError, lambda r, e: error_response(
        api, r, 422, "The request is not valid.", [
            {"loc": list(err.get("loc", [])), "message": err.get("msg", ""), "type": err.get("type", "")}
            for err in e.errors]))
    api.add_exception_handler(AuthenticationError, lambda r, e: error_response(
        api, r, 401, "A valid API token is required: send 'Authorization: Bearer <token>'."))
    api.add_exception_handler(HttpError, lambda r, e: error_response(api, r, e.status_code, str(e)))
    api.add_exception_handler(PermissionDenied, lambda r, e: error_response(
        api, r, 403, str(e) or "You do not have permission to do this."))
    api.add_exception_handler(Http404, lambda r, e: error_response(api, r, 404, "Not found."))
    api.add_exception_handler(ObjectDoesNotExist, lambda r, e: error_response(api, r, 404, "Not found."))
    api.add_exception_handler(TransitionError, lambda r, e: error_response(api, r, 422, str(e)))
    api.add_exception_handler(DjangoValidationError, lambda r, e: error_response(
        api, r, 422, "The data is not valid.", _django_validation_details(e)))

    def database_unavailable(request, exc):
        log.warning("API request to %s while the database is unreachable: %s", request.path, exc)
        response = error_response(api, request, 503, DATABASE_UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(OperationalError, database_unavailable)
    api.add_exception_handler(InterfaceError, database_unavailable)

    def server_error(request, exc):
        log.exception("API error on %s", request.path, exc_info=exc)
        return error_response(api, request, 500, "Internal error; it has been logged.")

    api.add_exception_handler(Exception, server_error)
