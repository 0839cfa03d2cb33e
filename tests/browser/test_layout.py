"""The 20 main pages on a 390 px phone and a 1,400 px screen: no sideways scrolling for any role, the filters
collapse above the results on a phone, and axe-core finds no serious or critical violation in any language."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from rightstrack.accounts.models import Institution
from rightstrack.recommendations.models import Mechanism
from tests.axe import axe_violations
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}
ROLES = [None, "coordinator", "focal_point", "assessor", "viewer"]


def main_pages(world) -> dict[str, str]:
    """The pages a reader lands on most: the internal lists, a record of each kind, the dashboards and the
    review screens, and the public portal's."""
    return {
        "home": reverse("dashboards:home"),
        "recommendation_list": reverse("recommendations:recommendation_list"),
        "recommendation_detail": world.recommendation.get_absolute_url(),
        "measure_list": reverse("planning:measure_list"),
        "measure_detail": world.measure.get_absolute_url(),
        "plan_list": reverse("planning:plan_list"),
        "plan_detail": world.plan.get_absolute_url(),
        "legal_act_list": reverse("legislation:legal_act_list"),
        "cluster_list": reverse("recommendations:cluster_list"),
        "term_list": reverse("taxonomy:term_list"),
        "dashboard": reverse("dashboards:dashboard"),
        "tag_review": reverse("tagreview:tag_review"),
        "inbox": reverse("planning:progress_report_inbox"),
        "login": reverse("accounts:login"),
        "portal_home": reverse("portal:home"),
        "portal_recommendation_list": reverse("portal:recommendation_list"),
        "portal_recommendation_detail": reverse("portal:recommendation_detail", args=[world.recommendation.pk]),
        "portal_measure_list": reverse("portal:measure_list"),
        "portal_measure_detail": reverse("portal:measure_detail", args=[world.measure.pk]),
        "subscribe": reverse("subscriptions:subscribe"),
    }


def sideways_overflow(page: Page) -> int:
    page.wait_for_load_state("domcontentloaded")  # a page still arriving has no document element to measure
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390px", "1400px"])
def test_no_main_page_scrolls_sideways(live_server, page: Page, role, viewport):
    world = build_world()
    page.set_viewport_size(viewport)
    if role:
        sign_in(page, live_server.url, world.users[role].username)
    wide = {}
    for name, url in main_pages(world).items():
        page.goto(live_server.url + url)
        if (overflow := sideways_overflow(page)) > 0:
            wide[name] = overflow
    assert wide == {}, f"pages wider than {viewport['width']} px (by px): {wide}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url_name", ["planning:round_create", "reports:report_request"])
def test_a_form_with_long_choices_fits_a_phone(live_server, page: Page, url_name):
    """A select is as wide as its longest choice; inside a fieldset or a form field it once pushed the page to 680 px
    (the demo's 'Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan')."""
    world = build_world()
    long_name = "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan"
    Institution.objects.create(abbreviation="MLSP", name=long_name)
    Mechanism.objects.create(code="CESCR", name="Committee on Economic, Social and Cultural Rights " * 2,
                             kind="treaty_body")
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, world.users["coordinator"].username)
    page.goto(live_server.url + reverse(url_name))
    assert sideways_overflow(page) <= 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url_name", ["recommendations:recommendation_list", "portal:recommendation_list"])
def test_results_start_above_the_collapsed_filters_on_a_phone(live_server, page: Page, url_name):
    world = build_world()
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, world.users["coordinator"].username)
    page.goto(live_server.url + reverse(url_name))
    first_result = page.get_by_text(world.recommendation.text[:40]).first
    assert first_result.bounding_box()["y"] < PHONE["height"], "the first result is below the first screen"
    results = page.locator("main table").first.bounding_box()
    assert results["height"] > 40, "the results table is clipped"  # a bar style once squeezed it to 0.9rem
    filters = page.locator("details.filter-panel")
    assert not filters.evaluate("d => d.open"), "the filters are open on a phone"
    page.locator("details.filter-panel > summary").click()
    assert filters.evaluate("d => d.open")
    page.set_viewport_size(WIDE)
    page.reload()
    assert page.locator("details.filter-panel").evaluate("d => d.open"), "the filters are closed on a wide screen"


PUBLIC = {"login", "portal_home", "portal_recommendation_list", "portal_recommendation_detail",
          "portal_measure_list", "portal_measure_detail", "subscribe"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_axe_finds_no_serious_violation_on_the_main_pages(live_server, page: Page, lang):
    """Public pages as a visitor, the others as a coordinator (who sees every part of them)."""
    world = build_world()
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    pages = main_pages(world)
    found = {}
    for public in (True, False):
        if not public:
            sign_in(page, live_server.url, world.users["coordinator"].username)
        for name in [n for n in pages if (n in PUBLIC) == public]:
            page.goto(live_server.url + pages[name])
            assert page.locator("html").get_attribute("lang") == lang
            if violations := axe_violations(page):
                found[name] = violations
    assert found == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url_name", ["recommendations:recommendation_list", "portal:home"])
def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(live_server, page: Page, url_name):
    build_world()
    page.goto(live_server.url + reverse(url_name))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_checkbox_sits_under_its_label(live_server, page: Page):
    """The delete form's 'I confirm' box was centred in the form's column, far from its label on a wide screen."""
    world = build_world()
    page.set_viewport_size(WIDE)
    sign_in(page, live_server.url, world.users["coordinator"].username)
    page.goto(live_server.url + reverse("recommendations:recommendation_delete", args=[world.recommendation.pk]))
    box = page.locator("form.form input[type=checkbox]").bounding_box()
    label = page.locator("form.form .field label").first.bounding_box()
    assert abs(box["x"] + box["width"] / 2 - label["x"]) < 16, (box, label)  # its centre, near the label's start
