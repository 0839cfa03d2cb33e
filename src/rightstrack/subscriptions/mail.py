"""Building and sending subscription mail. Every message carries a one-click unsubscribe link (RFC 8058)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.core.mail import Mail, mail_send
from rightstrack.subscriptions.tokens import token_make


def absolute(path: str) -> str:
    """A link usable from a mail client: SITE_URL plus the path."""
    return settings.SITE_URL.rstrip("/") + path


def _send(subscriber, subject: str, template: str, context: dict) -> None:
    unsubscribe = absolute(reverse("subscriptions:unsubscribe", args=[token_make(subscriber, "unsubscribe")]))
    context = {**context, "subscriber": subscriber, "unsubscribe_url": unsubscribe}
    mail_send(to=subscriber.email, mail=Mail(subject, render_to_string(f"subscriptions/{template}.txt", context),
                                            render_to_string(f"subscriptions/{template}.html", context)),
              headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


def send_confirmation(subscriber, token: str, topics: list[dict]) -> None:
    """The double opt-in mail, listing exactly the topics its link confirms (the request's consent record)."""
    kinds = {"theme": _("Theme"), "mechanism": _("Mechanism"), "institution": _("Institution")}
    with translation.override(subscriber.language):
        _send(subscriber, _("Confirm your rightstrack subscription"), "confirm_mail",
              {"confirm_url": absolute(reverse("subscriptions:confirm", args=[token])),
               "topics": [f"{kinds.get(t['kind'], t['kind'])}: {t['name']}" for t in topics]})


def send_digest(subscriber, digest: dict) -> None:
    """The digest of newly published changes on the subscriber's topics."""
    with translation.override(subscriber.language):
        _send(subscriber, _("rightstrack: newly published on the topics you follow"), "digest_mail",
              {**digest, "portal_url": absolute(reverse("portal:home"))})
