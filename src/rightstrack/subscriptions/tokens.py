"""Signed tokens of subscription links (confirm, unsubscribe): they name the subscriber, their secret (which a
cancellation changes) and the action they allow."""

from django.core import signing

from rightstrack.subscriptions.models import Subscriber

SALT = "rightstrack.subscriptions"


class InvalidToken(Exception):
    """A link whose signature is wrong, expired, or no longer matches its subscriber."""


def token_make(subscriber: Subscriber, action: str, nonce: int | None = None) -> str:
    """A signed token naming the subscriber, their secret and the action it allows."""
    return signing.dumps({"id": subscriber.pk, "s": subscriber.secret, "a": action, "n": nonce}, salt=SALT,
                         compress=True)


def token_read(token: str, action: str, max_age=None) -> tuple[Subscriber | None, dict]:
    """The subscriber (locked for update; None if deleted) and data of a token made for `action`."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature too
        raise InvalidToken(str(error)) from error
    if not isinstance(data, dict) or data.get("a") != action:
        raise InvalidToken("wrong action")
    subscriber = Subscriber.objects.select_for_update().filter(pk=data.get("id")).first()
    if subscriber is not None and subscriber.secret != data.get("s"):
        raise InvalidToken("stale secret")
    return subscriber, data
