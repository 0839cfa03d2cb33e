"""The portal in Chromium on a phone-sized screen, and its language switch."""

import pytest

from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_portal_fits_a_phone_and_switches_language(page, live_server):
    world = build_world()
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ["/public/", "/public/recommendations/", f"/public/recommendations/{world.recommendation.pk}/",
                 f"/public/measures/{world.measure.pk}/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.get_by_role("button", name="RU").click()
    page.wait_for_selector('html[lang="ru"]')
    assert page.url.endswith(f"/public/measures/{world.measure.pk}/")
    page.get_by_role("button", name="KK").click()
    page.wait_for_selector('html[lang="kk"]')
