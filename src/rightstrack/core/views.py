"""Shared view plumbing: run a service from a form, flip publication, one shape for the create, edit and publish
pages of a record, the favicon."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import sys

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from rightstrack.core.forms import ConfirmForm


def run_service(request, form, action, *, success_url, success_message="", template="core/form.html",
                context=None):
    """Validate `form`, call `action(values)`; show service errors on the form instead of a 500.

    PermissionDenied propagates (403). The service runs in its own transaction, so a failure
    leaves nothing half-written.
    """
    context = {"form": form, **(context or {})}
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.values() if hasattr(form, "values") else dict(form.cleaned_data))
        except ValidationError as error:
            for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        except ValueError as error:  # workflow errors (TransitionError) and similar domain refusals
            form.add_error(None, str(error))
        else:
            if success_message:  # a callable gets the service's result: "3 reports approved."
                messages.success(request, success_message(result) if callable(success_message) else success_message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def publish_toggle(request, obj, publish, success_url=None):
    """POST-only: flip `obj`'s publication through the service `publish(published=...)`, back to its page."""
    return run_service(request, ConfirmForm(request.POST), lambda values: publish(published=not obj.is_published),
                       success_url=success_url or obj.get_absolute_url(),
                       success_message=_("Published.") if not obj.is_published else _("Withdrawn from publication."),
                       context={"title": _("Publish"), "object": obj})


RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """The 500 handler, except when the database is out of reach (restarting, failing over, down): then 503 with
    a page that says so and to try again shortly, as JSON on the API. Rendered without the request's context, which
    would reach for the database again (the signed-in user)."""
    error = sys.exc_info()[1]
    if not isinstance(error, (OperationalError, InterfaceError)):
        return defaults.server_error(request, template_name)
    message = _("The database is not reachable at the moment (it may be restarting). Nothing was half-saved. "
                "Please try again in a minute.")
    if request.path.startswith("/api/"):  # the API's error format (`api.errors`)
        response = JsonResponse({"error": {"status": 503, "code": "unavailable", "message": message, "details": []}},
                                status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; send them to the app's own icon."""
    return redirect(static("rightstrack/favicon.svg"), permanent=True)


@dataclass(frozen=True)
class RecordPages:
    """The create, edit and publish pages of one kind of record, alike in every app: the record is found
    through the app's selector (`readable(user=...)`, so one the user may not read is a 404), written by its
    services (`create(actor, **values)`, `update(actor, <name>=record, **values)`, `publish(actor,
    <name>=record, published=...)`), and the form page shows a service's refusal instead of failing.
    The app's views module wraps each page in its access decorators."""

    readable: Callable
    form_class: type
    name: str
    create: Callable | None = None
    update: Callable | None = None
    publish: Callable | None = None
    create_title: str = ""
    update_title: str = ""

    def record(self, request, pk):
        return get_object_or_404(self.readable(user=request.user), pk=pk)

    def create_view(self, request):
        form = self.form_class(request.POST or None)
        return run_service(request, form, lambda values: self.create(actor=request.user, **values),
                           success_url=lambda created: created.get_absolute_url(),
                           context={"title": self.create_title})

    def update_view(self, request, pk):
        record = self.record(request, pk)
        form = self.form_class(request.POST or None, instance=record)
        return run_service(request, form,
                           lambda values: self.update(actor=request.user, **{self.name: record}, **values),
                           success_url=record.get_absolute_url(),
                           context={"title": self.update_title, "object": record})

    def publish_view(self, request, pk):
        record = self.record(request, pk)
        return publish_toggle(request, record, partial(self.publish, actor=request.user, **{self.name: record}))
