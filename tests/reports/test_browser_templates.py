"""In Chromium: a coordinator saves a report template, builds it in one click, then downloads it from the archive."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from rightstrack.reports.models import Report
from tests.factories import PASSWORD, build_world


@pytest.mark.django_db(transaction=True)
def test_coordinator_saves_a_template_builds_it_and_downloads_from_the_archive(live_server, page: Page, settings,
                                                                               tmp_path):
    settings.REPORTS_DIR = tmp_path
    build_world()
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboards/reports/new/")
    page.fill("#id_username", "coord")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")

    # The script shows only the chosen kind's fields.
    page.select_option("#id_kind", "mechanism")
    expect(page.locator("#id_mechanism")).to_be_visible()
    expect(page.locator("#id_plan")).to_be_hidden()
    page.select_option("#id_kind", "plan-diff")
    expect(page.locator("#id_to_version")).to_be_visible()
    expect(page.locator("#id_mechanism")).to_be_hidden()
    page.select_option("#id_kind", "mechanism")
    page.select_option("#id_mechanism", label="Universal Periodic Review (UPR)")
    page.select_option("#id_cycle", "2")
    page.select_option("#id_format", "docx")
    page.fill("#id_template_name", "UPR mid-term report")
    page.get_by_role("button", name="Save as template").click()
    expect(page.get_by_role("heading", name="Report templates")).to_be_visible()
    expect(page.get_by_role("cell", name="Mechanism: UPR, cycle 2")).to_be_visible()
    assert not Report.objects.exists()

    page.get_by_role("button", name="Build UPR mid-term report").click()
    expect(page.get_by_role("status")).to_have_text("Queued")
    call_command("db_worker", "--batch", "--no-startup-delay")  # the worker a deployment runs as a service
    job = Report.objects.get()
    assert job.job.state == "done" and job.params["query"] == "mechanism=UPR&cycle=2"
    expect(page.locator("progress")).to_have_attribute("value", "100", timeout=10_000)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    row = page.get_by_role("row").filter(has_text="Mechanism: UPR, cycle 2")
    expect(row).to_contain_text("coord")
    expect(row).to_contain_text("Done")
    with page.expect_download() as download:
        row.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == job.file_name and job.file_name.endswith(".docx")
    assert os.path.getsize(download.value.path()) == job.path.stat().st_size > 5_000
