"""In Chromium: a focal point reports progress, the coordinator returns it, then approves it."""

import pytest
from playwright.sync_api import Page, expect

from rightstrack.planning.models import Measure, ProgressReport
from tests.factories import PASSWORD, build_world


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")


@pytest.mark.django_db(transaction=True)
def test_report_review_cycle_updates_the_measure(live_server, page: Page):
    world = build_world()
    base = live_server.url
    sign_in(page, base, "focal")
    expect(page.locator("h1")).to_have_text("My to-do list")
    expect(page.get_by_role("link", name="Service model for the police")).to_be_visible()  # overdue MIA measure

    page.goto(f"{base}{world.measure.get_absolute_url()}")
    page.get_by_role("link", name="Report progress").click()
    page.select_option("#id_institution", str(world.mia.pk))
    page.fill("#id_period_end", "2024-06-30")
    page.fill("#id_narrative", "Pilot stations opened in Astana and Almaty.")
    page.locator("#tabs-narrative").get_by_role("tab", name="Russian").click()  # one tab per language
    page.fill("#id_narrative__ru", "Пилотные участки открыты в Астане и Алматы.")
    page.select_option("#id_proposed_status", "implemented")
    page.click("button.primary")
    expect(page.get_by_text("Draft report saved.")).to_be_visible()
    page.get_by_role("link", name="Add evidence").click()
    page.fill("#id_title", "Order of the Minister No. 12")
    page.fill("#id_url", "https://example.org/order-12")
    page.click("button.primary")
    page.get_by_role("button", name="Submit for review").click()
    report = ProgressReport.objects.get(narrative__startswith="Pilot stations")
    assert report.state == "submitted" and report.evidence.count() == 1

    page.context.clear_cookies()
    sign_in(page, base, "coord")
    page.goto(f"{base}{report.get_absolute_url()}")
    page.fill("textarea[name=comment]", "Please give the number of stations.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.get_by_text("Please give the number of stations.").first).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, base, "focal")
    expect(page.get_by_text("Please give the number of stations.")).to_be_visible()  # on the to-do list
    page.goto(f"{base}{report.get_absolute_url()}")
    page.get_by_role("link", name="Edit").click()
    page.fill("#id_narrative", "Twelve pilot stations opened in Astana and Almaty.")
    page.click("button.primary")
    page.get_by_role("button", name="Submit for review").click()

    page.context.clear_cookies()
    sign_in(page, base, "coord")
    page.goto(f"{base}{report.get_absolute_url()}")
    page.get_by_role("button", name="Approve").click()
    page.goto(f"{base}{world.measure.get_absolute_url()}")
    expect(page.locator(".facts .badge").first).to_have_text("Implemented")
    assert Measure.objects.get(pk=world.measure.pk).status == "implemented"
    expect(page.locator("#history")).to_contain_text("status from approved progress report")
