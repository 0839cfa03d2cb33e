"""In Chromium: the RU and KK buttons of the header switch the whole interface, and the choice sticks."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_language_switcher_changes_the_interface(live_server, page: Page):
    world = build_world()
    page.goto(f"{live_server.url}{world.recommendation.get_absolute_url()}")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Recommendations")).to_be_visible()

    page.get_by_role("button", name="RU", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{world.recommendation.get_absolute_url()}")  # back where we were
    nav = page.get_by_role("navigation", name="Основная навигация")
    expect(nav.get_by_role("link", name="Рекомендации")).to_be_visible()
    expect(nav.get_by_role("link", name="Планы действий")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Рекомендация")
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.get_by_role("button", name="KK", exact=True).click()
    nav = page.get_by_role("navigation", name="Негізгі навигация")
    expect(nav.get_by_role("link", name="Ұсынымдар")).to_be_visible()
    expect(nav.get_by_role("link", name="Іс-қимыл жоспарлары")).to_be_visible()
    expect(page.get_by_role("button", name="KK", exact=True)).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="Шаралар").click()  # the choice persists on the next page
    expect(page.locator("h1")).to_contain_text("Шаралар")
    expect(page.get_by_role("link", name="Кіру")).to_be_visible()

    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Measures")).to_be_visible()
