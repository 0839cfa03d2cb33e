"""The language switch: Django's own view, which also remembers a signed-in user's choice."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from rightstrack.accounts.services import user_language_set


@require_POST
def set_language(request):
    """Set the language cookie and, for a signed-in user, their saved language (used on every browser and e-mail)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response
