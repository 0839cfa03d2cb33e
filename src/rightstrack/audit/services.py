"""Writing the audit log: one function, called where the event happens (sign-in signals, token check, exports);
and its retention prune."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from rightstrack.audit.models import AuditEvent


def client_address(request) -> str | None:
    """The client's address as the sign-in throttle sees it (RATELIMIT_IP_META_KEY behind a proxy)."""
    if request is None:
        return None
    key = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    value = (request.META.get(key) or request.META.get("REMOTE_ADDR") or "").split(",")[0].strip()
    return value or None


def audit_record(*, kind: str, request=None, actor=None, username: str = "", target: str = "",
                 detail: dict | None = None) -> AuditEvent:
    """Add one event to the audit log; `actor` defaults to the request's signed-in user."""
    if actor is None and request is not None and getattr(request, "user", None) is not None \
            and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        kind=kind, actor=actor, username=(username or (actor.get_username() if actor else ""))[:150],
        ip_address=client_address(request), target=target[:300], detail=detail or {})


def audit_prune(*, days: int | None = None, now=None) -> int:
    """Delete the events older than `days` (AUDIT_RETENTION_DAYS by default; 0 keeps every event); returns how
    many."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValueError("The retention period cannot be negative.")
    if days == 0:
        return 0
    return AuditEvent.objects.filter(at__lt=(now or timezone.now()) - timedelta(days=days)).delete()[0]
