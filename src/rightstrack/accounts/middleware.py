"""A signed-in user's saved interface language."""

from django.conf import settings
from django.utils import translation


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
