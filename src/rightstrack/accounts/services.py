"""Writes on accounts."""

from django.db import transaction

from rightstrack.core.services import record_save


@transaction.atomic
def user_language_set(*, user, language: str) -> None:
    """Save the interface language a user picked, so it follows them to other browsers and into their e-mails."""
    if user.language != language:
        record_save(obj=user, actor=user, values={"language": language}, reason="language")
