"""In Chromium: a coordinator uploads a UHRI file, watches the progress bar, reviews the rows, maps a label the file
misspells to its term, and commits."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from rightstrack.recommendations.models import Recommendation
from rightstrack.taxonomy.models import Term, Vocabulary
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world
from tests.imports.conftest import csv_bytes, uhri_row


def _work():
    """What the worker process does in production: run the queued import job."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_upload_progress_review_commit(live_server, page: Page, tmp_path):
    build_world()
    Term.objects.get_or_create(vocabulary=Vocabulary.THEME, code="Death penalty", defaults={"name": "Death penalty"})
    path = tmp_path / "uhri-export.csv"
    path.write_bytes(csv_bytes([uhri_row(1, Sdgs="", **{"Affected Persons": ""}),
                                uhri_row(2, Themes="- Death penalti", Sdgs="", **{"Affected Persons": ""})]))
    sign_in(page, live_server.url, "coord")
    page.get_by_role("link", name="Import", exact=True).click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.locator(".job-progress progress")).to_be_visible()
    _work()
    # The page's script polls the status endpoint and reloads itself into the review once the job is done.
    expect(page.locator("#import-counts")).to_contain_text("Created", timeout=15000)
    expect(page.locator("#rejected-rows")).to_contain_text("unknown theme 'Death penalti' — did you mean")
    expect(page.locator("#staged-rows")).to_contain_text("Рекомендация 1")
    assert not Recommendation.objects.filter(external_id__startswith="6f1c").exists()

    # The misspelt label is offered with the closest term chosen; mapping it checks the rows again.
    mapping = page.locator("#label-mapping")
    expect(mapping.get_by_label("Death penalti")).to_have_value(str(Term.objects.get(code="Death penalty").pk))
    mapping.get_by_role("button", name="Map the labels and check again").click()
    expect(page.locator(".job-progress progress")).to_be_visible()
    _work()
    expect(page.locator("#import-counts")).to_contain_text("Created", timeout=15000)
    expect(page.locator("#rejected-rows")).to_have_count(0)
    expect(page.locator("#label-mapping")).to_have_count(0)

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".job-progress progress")).to_be_visible()
    _work()
    expect(page.locator("h2", has_text="Result")).to_be_visible(timeout=15000)
    assert Recommendation.objects.filter(external_id__startswith="6f1c").count() == 2
    assert set(Recommendation.objects.get(external_id=uhri_row(2)["OHCHR Annotation Id"]).tags.values_list(
        "term__code", flat=True)) == {"Death penalty"}
