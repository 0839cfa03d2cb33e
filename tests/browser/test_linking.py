"""In Chromium: a coordinator links by picker from a recommendation's page and from a measure's page (the search
updates as they type), then unlinks with confirmation; one check of the picker in Russian."""

import re

import pytest
from playwright.sync_api import Page, expect

from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_link_from_the_recommendation_page_then_unlink(live_server, page: Page):
    world = build_world()
    Measure.objects.filter(pk=world.other_measure.pk).update(status=ImplementationStatus.IN_PROGRESS)
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}{world.recommendation.get_absolute_url()}")
    page.fill("#measure-pick-q", "prison")  # no Enter: the results come as you type
    result = page.locator("#measure-pick-results li", has_text="Prison medical care")
    expect(result).to_be_visible()
    result.get_by_role("button", name="Link").click()
    expect(page.get_by_role("status")).to_have_text(
        "Linked A/HRC/28/10 ¶124.1 to measure 2 — its status is now In progress.")
    expect(page.locator("#measures > ul")).to_contain_text("Prison medical care to MoH")
    assert world.recommendation.pk in Measure.objects.get(pk=world.other_measure.pk).recommendations.values_list(
        "pk", flat=True)

    page.locator("#measures > ul li", has_text="Prison medical care").get_by_role("link", name="Unlink").click()
    expect(page.locator("h1")).to_have_text("Unlink recommendations")
    expect(page.locator("main")).to_contain_text("A/HRC/28/10 ¶124.1")
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Unlink").click()
    expect(page.get_by_role("status")).to_contain_text("Unlinked A/HRC/28/10 ¶124.1 from measure 2")
    expect(page.locator("#measures > ul")).not_to_contain_text("Prison medical care")


@pytest.mark.django_db(transaction=True)
def test_link_from_the_measure_page_then_unlink(live_server, page: Page):
    world = build_world()
    other = Recommendation.objects.create(source_document=world.document, paragraph="121.5", is_published=True,
                                          text="Prevent torture in places of detention")
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}{world.other_measure.get_absolute_url()}")
    page.fill("#recommendation-pick-q", "A/HRC/28/10 ¶ 121.5")
    result = page.locator("#recommendation-pick-results li", has_text="Prevent torture")
    expect(result).to_be_visible()
    expect(page.locator("#recommendation-pick-results li")).to_have_count(1)
    result.get_by_role("button", name="Link").click()
    expect(page.get_by_role("status")).to_have_text(
        "Linked A/HRC/28/10 ¶121.5 to measure 2 — its status is now Not started.")
    linked = page.locator("#recommendations > ul li", has_text="A/HRC/28/10 ¶121.5")
    expect(linked).to_be_visible()

    linked.get_by_role("link", name="Unlink").click()
    page.get_by_role("button", name="Unlink").click()  # not confirmed: the browser keeps the form
    expect(page.locator("h1")).to_have_text("Unlink recommendations")
    assert other.measures.count() == 1
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Unlink").click()
    expect(page.get_by_role("status")).to_contain_text("Unlinked A/HRC/28/10 ¶121.5 from measure 2")
    expect(page.locator("#recommendations")).to_contain_text("None linked.")
    assert other.measures.count() == 0


@pytest.mark.django_db(transaction=True)
def test_picker_speaks_russian(live_server, page: Page):
    world = build_world()
    Measure.objects.filter(pk=world.other_measure.pk).update(
        translations={"text": {"ru": "Передать медицинскую помощь осуждённым в Минздрав"}})
    sign_in(page, live_server.url, "coord")
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto(f"{live_server.url}{world.recommendation.get_absolute_url()}")
    expect(page.locator("#link-measure h2")).to_have_text("Связать с мерой")
    page.fill("#measure-pick-q", "медицинскую")
    result = page.locator("#measure-pick-results li", has_text="Передать медицинскую помощь")
    expect(result).to_be_visible()
    result.get_by_role("button", name="Связать").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Рекомендация A/HRC/28/10 ¶124\.1 связана с мерой 2"))


@pytest.mark.django_db(transaction=True)
def test_bulk_link_from_the_list_with_select_all(live_server, page: Page):
    world = build_world()
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/recommendations/?mechanism=UPR")
    page.check("input[data-select-all]")  # shown by the script
    page.get_by_role("button", name="the selected recommendations").click()
    expect(page.locator("main")).to_contain_text("2 recommendations selected.")
    page.fill("#measure-pick-q", "police")
    page.locator("#measure-pick-results li", has_text="Service model").get_by_role("button", name="Link").click()
    expect(page.get_by_role("status")).to_have_text("1 recommendation linked to measure 1; 1 was linked already.")
    assert page.url.endswith("/recommendations/?mechanism=UPR")
    assert set(world.measure.recommendations.values_list("pk", flat=True)) == {
        world.recommendation.pk, world.hidden_recommendation.pk}
