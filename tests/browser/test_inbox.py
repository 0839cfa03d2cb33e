"""In Chromium: a coordinator filters the inbox, approves two reports at once, then returns one with a comment."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from rightstrack.planning.models import ProgressReport
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


def _submitted(world, institution, measure, narrative):
    return ProgressReport.objects.create(measure=measure, institution=institution, author=world.users["focal_point"],
                                         period_end=date(2024, 6, 30), narrative=narrative, state="submitted",
                                         proposed_status="in_progress")


@pytest.mark.django_db(transaction=True)
def test_coordinator_filters_the_inbox_and_reviews_reports_in_bulk(live_server, page: Page):
    world = build_world()
    mia_second = _submitted(world, world.mia, world.measure, "Second MIA report")
    moh = _submitted(world, world.moh, world.other_measure, "MoH report")
    base = live_server.url
    sign_in(page, base, "coord")
    page.locator(".main-nav").get_by_role("link", name="Inbox").click()
    expect(page.locator("h1")).to_contain_text("Inbox 3")
    page.locator(".facets").get_by_role("link", name="MIA").click()
    expect(page.locator("h1")).to_contain_text("Inbox 2")
    assert "institution=" in page.url and "state=submitted" in page.url
    page.locator(".select-all").check()  # the "select all on this page" box
    expect(page.locator(f"#report-{world.submitted.pk}")).to_be_checked()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text("2 reports approved.")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Inbox 0")
    assert [r.state for r in ProgressReport.objects.filter(pk__in=[world.submitted.pk, mia_second.pk])] == [
        "approved", "approved"]
    assert ProgressReport.objects.get(pk=moh.pk).state == "submitted"

    page.get_by_role("link", name="Clear all filters").click()
    page.locator(f"#report-{moh.pk}").check()
    page.get_by_role("button", name="Return selected with the comment").click()
    expect(page.get_by_text("Returning reports needs a comment that says what to change.")).to_be_visible()
    assert ProgressReport.objects.get(pk=moh.pk).state == "submitted"
    expect(page.locator(f"#report-{moh.pk}")).to_be_checked()  # the selection survives the refusal
    page.fill("textarea[name=comment]", "Give the number of transferred doctors.")
    page.get_by_role("button", name="Return selected with the comment").click()
    expect(page.get_by_text("1 report returned for changes.")).to_be_visible()
    report = ProgressReport.objects.get(pk=moh.pk)
    assert (report.state, report.review_comment) == ("returned", "Give the number of transferred doctors.")
