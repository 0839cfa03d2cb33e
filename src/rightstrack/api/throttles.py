"""API throttles (django-ninja's): per client address for anonymous readers, per token user for the rest.

Counters live in the "ratelimit" cache, which every process on the machine shares; the rates are read from
settings on each request, so they can be changed without a restart of the module."""

from django.conf import settings
from django.core.cache import caches
from ninja.throttling import AnonRateThrottle, AuthRateThrottle


class _Shared:
    setting = ""

    @property
    def cache(self):
        return caches["ratelimit"]

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


def _has_token(request) -> bool:
    # Open endpoints authenticate a visitor without a token as AnonymousUser, not None.
    return bool(getattr(getattr(request, "auth", None), "is_authenticated", False))


class AnonymousThrottle(_Shared, AnonRateThrottle):
    """Anonymous requests, per client address (API_ANONYMOUS_RATE)."""

    setting = "API_ANONYMOUS_RATE"

    def get_cache_key(self, request):
        if _has_token(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_Shared, AuthRateThrottle):
    """Requests with a token, per user (API_TOKEN_RATE); anonymous ones are left to AnonymousThrottle."""

    setting = "API_TOKEN_RATE"

    def get_cache_key(self, request):
        return super().get_cache_key(request) if _has_token(request) else None


def api_throttles() -> list:
    return [AnonymousThrottle(settings.API_ANONYMOUS_RATE), TokenThrottle(settings.API_TOKEN_RATE)]
