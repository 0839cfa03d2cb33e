"""In Chromium, in Russian and Kazakh, on a 390 px phone and a 1,400 px screen: a visitor searches in their language,
narrows by a facet and opens the record; a coordinator accepts a suggested tag; a visitor finds a theme to follow and
previews the digest. No page scrolls sideways."""

import pytest
from playwright.sync_api import Page, expect

from rightstrack.recommendations.models import Country
from rightstrack.taxonomy.models import TagAssignment
from tests.browser.test_layout import PHONE, WIDE, sideways_overflow
from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world

WORDS = {
    "ru": {"search_text": "Текст для поиска", "search": "Поиск", "filters": "Фильтры", "record": "Рекомендация",
           "review": "Проверка", "accept": "Принять", "saved": "Решения по тегам сохранены.", "find": "Найти тему",
           "preview": "Показать, что будет в сводке", "held": "Что было бы в вашей сводке",
           "query": "пыток", "theme_query": "смертн", "theme": "Смертная казнь",
           "text": "Ратифицировать Факультативный протокол к Конвенции против пыток", "state": "Швейцария"},
    "kk": {"search_text": "Іздеу мәтіні", "search": "Іздеу", "filters": "Сүзгілер", "record": "Ұсыным",
           "review": "Тексеру", "accept": "Қабылдау", "saved": "Тегтер бойынша шешімдер сақталды.",
           "find": "Тақырыпты табу", "preview": "Дайджесттің мазмұнын алдын ала көру",
           "held": "Дайджестіңізде не болар еді", "query": "азаптау", "theme_query": "өлім",
           "theme": "Өлім жазасы",
           "text": "Азаптауға қарсы конвенцияның факультативтік хаттамасын ратификациялау", "state": "Швейцария"},
}


def fits(page: Page) -> None:
    assert sideways_overflow(page) <= 0, f"{page.url} scrolls sideways"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390px", "1400px"])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_search_facets_record_review_and_follow_in_the_language(live_server, page: Page, lang, viewport):
    words = WORDS[lang]
    world = build_world()
    world.recommendation.set_translation("text", lang, words["text"])
    world.recommendation.save()
    world.term.set_translation("name", lang, words["theme"])
    world.term.save()
    world.recommendation.recommending_states.add(Country.objects.create(name="Switzerland"))
    page.set_viewport_size(viewport)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])

    # Search in the language on the portal, narrow by a facet, open the record.
    page.goto(f"{live_server.url}/public/recommendations/")
    page.get_by_label(words["search_text"]).fill(words["query"])
    page.get_by_role("button", name=words["search"], exact=True).click()
    result = page.get_by_role("link", name=words["text"][:30], exact=False).first
    expect(result).to_be_visible()
    fits(page)
    panel = page.locator("details.filter-panel")
    if viewport is PHONE:
        assert not panel.evaluate("d => d.open")
        page.locator("details.filter-panel > summary", has_text=words["filters"]).click()
    facet = panel.locator("details:not(.filter-panel) li a").first
    facet.click()
    expect(page.locator("details.filter-panel li.selected")).to_have_count(1)  # the facet value is now chosen
    expect(result).to_be_visible()
    result.click()
    expect(page.locator("h1")).to_contain_text(words["record"])
    expect(page.locator("dd", has_text=words["state"])).to_be_visible()  # the recommending State in the language
    fits(page)

    # A coordinator accepts a suggested tag.
    sign_in(page, live_server.url, "coord")
    with page.expect_navigation():
        page.get_by_role("link", name=words["review"], exact=True).click()
    fits(page)
    page.locator("tbody tr").first.get_by_role("button", name=words["accept"]).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    world.suggestion.refresh_from_db()
    assert world.suggestion.status == TagAssignment.Status.ACCEPTED

    # A visitor finds a theme by its name in the language and previews the digest.
    page.goto(f"{live_server.url}/public/subscriptions/")
    page.get_by_label(words["find"]).fill(words["theme_query"])
    theme = page.get_by_label(f"D23 {words['theme']}")
    expect(theme).to_be_visible()
    expect(page.get_by_label("D25", exact=False)).to_be_hidden()
    theme.check()
    page.get_by_role("button", name=words["preview"]).click()
    expect(page.get_by_role("heading", name=words["held"])).to_be_visible()
    assert page.get_by_label(f"D23 {words['theme']}").is_checked()
    fits(page)
