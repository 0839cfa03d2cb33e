"""A signed-in user's saved interface language, and the two-factor step a fresh sign-in must pass."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from rightstrack.accounts import two_factor


class UserLanguageMiddleware:
    """Serve a signed-in user in their saved language, unless this browser has picked one (the language cookie).

    Sits after AuthenticationMiddleware; LocaleMiddleware has already chosen from the cookie or the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
                and user.language in dict(settings.LANGUAGES)):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class TwoFactorMiddleware:
    """Hold a signed-in session at its two-factor step (a code to give, or an authenticator to enrol) until done.

    The step is set at sign-in (two_factor.hold_session_at_step); the pages of the step itself, sign-out and the
    language switch stay open. Covers /admin/ too: its sign-in is the same Django login.
    """

    OPEN_VIEWS = {"accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout",
                  "accounts:set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = request.session.get(two_factor.SESSION_KEY) if request.user.is_authenticated else None
        if step is None or request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        target = "accounts:two_factor_verify" if step == two_factor.VERIFY else "accounts:two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
