"""Writing the audit log: one function, called where the event happens (sign-in signals, token check, exports)."""

from django.conf import settings

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
