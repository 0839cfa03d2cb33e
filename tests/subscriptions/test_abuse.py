"""Sign-ups cannot flood a mailbox, and a confirmation confirms exactly what its mail showed (findings 5 and 6)."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from rightstrack.recommendations.models import Mechanism
from rightstrack.subscriptions.models import ConsentRecord, Subscriber
from tests.snapshot import database_fingerprint
from tests.subscriptions.conftest import link, sign_up_data


def _sign_up(client, captured, data, **headers):
    with captured(execute=True):
        return client.post("/public/subscriptions/", data, **headers)


def test_twenty_sign_ups_for_one_address_send_one_mail(client, world, django_capture_on_commit_callbacks, settings):
    settings.SUBSCRIPTIONS_CLIENT_RATE = "1000/h"  # only the per-address limit is under test here
    for n in range(20):
        _sign_up(Client(REMOTE_ADDR=f"10.0.0.{n}"), django_capture_on_commit_callbacks, sign_up_data(world))
    assert len(mail.outbox) == 1
    assert Subscriber.objects.get().consents.count() == 1


def test_an_address_gets_a_new_confirmation_only_after_the_pending_one_lapses_and_a_few_a_day(
        world, django_capture_on_commit_callbacks, settings):
    settings.SUBSCRIPTIONS_CLIENT_RATE = "1000/h"
    mechanisms = [Mechanism.objects.create(code=f"M{n}", name=f"Mechanism {n}", kind="treaty") for n in range(6)]
    _sign_up(Client(), django_capture_on_commit_callbacks, sign_up_data(world, mechanisms=[mechanisms[0].pk]))
    _sign_up(Client(), django_capture_on_commit_callbacks, sign_up_data(world, mechanisms=[mechanisms[1].pk]))
    assert len(mail.outbox) == 1  # the first confirmation is still pending
    for mechanism in mechanisms[1:]:
        ConsentRecord.objects.update(at=timezone.now() - timedelta(hours=2))  # pending lapsed, same day
        _sign_up(Client(), django_capture_on_commit_callbacks, sign_up_data(world, mechanisms=[mechanism.pk]))
    assert len(mail.outbox) == settings.SUBSCRIPTIONS_REQUESTS_PER_DAY


def test_one_client_is_limited_across_addresses(world, django_capture_on_commit_callbacks, settings):
    settings.SUBSCRIPTIONS_CLIENT_RATE = "5/h"
    client = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [_sign_up(client, django_capture_on_commit_callbacks,
                         sign_up_data(world, email=f"victim{n}@example.org")).status_code for n in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    assert len(mail.outbox) == 5
    before = database_fingerprint(), Subscriber.objects.count()
    assert _sign_up(client, django_capture_on_commit_callbacks, sign_up_data(world, email="x@example.org")
                    ).status_code == 429
    assert (database_fingerprint(), Subscriber.objects.count()) == before
    assert _sign_up(Client(REMOTE_ADDR="192.0.2.8"), django_capture_on_commit_callbacks,
                    sign_up_data(world, email="x@example.org")).status_code == 302


def test_a_confirmation_confirms_only_the_topics_its_mail_showed(client, world, django_capture_on_commit_callbacks):
    _sign_up(client, django_capture_on_commit_callbacks, sign_up_data(world))
    first_mail = mail.outbox[0]
    # A third party adds a topic for the same address after the first mail went out (and after it lapsed).
    ConsentRecord.objects.update(at=timezone.now() - timedelta(hours=2))
    cat = Mechanism.objects.create(code="CAT", name="Committee against Torture", kind="treaty")
    _sign_up(Client(REMOTE_ADDR="203.0.113.9"), django_capture_on_commit_callbacks,
             sign_up_data(world, themes=[], mechanisms=[cat.pk]))
    assert "Committee against Torture" not in first_mail.body and "Death penalty" in first_mail.body
    assert client.post(link(first_mail, "confirm")).status_code == 200
    subscriber = Subscriber.objects.get()
    assert [str(s.target) for s in subscriber.subscriptions.filter(confirmed_at__isnull=False)] == [str(world.term)]
    assert subscriber.subscriptions.get(kind="mechanism").confirmed_at is None
    confirmed = subscriber.consents.get(event="confirmed")
    assert [t["id"] for t in confirmed.topics] == [world.term.pk]
    assert confirmed.topics == subscriber.consents.filter(event="requested").first().topics


def test_an_anonymous_sign_up_changes_nothing_of_a_confirmed_subscriber(client, world,
                                                                         django_capture_on_commit_callbacks):
    _sign_up(client, django_capture_on_commit_callbacks, sign_up_data(world))
    client.post(link(mail.outbox[0], "confirm"))
    ConsentRecord.objects.update(at=timezone.now() - timedelta(hours=2))
    before = database_fingerprint(), list(Subscriber.objects.values()), list(ConsentRecord.objects.values())
    other = Client(REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="ru")
    _sign_up(other, django_capture_on_commit_callbacks, sign_up_data(world))  # same topic, Russian page
    assert (database_fingerprint(), list(Subscriber.objects.values()), list(ConsentRecord.objects.values())) == before
    assert Subscriber.objects.get().language == "en" and len(mail.outbox) == 1
