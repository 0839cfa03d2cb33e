"""The subscription flow end to end in Chromium: form → mail → confirm link → unsubscribe link → database."""

import pytest
from django.core import mail

from rightstrack.subscriptions.models import ConsentRecord, Subscriber
from tests.factories import build_world
from tests.subscriptions.conftest import link


@pytest.mark.django_db(transaction=True)
def test_subscribe_confirm_unsubscribe_in_a_browser(page, live_server, settings):
    world = build_world()
    settings.SITE_URL = live_server.url
    mail.outbox = []
    world.recommendation.tags.create(term=world.term, status="accepted")
    page.goto(f"{live_server.url}/public/recommendations/{world.recommendation.pk}/")
    page.get_by_role("link", name="Follow", exact=True).click()  # beside the theme tag
    page.fill("input[name=email]", "journalist@example.org")
    assert page.get_by_label("D23 Death penalty").is_checked(), "the theme the visitor came from is pre-ticked"
    assert "unsubscribe at any time" in page.inner_text("#consent-text")
    page.get_by_label("I have read the text above and agree.").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_selector("#sent")

    [message] = mail.outbox
    assert message.to == ["journalist@example.org"]
    subscriber = Subscriber.objects.get(email="journalist@example.org")
    assert subscriber.confirmed_at is None

    page.goto(live_server.url + link(message, "confirm"))
    page.click("#confirm")
    page.wait_for_selector("#confirmed")
    subscriber.refresh_from_db()
    assert subscriber.is_active and subscriber.subscriptions.get().term == world.term

    page.goto(live_server.url + link(message, "unsubscribe"))
    page.click("#unsubscribe")
    page.wait_for_selector("#unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None and not subscriber.subscriptions.exists()
    assert list(subscriber.consents.values_list("event", flat=True)) == [
        ConsentRecord.Event.REQUESTED, ConsentRecord.Event.CONFIRMED, ConsentRecord.Event.WITHDRAWN]
