"""Sign-up with double opt-in, confirmation, one-click unsubscribe and the retention purge.

Every state change writes a ConsentRecord in the same transaction; mail leaves after commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.core.models import marked
from rightstrack.subscriptions import mail
from rightstrack.subscriptions.consent import CONSENT_VERSION, consent_text
from rightstrack.subscriptions.models import ConsentRecord, Subscriber, Subscription
from rightstrack.subscriptions.tokens import InvalidToken, token_make, token_read


def _topics(subscriptions) -> list[dict]:
    return [{"kind": s.kind, "id": s.target.pk, "name": marked(s.target)} for s in subscriptions]


def _open_request(subscriber: Subscriber, now) -> bool:
    """Whether a confirmation mail went out recently and has not been answered: then no other is sent."""
    last = subscriber.consents.order_by("-pk").first()
    return (last is not None and last.event == ConsentRecord.Event.REQUESTED
            and last.at >= now - timedelta(minutes=settings.SUBSCRIPTIONS_PENDING_MINUTES))


@transaction.atomic
def subscription_request(*, email: str, language: str, consent_version: str, terms=(), mechanisms=(),
                         institutions=()) -> Subscriber:
    """Record a sign-up as unconfirmed and mail a confirmation link (double opt-in) listing exactly the topics
    this request adds; its link confirms those and nothing else.

    An anonymous request never changes what an existing subscriber has (language, confirmed topics). At most one
    confirmation per address is pending (SUBSCRIPTIONS_PENDING_MINUTES) and at most
    SUBSCRIPTIONS_REQUESTS_PER_DAY are sent to an address; a request beyond that is dropped without a word.
    The same answer is given in every case, so the form reveals nothing about who subscribes.
    """
    if consent_version != CONSENT_VERSION:
        raise ValidationError(_("The consent text has changed since the form was loaded; please read it again."))
    targets = ([("theme", "term", t) for t in terms] + [("mechanism", "mechanism", m) for m in mechanisms]
               + [("institution", "institution", i) for i in institutions])
    if not targets:
        raise ValidationError(_("Choose at least one theme, mechanism or institution to follow."))
    email = email.strip().lower()
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    elif _open_request(subscriber, now) or subscriber.consents.filter(
            event=ConsentRecord.Event.REQUESTED, at__gte=now - timedelta(days=1)
    ).count() >= settings.SUBSCRIPTIONS_REQUESTS_PER_DAY:
        return subscriber
    existing = {(s.kind, s.target.pk) for s in subscriber.subscriptions.all()}
    new = [Subscription(subscriber=subscriber, kind=kind, **{field: obj}) for kind, field, obj in targets
           if (kind, obj.pk) not in existing]
    if not new:
        return subscriber  # already following all of it (or waiting for its confirmation): nothing to ask
    Subscription.objects.bulk_create(new)
    with translation.override(subscriber.language):
        record = ConsentRecord.objects.create(subscriber=subscriber, event=ConsentRecord.Event.REQUESTED,
                                              consent_version=CONSENT_VERSION, consent_text=consent_text(),
                                              topics=_topics(new))
    token = token_make(subscriber, "confirm", nonce=record.pk)
    transaction.on_commit(lambda: mail.send_confirmation(subscriber, token, record.topics))
    return subscriber


def _requested(subscription: Subscription, topics: list[dict]) -> bool:
    return {"kind": subscription.kind, "id": subscription.target.pk} in [
        {"kind": t["kind"], "id": t["id"]} for t in topics]


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm consent from the mailed link: exactly the topics that mail listed become active, and the consent
    record says so; topics anybody requested later wait for their own confirmation."""
    max_age = timedelta(days=settings.SUBSCRIPTIONS_CONFIRM_DAYS)
    subscriber, data = token_read(token, "confirm", max_age=max_age)
    if subscriber is None:
        raise InvalidToken("unknown subscriber")
    if subscriber.consents.filter(event=ConsentRecord.Event.WITHDRAWN, pk__gt=data.get("n") or 0).exists():
        raise InvalidToken("withdrawn after this request")  # an old confirmation link cannot undo an unsubscribe
    requested = subscriber.consents.filter(pk=data.get("n"), event=ConsentRecord.Event.REQUESTED).first()
    if requested is None:
        raise InvalidToken("unknown request")
    pending = [s for s in subscriber.subscriptions.filter(confirmed_at__isnull=True) if _requested(s, requested.topics)]
    if subscriber.is_active and not pending:
        return subscriber  # a second click on the same link changes nothing
    now = timezone.now()
    Subscription.objects.filter(pk__in=[s.pk for s in pending]).update(confirmed_at=now)
    subscriber.confirmed_at, subscriber.unsubscribed_at = subscriber.confirmed_at or now, None
    subscriber.last_digest_at = subscriber.last_digest_at or now
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at", "last_digest_at"])
    confirmed = [t for t in requested.topics if any(s.kind == t["kind"] and s.target.pk == t["id"] for s in pending)]
    ConsentRecord.objects.create(subscriber=subscriber, event=ConsentRecord.Event.CONFIRMED,
                                 consent_version=requested.consent_version, consent_text=requested.consent_text,
                                 topics=confirmed)
    return subscriber


@transaction.atomic
def subscription_cancel(*, token: str) -> Subscriber | None:
    """One-click unsubscribe: stop every mail at once. Returns None if the data was already purged."""
    subscriber, _data = token_read(token, "unsubscribe")
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
