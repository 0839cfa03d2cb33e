"""Deadlines, weekly digests, escalation digests and reminders: content, language, once-only, SMTP."""

import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from rightstrack.planning.models import IndicatorValue
from rightstrack.reminders.models import SentNotification
from rightstrack.reminders.selectors import deadline_items
from rightstrack.reminders.services import notifications_send

TODAY = date(2026, 11, 30)  # a Monday


@pytest.fixture
def people(world):
    for key, address, language in [("focal_point", "focal@example.org", "en"), ("other_focal_point", "", "en"),
                                   ("coordinator", "coord@example.org", "ru")]:
        user = world.users[key]
        user.email, user.language = address, language
        user.save()
    world.indicator.baseline_year, world.indicator.target_year = 2023, 2030
    world.indicator.save()
    IndicatorValue.objects.create(indicator=world.indicator, period="2024", period_end=date(2024, 12, 31), value=10)
    world.submitted.submitted_at = None
    world.draft.state, world.draft.review_comment = "returned", "Attach the ministerial order"
    world.draft.save()
    return world


def _by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_deadline_items_cover_measures_recommendations_and_indicator_periods(people):
    people.hidden_recommendation.deadline = TODAY + timedelta(days=10)
    people.hidden_recommendation.save()
    items = deadline_items(user=people.users["coordinator"], today=TODAY)
    assert [(i.kind, i.state) for i in items] == [("measure", "overdue"), ("indicator", "overdue"),
                                                  ("recommendation", "due_soon")]
    assert items[1].label.endswith("— 2025")  # 2024 has a value; 2025 was due on 31 Jan 2026
    anonymous = deadline_items(user=None, today=TODAY)
    assert "recommendation" not in {i.kind for i in anonymous}  # the unpublished one stays hidden


def test_focal_point_digest_lists_their_items_and_returned_reports(people):
    sent = notifications_send(today=TODAY)
    assert sent["digest"] == 1  # the MoH focal point has no e-mail address; nobody else is a focal point
    digest = _by_recipient()["focal@example.org"]
    assert digest.subject == "rightstrack weekly digest: 2 overdue items"
    assert "Service model for the police" in digest.body and "Judges trained through HELP — 2025" in digest.body
    assert "Attach the ministerial order" in digest.body
    assert "31 Dec 2022" in digest.body  # English date format, unambiguous
    html = digest.alternatives[0][0]
    assert 'href="http://127.0.0.1:8000/plans/measures/' in html


def test_coordinator_gets_an_escalation_digest_in_their_language(people):
    notifications_send(today=TODAY)
    escalation = _by_recipient()["coord@example.org"]
    body = escalation.body
    assert "MIA" in body and "1430" in body and "Service model for the police" in body
    assert "Submitted narrative" not in body and "/plans/reports/" in body  # the report waiting for review
    assert "days late" not in body and "Hello" not in body  # written in Russian, the coordinator's language
    assert not escalation.subject.startswith("rightstrack escalation")


def test_digest_dates_follow_the_recipients_language(people):
    focal = people.users["focal_point"]
    focal.language = "ru"
    focal.save()
    notifications_send(today=TODAY)
    assert "31.12.2022" in _by_recipient()["focal@example.org"].body


def test_running_twice_in_a_week_sends_each_mail_once(people):
    first = notifications_send(today=TODAY)
    second = notifications_send(today=TODAY + timedelta(days=2))
    assert sum(first.values()) == len(mail.outbox) == 2 and sum(second.values()) == 0
    notifications_send(today=TODAY + timedelta(days=7))
    assert len(mail.outbox) == 4
    assert SentNotification.objects.filter(kind="digest").count() == 2


@pytest.mark.parametrize("days,expected", [(14, 1), (13, 0), (3, 1)])
def test_reminder_goes_out_14_and_3_days_before_the_due_date(people, days, expected):
    people.measure.deadline = TODAY + timedelta(days=days)
    people.measure.save()
    assert notifications_send(today=TODAY)["reminder"] == expected
    reminders = [m for m in mail.outbox if m.subject.startswith("Due in")]
    assert len(reminders) == expected
    if expected:
        assert reminders[0].subject == f"Due in {days} days: 1. Service model for the police"


def test_command_queues_a_job_or_sends_now(people):
    before = DBTaskResult.objects.count()
    call_command("send-digests")
    assert DBTaskResult.objects.count() == before + 1 and not mail.outbox
    call_command("send-digests", "--now", "--date", TODAY.isoformat())
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError, match="--date"):
        call_command("send-digests", "--now", "--date", "next monday")


def test_the_queued_job_sends_the_mail(people):
    from rightstrack.reminders.tasks import send_notifications

    assert send_notifications.call(TODAY.isoformat()) == {"digest": 1, "escalation": 1, "reminder": 0, "round": 0}


def test_a_failed_send_is_not_logged_as_sent(people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(OSError):
        notifications_send(today=TODAY)
    assert not SentNotification.objects.exists()


def test_smtp_round_trip_to_a_local_server(people, settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Keep(Sink):
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        notifications_send(today=TODAY)
    finally:
        controller.stop()
    recipients = sorted(r for m in handler.messages for r in m.rcpt_tos)
    assert recipients == ["coord@example.org", "focal@example.org"]
    assert b"Service model for the police" in next(m.content for m in handler.messages
                                                    if m.rcpt_tos == ["focal@example.org"])
