"""In Chromium: a visitor switches a search to hybrid mode."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_visitor_switches_search_mode(live_server, page: Page):
    build_world()
    page.goto(f"{live_server.url}/recommendations/")
    page.get_by_label("Search text").fill('"optional protocol" -secret')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Ratify the Optional Protocol", exact=False)).to_be_visible()
    page.get_by_role("link", name="both (hybrid)").click()
    assert "mode=hybrid" in page.url and "q=" in page.url
    expect(page.get_by_role("link", name="Ratify the Optional Protocol", exact=False)).to_be_visible()
