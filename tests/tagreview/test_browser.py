"""In Chromium: a coordinator selects every suggestion on the review page and rejects them in one go,
then accepts one suggestion with its row button."""

import pytest
from playwright.sync_api import Page, expect

from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_bulk_reject_then_accept_one(live_server, page: Page):
    world = build_world()
    extra = Term.objects.create(vocabulary=Vocabulary.THEME, code="D26", name="Conditions of detention")
    second = TagAssignment.objects.create(recommendation=world.recommendation, term=extra, source="model",
                                          confidence=0.6, model_version="t1")
    third = TagAssignment.objects.create(recommendation=world.hidden_recommendation, term=extra, source="model",
                                         confidence=0.5, model_version="t1")
    sign_in(page, live_server.url, "coord")
    page.get_by_role("link", name="Review").click()
    expect(page.locator("h1")).to_contain_text("Review suggested tags")
    page.get_by_role("row").nth(3).get_by_role("button", name="Accept").click()  # the least confident (third)
    expect(page.get_by_text("Tag decisions saved.")).to_be_visible()
    page.get_by_label("Select all").check()
    page.get_by_role("button", name="Reject selected").click()
    expect(page.get_by_text("No suggestion is waiting for a decision.")).to_be_visible()
    statuses = dict(TagAssignment.objects.filter(pk__in=[world.suggestion.pk, second.pk, third.pk])
                    .values_list("pk", "status"))
    assert statuses == {world.suggestion.pk: "rejected", second.pk: "rejected", third.pk: "accepted"}
