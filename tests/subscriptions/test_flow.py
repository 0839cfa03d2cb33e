"""Double opt-in, consent records, digests, one-click unsubscribe and the retention purge."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from rightstrack.recommendations.models import Recommendation
from rightstrack.subscriptions.consent import CONSENT_VERSION
from rightstrack.subscriptions.digests import digests_send
from rightstrack.subscriptions.models import ConsentRecord, Subscriber
from rightstrack.subscriptions.services import subscribers_purge
from rightstrack.subscriptions.tasks import purge_unsubscribed, send_subscription_digests
from tests.subscriptions.conftest import link, sign_up_data


@pytest.fixture
def signed_up(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/public/subscriptions/", sign_up_data(world))
    assert response.status_code == 302 and response["Location"] == "/public/subscriptions/sent/"
    return Subscriber.objects.get(email="reader@example.org")


@pytest.fixture
def confirmed(client, signed_up):
    assert client.post(link(mail.outbox[0], "confirm")).status_code == 200
    signed_up.refresh_from_db()
    return signed_up


def _publish_on_theme(world, text="Abolish the death penalty in all circumstances"):
    rec = Recommendation.objects.create(source_document=world.document, paragraph="130.1", text=text,
                                        is_published=True, published_at=timezone.now())
    rec.tags.create(term=world.term, status="accepted")
    return rec


def test_sign_up_records_consent_and_mails_a_confirmation_only(signed_up):
    assert signed_up.confirmed_at is None and not signed_up.is_active
    record = signed_up.consents.get()
    assert record.event == ConsentRecord.Event.REQUESTED and record.consent_version == CONSENT_VERSION
    assert record.consent_text.startswith("We use your sign-up") and "unsubscribe at any time" in record.consent_text
    assert record.topics[0]["kind"] == "theme"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"] and "/confirm/" in message.body
    assert "- Theme: D23 Death penalty" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http") and "/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nothing_is_sent_before_consent_is_confirmed(world, signed_up):
    _publish_on_theme(world)
    assert digests_send() == 0 and len(mail.outbox) == 1


def test_confirmation_is_recorded_and_opening_the_link_only_shows_a_button(client, signed_up):
    url = link(mail.outbox[0], "confirm")
    assert client.get(url).status_code == 200
    signed_up.refresh_from_db()
    assert signed_up.confirmed_at is None, "a link scanner's GET must not confirm consent"
    assert client.post(url).status_code == 200
    signed_up.refresh_from_db()
    assert signed_up.is_active and signed_up.subscriptions.filter(confirmed_at__isnull=False).count() == 1
    confirmed = signed_up.consents.get(event=ConsentRecord.Event.CONFIRMED)
    assert confirmed.consent_text == signed_up.consents.get(event="requested").consent_text


def test_digest_carries_new_published_items_once(world, confirmed):
    rec = _publish_on_theme(world)
    hidden = Recommendation.objects.create(source_document=world.document, paragraph="130.2",
                                           text="Unpublished on the same theme")
    hidden.tags.create(term=world.term, status="accepted")
    assert digests_send(now=timezone.now() + timedelta(seconds=2)) == 1
    digest = mail.outbox[-1]
    assert rec.text[:40] in digest.body and "Unpublished on the same theme" not in digest.body
    assert f"/public/recommendations/{rec.pk}/" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digests_send(now=timezone.now() + timedelta(seconds=3)) == 0, "a re-run sends nothing twice"


def test_digest_command_and_task(world, confirmed):
    _publish_on_theme(world)
    call_command("send-subscriptions")
    assert len(mail.outbox) == 2
    assert send_subscription_digests.call() == 0


def test_one_click_unsubscribe_by_mail_client_post_without_csrf(world, signed_up):
    unsubscribe = link(mail.outbox[0], "unsubscribe")
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(unsubscribe).status_code == 200
    signed_up.refresh_from_db()
    assert signed_up.unsubscribed_at is None, "opening the page alone does not unsubscribe"
    response = strict.post(unsubscribe, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    signed_up.refresh_from_db()
    assert signed_up.unsubscribed_at is not None and not signed_up.subscriptions.exists()
    assert signed_up.consents.filter(event=ConsentRecord.Event.WITHDRAWN).exists()
    assert strict.post(unsubscribe).status_code == 200, "unsubscribing twice is harmless"


def test_old_confirmation_link_cannot_undo_an_unsubscribe(client, world, confirmed):
    client.post(link(mail.outbox[0], "unsubscribe"))
    assert client.post(link(mail.outbox[0], "confirm")).status_code == 400
    confirmed.refresh_from_db()
    assert not confirmed.is_active
    _publish_on_theme(world)
    assert digests_send() == 0


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "garbage", lambda t: t.replace(":", "")])
def test_tampered_links_are_refused(client, signed_up, mangle):
    url = link(mail.outbox[0], "confirm")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert client.post(url.replace(token, mangle(token))).status_code == 400
    assert client.post(f"/public/subscriptions/unsubscribe/{mangle(token)}/").status_code == 400
    signed_up.refresh_from_db()
    assert signed_up.confirmed_at is None and signed_up.unsubscribed_at is None


def test_a_confirm_token_cannot_unsubscribe_and_vice_versa(client, signed_up):
    confirm_token = link(mail.outbox[0], "confirm").rstrip("/").rsplit("/", 1)[1]
    assert client.post(f"/public/subscriptions/unsubscribe/{confirm_token}/").status_code == 400
    unsubscribe_token = link(mail.outbox[0], "unsubscribe").rstrip("/").rsplit("/", 1)[1]
    assert client.post(f"/public/subscriptions/confirm/{unsubscribe_token}/").status_code == 400


def test_expired_confirmation_link_is_refused(client, signed_up, settings):
    settings.SUBSCRIPTIONS_CONFIRM_DAYS = -1
    assert client.post(link(mail.outbox[0], "confirm")).status_code == 400


@pytest.mark.parametrize("change,message", [
    ({"themes": []}, "Choose at least one"),
    ({"consent": ""}, "This field is required"),
    ({"email": "not-an-address"}, "valid email"),
    ({"consent_version": "1999-01-01"}, "consent text has changed"),
    ({"themes": ["999999"]}, "Select a valid choice"),
])
def test_bad_sign_up_is_refused_and_stores_nothing(client, world, change, message):
    response = client.post("/public/subscriptions/", {**sign_up_data(world), **change})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_same_answer_for_a_known_address(client, world, signed_up, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/public/subscriptions/", sign_up_data(world, email="READER@example.org"))
    assert response["Location"] == "/public/subscriptions/sent/"
    assert Subscriber.objects.count() == 1 and signed_up.subscriptions.count() == 1


def test_purge_deletes_inactive_addresses_after_the_retention_period(client, world, confirmed, settings):
    settings.SUBSCRIPTIONS_RETENTION_DAYS = 30
    stale = Subscriber.objects.create(email="gone@example.org", unsubscribed_at=timezone.now())
    ConsentRecord.objects.create(subscriber=stale, event="withdrawn", consent_version="v", consent_text="t")
    ConsentRecord.objects.filter(subscriber=stale).update(at=timezone.now() - timedelta(days=31))
    never = Subscriber.objects.create(email="never@example.org")
    ConsentRecord.objects.create(subscriber=never, event="requested", consent_version="v", consent_text="t")
    ConsentRecord.objects.filter(subscriber=never).update(at=timezone.now() - timedelta(days=40))
    recent = Subscriber.objects.create(email="recent@example.org", unsubscribed_at=timezone.now())
    ConsentRecord.objects.create(subscriber=recent, event="withdrawn", consent_version="v", consent_text="t")
    assert subscribers_purge() == 2
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"reader@example.org", "recent@example.org"}
    assert not ConsentRecord.objects.filter(subscriber_id__in=[stale.pk, never.pk]).exists()
    call_command("purge-subscribers", "--days", "0")
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"reader@example.org"}
    assert purge_unsubscribed.call() == 0
    with pytest.raises(CommandError):
        call_command("purge-subscribers", "--days", "-1")


def test_unsubscribe_link_after_purge_says_nothing_is_left(client, world, signed_up):
    unsubscribe = link(mail.outbox[0], "unsubscribe")
    client.post(unsubscribe)
    subscribers_purge(days=0, now=timezone.now() + timedelta(seconds=1))
    assert not Subscriber.objects.exists()
    assert client.post(unsubscribe).status_code == 200
