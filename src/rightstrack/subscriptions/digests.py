"""What each confirmed subscriber receives: items published or changed since their last digest."""

import logging

from django.db.models import Q
from django.utils import timezone

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.planning.selectors import measure_list, progress_report_list
from rightstrack.recommendations.selectors import assessment_list, recommendation_list
from rightstrack.subscriptions import mail
from rightstrack.subscriptions.models import Subscriber, Subscription
from rightstrack.subscriptions.selectors import on_topics

log = logging.getLogger(__name__)


def _changed_since(since) -> Q:
    return Q(published_at__gt=since) | Q(updated_at__gt=since)


def digest_for(*, subscriber: Subscriber, since) -> dict:
    """The published items on the subscriber's confirmed topics that appeared or changed after `since`.

    Reads only through the anonymous selectors, so a digest never carries unpublished data.
    """
    topics = subscriber.subscriptions.filter(confirmed_at__isnull=False)
    terms = [s.term_id for s in topics if s.kind == Subscription.Kind.THEME]
    mechanisms = [s.mechanism_id for s in topics if s.kind == Subscription.Kind.MECHANISM]
    institutions = [s.institution_id for s in topics if s.kind == Subscription.Kind.INSTITUTION]
    on_topic = on_topics(terms=terms, mechanisms=mechanisms, institutions=institutions)
    recommendations = recommendation_list(user=ANONYMOUS).filter(on_topic).distinct()
    measure_topic = (Q(recommendations__in=recommendations.values("pk")) | Q(lead_institution__in=institutions)
                     | Q(co_executors__in=institutions))
    measures = measure_list(user=ANONYMOUS, current_only=True).filter(measure_topic).distinct()
    target = Q(measure__in=measures.values("pk")) | Q(recommendation__in=recommendations.values("pk"))
    return {
        "recommendations": list(recommendations.filter(_changed_since(since)).order_by("pk")[:50]),
        "measures": list(measures.filter(_changed_since(since)).order_by("pk")[:50]),
        "reports": list(progress_report_list(user=ANONYMOUS).filter(target, published_at__gt=since).order_by("pk")[:50]),
        "assessments": list(assessment_list(user=ANONYMOUS).filter(target, published_at__gt=since).order_by("pk")[:50]),
    }


def digests_send(*, now=None) -> int:
    """Mail every subscriber with confirmed consent what is new for them; returns the number of mails sent.

    Idempotent: `last_digest_at` moves forward only after a mail was handed over (or nothing was
    new), so a re-run sends nothing twice and a failed send is retried next time.
    """
    now = now or timezone.now()
    sent = 0
    active = Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True,
                                       subscriptions__confirmed_at__isnull=False).distinct()
    for subscriber in active:
        digest = digest_for(subscriber=subscriber, since=subscriber.last_digest_at or subscriber.confirmed_at)
        try:
            if any(digest.values()):
                mail.send_digest(subscriber, digest)
                sent += 1
        except OSError:  # SMTP down: keep last_digest_at so the next run retries this subscriber
            log.exception("digest to subscriber %s failed", subscriber.pk)
            continue
        Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
    return sent
