"""In Chromium: a coordinator uploads a UPR Working Group report PDF, reviews the extracted recommendations,
imports them, and uploading the same report again changes nothing; recommendations the demo holds under annotation
ids review as already imported."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world

REPORT = Path(__file__).parents[1] / "imports" / "pdf" / "fixtures" / "kazakhstan2010_cut.pdf"


def _work():
    """What the worker process does in production: run the queued import job."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _upload(page: Page, url: str) -> None:
    page.goto(url + reverse("imports:import_list"))
    page.set_input_files("#id_file", str(REPORT))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".job-progress progress")).to_be_visible()
    _work()
    expect(page.locator("#import-counts")).to_be_visible(timeout=15000)


def _count(page: Page, label: str) -> str:
    return page.locator("#import-counts tr", has_text=label).locator("td").inner_text()


@pytest.mark.django_db(transaction=True)
def test_upload_review_commit_then_the_same_report_changes_nothing(live_server, page: Page):
    build_world()
    sign_in(page, live_server.url, "coord")
    _upload(page, live_server.url)
    assert (_count(page, "Created"), _count(page, "Rejected")) == ("6", "0")
    rows = page.locator("#report-rows tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.nth(3)).to_contain_text("95.3b")
    expect(rows.nth(3)).to_contain_text("Republic of Korea")
    expect(rows.nth(3)).to_contain_text("Supported")
    assert not Recommendation.objects.filter(source_document__symbol="A/HRC/14/10").exists()  # review writes nothing

    page.get_by_role("button", name="Import", exact=True).click()
    _work()
    expect(page.locator("h2", has_text="Result")).to_be_visible(timeout=15000)
    assert Recommendation.objects.filter(source_document__symbol="A/HRC/14/10").count() == 6

    _upload(page, live_server.url)
    assert (_count(page, "Created"), _count(page, "Updated"), _count(page, "Unchanged")) == ("0", "0", "6")
    expect(page.locator("#report-rows tbody tr", has_text="Unchanged")).to_have_count(6)


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_recommendations_the_demo_holds_under_annotation_ids_reviews_as_already_imported(
        live_server, page: Page):
    build_world()
    document = SourceDocument.objects.create(symbol="A/HRC/14/10", mechanism=Mechanism.objects.get_or_create(
        code="UPR", defaults={"name": "UPR"})[0])
    demo = Recommendation.objects.create(  # as `rightstrack demo` loads kazakhstan_demo/recommendations.csv
        source_document=document, paragraph="95.3", external_id="KAZ-UPR1-95.3", language="en", response="supported",
        text="To consider ratifying the Convention on the Rights of Persons with Disabilities (Slovenia); ratify the "
             "Convention on the Rights of Persons with Disabilities")
    demo.recommending_states.set([Country.objects.get_or_create(name=n)[0] for n in ("Slovenia", "Republic of Korea")])
    sign_in(page, live_server.url, "coord")
    _upload(page, live_server.url)
    assert (_count(page, "Created"), _count(page, "Unchanged"), _count(page, "Rejected")) == ("4", "1", "0")
    row = page.locator("#report-rows tbody tr", has_text="95.3")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Unchanged: already imported as KAZ-UPR1-95.3")
