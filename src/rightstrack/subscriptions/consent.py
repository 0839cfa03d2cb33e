"""The consent text shown beside the sign-up form. Change CONSENT_VERSION whenever the wording changes."""

from django.conf import settings
from django.utils.translation import gettext as _

CONSENT_VERSION = "2026-11-29"


def consent_text() -> str:
    """The exact consent wording, in the active language, as shown on the form and stored with each consent."""
    return _(
        "We use your sign-up to send you, by e-mail, a digest of newly published changes on the themes, "
        "mechanisms and institutions you chose, and for nothing else. We keep your e-mail address, your choices "
        "and this consent record. You can unsubscribe at any time with the link in every e-mail; your data is "
        "then deleted after %(days)s days."
    ) % {"days": settings.SUBSCRIPTIONS_RETENTION_DAYS}
