"""Reporting-round mails: one on opening, a reminder before and after the deadline, each once, in the user's language."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rightstrack.planning.models import ProgressReport, ReportingRound
from rightstrack.planning.rounds import reporting_round_create
from rightstrack.reminders.services import reporting_round_mails_send

AS_OF = date(2026, 9, 30)
DEADLINE = date(2026, 10, 20)


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def rnd(world):
    for key, address, language in [("focal_point", "focal@example.org", "en"),
                                   ("other_focal_point", "focal2@example.org", "ru")]:
        user = world.users[key]
        user.email, user.language = address, language
        user.save()
    rnd = reporting_round_create(actor=world.users["coordinator"], title="Q3 2026", deadline=DEADLINE,
                                 period_end=AS_OF, measures=[world.measure, world.other_measure],
                                 translations={"title": {"ru": "III квартал 2026"}})
    ReportingRound.objects.filter(pk=rnd.pk).update(created_at=_noon(date(2026, 10, 1)))  # opened 19 days before
    rnd.refresh_from_db()
    return rnd


def _send(rnd, today):
    mail.outbox.clear()
    reporting_round_mails_send(rounds=[rnd], today=today)
    return {m.to[0]: m for m in mail.outbox}


def test_each_asked_focal_point_gets_one_opening_mail_in_their_language_with_links(world, rnd):
    sent = _send(rnd, date(2026, 10, 1))
    assert set(sent) == {"focal@example.org", "focal2@example.org"}
    english, russian = sent["focal@example.org"], sent["focal2@example.org"]
    assert english.subject == "Progress reports requested by 20 Oct 2026: Q3 2026"
    assert "Service model for the police" in english.body and "Prison medical care" not in english.body
    form = f"http://127.0.0.1:8000/plans/report/measure/{world.measure.pk}/?institution={world.mia.pk}&period_end=2026-09-30"
    assert form in english.body and form.replace("&", "&amp;") in english.alternatives[0][0]
    assert "III квартал 2026" in russian.subject and "20.10.2026" in russian.body and "Hello" not in russian.body
    assert _send(rnd, date(2026, 10, 2)) == {}  # once only


def test_reminders_go_before_and_after_the_deadline_once_and_not_to_those_who_answered(world, rnd):
    _send(rnd, date(2026, 10, 1))
    assert _send(rnd, DEADLINE - timedelta(days=4)) == {}
    ProgressReport.objects.create(measure=world.other_measure, institution=world.moh, period_end=AS_OF,
                                  narrative="n", proposed_status="in_progress", state="submitted")
    before = _send(rnd, DEADLINE - timedelta(days=3))
    assert list(before) == ["focal@example.org"]  # MoH answered
    assert before["focal@example.org"].subject == "Reminder: progress reports due on 20 Oct 2026: Q3 2026"
    assert _send(rnd, DEADLINE - timedelta(days=2)) == {} and _send(rnd, DEADLINE) == {}
    after = _send(rnd, DEADLINE + timedelta(days=1))
    assert list(after) == ["focal@example.org"]
    assert after["focal@example.org"].subject.startswith("Overdue: progress reports were due on 20 Oct 2026")
    assert _send(rnd, DEADLINE + timedelta(days=5)) == {}


def test_closed_rounds_send_nothing_and_the_daily_job_sends_round_mails(world, rnd):
    call_command("send-digests", "--now", "--date", "2026-10-01")
    assert {m.subject for m in mail.outbox if "Q3 2026" in m.subject} == {
        "Progress reports requested by 20 Oct 2026: Q3 2026"}
    rnd.state = "closed"
    rnd.save()
    assert _send(rnd, DEADLINE + timedelta(days=1)) == {}


def test_a_round_opened_inside_the_reminder_window_sends_no_separate_before_reminder(world, rnd):
    ReportingRound.objects.filter(pk=rnd.pk).update(created_at=_noon(DEADLINE - timedelta(days=2)))
    rnd.refresh_from_db()
    assert len(_send(rnd, DEADLINE - timedelta(days=2))) == 2  # the opening mails
    assert _send(rnd, DEADLINE - timedelta(days=1)) == {}
