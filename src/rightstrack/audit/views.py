"""The audit log page: administrators only, read-only."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from rightstrack.audit.models import AuditEvent
from rightstrack.audit.selectors import audit_event_list


@login_required
def audit_event_list_view(request):
    kind, username = request.GET.get("kind", ""), request.GET.get("username", "").strip()
    events = audit_event_list(user=request.user, kind=kind, username=username)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/audit_event_list.html", {
        "page": page, "events": page.object_list, "kinds": AuditEvent.Kind.choices, "kind": kind,
        "username": username})
