"""A record with translations is edited with one tab per language: the original first, a word on what an empty
language does, and only the chosen language's input in view."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


@pytest.mark.django_db(transaction=True)
def test_a_translated_field_is_edited_in_language_tabs(live_server, page: Page):
    world = build_world()
    world.recommendation.set_translation("text", "ru", "Ратифицировать Факультативный протокол")
    world.recommendation.save()
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/recommendations/{world.recommendation.pk}/edit/")
    group = page.locator("#tabs-text")
    expect(group).to_contain_text("The original is the text as written, in English.")
    expect(group).to_contain_text("A language left empty shows its readers the original.")
    tabs = group.get_by_role("tab")
    expect(tabs).to_have_text(["Original", "Russian", "Kazakh (empty)"])  # the original is English: no English tab
    expect(group.locator("#id_text")).to_be_visible()
    expect(group.locator("#id_text__ru")).to_be_hidden()
    group.get_by_role("tab", name="Russian").click()
    expect(group.locator("#id_text__ru")).to_have_value("Ратифицировать Факультативный протокол")
    expect(group.locator("#id_text")).to_be_hidden()
    page.keyboard.press("ArrowRight")  # arrow keys move between tabs
    expect(group.get_by_role("tab", name="Kazakh (empty)")).to_be_focused()
    group.locator("#id_text__kk").fill("Факультативтік хаттаманы ратификациялау")
    page.get_by_role("button", name="Save").click()
    world.recommendation.refresh_from_db()
    assert world.recommendation.translations["text"] == {"ru": "Ратифицировать Факультативный протокол",
                                                          "kk": "Факультативтік хаттаманы ратификациялау"}
