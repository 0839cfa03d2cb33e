"""Shared view plumbing: run a service from a form, flip publication, the favicon."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
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


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; send them to the app's own icon."""
    return redirect(static("rightstrack/favicon.svg"), permanent=True)
