"""Helpers for the subscription tests: sign someone up and read the links out of their mail."""

import re
from urllib.parse import urlparse

from rightstrack.subscriptions.consent import CONSENT_VERSION


def sign_up_data(world, email="reader@example.org", **extra) -> dict:
    return {"email": email, "themes": [world.term.pk], "consent_version": CONSENT_VERSION, "consent": "on", **extra}


def link(message, kind: str) -> str:
    """The path of the confirm or unsubscribe link in a mail's text body."""
    url = re.search(rf"(https?://\S+/{kind}/\S+/)", message.body).group(1)
    return urlparse(url).path

