"""In Chromium: a coordinator opens a round on two measures, a focal point answers from My tasks, the bar fills."""

from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from rightstrack.planning.models import ReportingRound
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_a_round_is_opened_answered_and_shown_as_answered(live_server, page: Page):
    world = build_world()
    world.users["focal_point"].email = "focal@example.org"
    world.users["focal_point"].save()
    world.other_measure.lead_institution = world.mia  # both measures are MIA's
    world.other_measure.save()
    base = live_server.url
    as_of, deadline = date.today(), date.today() + timedelta(days=14)

    sign_in(page, base, "coord")
    page.get_by_role("link", name="Reporting rounds").click()
    page.get_by_role("link", name="New round").click()
    page.select_option("#id_institution", str(world.mia.pk))
    page.get_by_role("button", name="Filter").click()
    page.fill("#id_title", "Mid-year report")
    page.fill("#id_period_end", as_of.isoformat())
    page.fill("#id_deadline", deadline.isoformat())
    page.get_by_label("Service model for the police").check()
    page.get_by_label("Prison medical care to MoH").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("1 focal point was notified by e-mail")).to_be_visible()
    expect(page.locator(".round-progress.large")).to_contain_text("0% answered (0 of 2)")
    rnd = ReportingRound.objects.get()
    assert [m.to for m in mail.outbox] == [["focal@example.org"]]
    assert "Service model for the police" in mail.outbox[0].body and f"{rnd.period_end.isoformat()}" in mail.outbox[0].body

    page.context.clear_cookies()
    sign_in(page, base, "focal")
    tasks = page.locator("#rounds")
    expect(tasks).to_contain_text("Mid-year report")
    _report(page, tasks, "Service model for the police", as_of, "Twelve pilot stations opened.")
    page.goto(base + "/")
    expect(tasks.get_by_role("row", name="Service model for the police")).to_contain_text("Answered")

    page.context.clear_cookies()
    sign_in(page, base, "coord")
    page.goto(base + rnd.get_absolute_url())
    expect(page.locator(".round-progress.large")).to_contain_text("50% answered (1 of 2)")
    page.get_by_role("link", name="Report as of").click()
    expect(page.locator("main p", has_text="Twelve pilot stations opened.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, base, "focal")
    _report(page, tasks, "Prison medical care to MoH", as_of, "Medical units transferred in two regions.")
    page.context.clear_cookies()
    sign_in(page, base, "coord")
    page.goto(base + rnd.get_absolute_url())
    expect(page.locator(".round-progress.large")).to_contain_text("100% answered (2 of 2)")


def _report(page: Page, tasks, item: str, as_of: date, narrative: str) -> None:
    """From My tasks: open the round item's report form (dated as the round asks), write, submit."""
    tasks.get_by_role("row", name=item).get_by_role("link", name="Report progress").click()
    expect(page.locator("#id_period_end")).to_have_value(as_of.isoformat())
    page.fill("#id_narrative", narrative)
    page.select_option("#id_proposed_status", "in_progress")
    page.click("button.primary")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Report updated.")).to_be_visible()
