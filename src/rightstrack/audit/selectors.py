"""Reading the audit log: administrators only."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from rightstrack.accounts.models import Role
from rightstrack.audit.models import AuditEvent
from rightstrack.accounts.permissions import role_of


def audit_event_list(*, user, kind: str = "", username: str = "") -> QuerySet[AuditEvent]:
    """The newest events first, for an administrator; filtered by kind and by account name."""
    if role_of(user) != Role.ADMINISTRATOR:
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    if kind in AuditEvent.Kind.values:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(username__iexact=username)
    return events
