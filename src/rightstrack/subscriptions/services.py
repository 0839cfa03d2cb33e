"""Sign-up with double opt-in, confirmation, one-click unsubscribe and the retention purge.

Every state change writes a ConsentRecord in the same transaction; mail leaves after commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.subscriptions import mail
from rightstrack.subscriptions.consent import CONSENT_VERSION, consent_text
from rightstrack.subscriptions.models import ConsentRecord, Subscriber, Subscription

SALT = "rightstrack.subscriptions"


class InvalidToken(Exception):
    """A link whose signature is wrong, expired, or no longer matches its subscriber."""


def make_token(subscriber: Subscriber, action: str, nonce: int | None = None) -> str:
    """A signed token naming the subscriber, their secret and the action it allows."""
    return signing.dumps({"id": subscriber.pk, "s": subscriber.secret, "a": action, "n": nonce}, salt=SALT,
                         compress=True)


def _read_token(token: str, action: str, max_age=None) -> tuple[Subscriber | None, dict]:
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


def _topics(subscriptions) -> list[dict]:
    return [{"kind": s.kind, "id": s.target.pk, "name": str(s.target)} for s in subscriptions]


@transaction.atomic
def subscription_request(*, email: str, language: str, consent_version: str, terms=(), mechanisms=(),
                         institutions=()) -> Subscriber:
    """Record a sign-up as unconfirmed and mail a confirmation link (double opt-in).

    The same answer is given whether or not the address is known, so the form reveals nothing.
    """
    if consent_version != CONSENT_VERSION:
        raise ValidationError(_("The consent text has changed since the form was loaded; please read it again."))
    targets = ([("theme", "term", t) for t in terms] + [("mechanism", "mechanism", m) for m in mechanisms]
               + [("institution", "institution", i) for i in institutions])
    if not targets:
        raise ValidationError(_("Choose at least one theme, mechanism or institution to follow."))
    email = email.strip().lower()
    subscriber, _created = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    existing = {(s.kind, s.target.pk) for s in subscriber.subscriptions.all()}
    new = [Subscription(subscriber=subscriber, kind=kind, **{field: obj}) for kind, field, obj in targets
           if (kind, obj.pk) not in existing]
    Subscription.objects.bulk_create(new)
    with translation.override(language):
        record = ConsentRecord.objects.create(subscriber=subscriber, event=ConsentRecord.Event.REQUESTED,
                                              consent_version=CONSENT_VERSION, consent_text=consent_text(),
                                              topics=_topics(new))
    token = make_token(subscriber, "confirm", nonce=record.pk)
    transaction.on_commit(lambda: mail.send_confirmation(subscriber, token))
    return subscriber


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm consent from the mailed link: the subscriber and their pending topics become active."""
    max_age = timedelta(days=settings.SUBSCRIPTIONS_CONFIRM_DAYS)
    subscriber, data = _read_token(token, "confirm", max_age=max_age)
    if subscriber is None:
        raise InvalidToken("unknown subscriber")
    if subscriber.consents.filter(event=ConsentRecord.Event.WITHDRAWN, pk__gt=data.get("n") or 0).exists():
        raise InvalidToken("withdrawn after this request")  # an old confirmation link cannot undo an unsubscribe
    pending = list(subscriber.subscriptions.filter(confirmed_at__isnull=True))
    if subscriber.is_active and not pending:
        return subscriber  # a second click on the same link changes nothing
    requested = subscriber.consents.get(pk=data.get("n"))
    now = timezone.now()
    subscriber.subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=now)
    subscriber.confirmed_at, subscriber.unsubscribed_at = now, None
    subscriber.last_digest_at = subscriber.last_digest_at or now
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at", "last_digest_at"])
    ConsentRecord.objects.create(subscriber=subscriber, event=ConsentRecord.Event.CONFIRMED,
                                 consent_version=requested.consent_version, consent_text=requested.consent_text,
                                 topics=_topics(pending))
    return subscriber


@transaction.atomic
def subscription_cancel(*, token: str) -> Subscriber | None:
    """One-click unsubscribe: stop every mail at once. Returns None if the data was already purged."""
    subscriber, _data = _read_token(token, "unsubscribe")
    if subscriber is None or subscriber.unsubscribed_at is not None:
        return subscriber
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["unsubscribed_at"])
    topics = _topics(subscriber.subscriptions.all())
    subscriber.subscriptions.all().delete()
    last = subscriber.consents.order_by("-pk").first()
    ConsentRecord.objects.create(subscriber=subscriber, event=ConsentRecord.Event.WITHDRAWN,
                                 consent_version=last.consent_version if last else CONSENT_VERSION,
                                 consent_text=last.consent_text if last else "", topics=topics)
    return subscriber


@transaction.atomic
def subscribers_purge(*, days: int | None = None, now=None) -> int:
    """Delete unsubscribed or never-confirmed addresses whose last consent event is older than `days`."""
    days = settings.SUBSCRIPTIONS_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValueError("The retention period cannot be negative.")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    inactive = Subscriber.objects.filter(Q(unsubscribed_at__isnull=False) | Q(confirmed_at__isnull=True))
    stale = inactive.annotate(last_event=Max("consents__at")).filter(
        Q(last_event__lt=cutoff) | Q(last_event__isnull=True, created_at__lt=cutoff))
    count = stale.count()
    Subscriber.objects.filter(pk__in=stale.values("pk")).delete()
    return count
