"""In Chromium: the dashboard's charts and filters, then a report built by the job worker with its progress."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from rightstrack.reports.models import Report
from tests.factories import PASSWORD, build_world


@pytest.mark.django_db(transaction=True)
def test_dashboard_filter_then_report_built_by_the_worker(live_server, page: Page, settings, tmp_path):
    settings.REPORTS_DIR = tmp_path
    build_world()
    base = live_server.url
    page.goto(f"{base}/dashboards/")
    # 4 status charts (mechanism, theme, lead institution, measures by lead institution; no SDG tag, so no SDG chart)
    # and 2 progress charts; no indicator value yet
    expect(page.locator("figure.chart svg")).to_have_count(6)
    expect(page.get_by_role("img", name="Implementation status by mechanism")).to_be_visible()
    page.select_option("select[name=status]", "implemented")
    page.get_by_role("button", name="Apply").click()
    assert "status=implemented" in page.url
    expect(page.get_by_text("Nothing is overdue.")).to_be_visible()  # the overdue measure is not implemented

    page.goto(f"{base}/accounts/login/?next=/dashboards/reports/new/")
    page.fill("#id_username", "viewer")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.select_option("#id_kind", "mechanism")
    page.select_option("#id_format", "xlsx")
    page.select_option("#id_mechanism", "UPR")
    page.click("button.primary")
    expect(page.get_by_role("status")).to_have_text("Queued")
    expect(page.locator("progress")).to_have_attribute("value", "0")

    call_command("db_worker", "--batch", "--no-startup-delay")  # the worker a deployment runs as a service
    assert Report.objects.get().job.state == "done"
    # The page follows the job through the jobs API and reloads when it ends.
    expect(page.locator("progress")).to_have_attribute("value", "100", timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.endswith(".xlsx")
