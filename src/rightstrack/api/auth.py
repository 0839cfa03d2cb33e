"""Bearer-token authentication: writes require a token; reads accept one but do not need it."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.security import HttpBearer

from rightstrack.api.models import ApiToken, hash_token
from rightstrack.audit.models import AuditEvent
from rightstrack.audit.services import audit_record


def user_for_token(raw: str):
    """The active user behind a token, or None (unknown, revoked or inactive)."""
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True).first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer rt_…`; the request then acts as the token's user. Every use, and every refused
    token, goes to the audit log."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        audit_record(kind=AuditEvent.Kind.TOKEN_USED if user else AuditEvent.Kind.TOKEN_REFUSED, request=request,
                     actor=user, target=f"{request.method} {request.path}"[:300])
        return user


class OptionalTokenAuth(TokenAuth):
    """No header: an anonymous reader (published data only). A header must carry a valid token."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)


token_auth = TokenAuth()
optional_auth = OptionalTokenAuth()
