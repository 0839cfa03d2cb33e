"""Shared view plumbing (run a service from a form) and the home page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Role
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.overview import overview
from rightstrack.core.permissions import is_manager, role_of
from rightstrack.planning.rounds import focal_point_round_items
from rightstrack.planning.selectors import focal_point_todo


def manager_required(view):
    """Sign-in required, then coordinators and administrators only (403 for other roles, GET included)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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


def home(request):
    """A focal point's home is their to-do list; others get the overview; visitors the public summary."""
    if role_of(request.user) == Role.FOCAL_POINT:
        return render(request, "core/home_focal_point.html", {
            **focal_point_todo(user=request.user), "round_items": focal_point_round_items(user=request.user)})
    return render(request, "core/home.html", overview(user=request.user))
