"""Pages render fully in Russian and Kazakh: translated navigation and headings, no English UI left over,
and dates and numbers in the locale's format."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from rightstrack.planning.models import IndicatorValue
from rightstrack.recommendations.services import recommendation_status_override

# English interface words that must never reach a Russian or Kazakh page.
ENGLISH_UI = ["Recommendations", "Measures", "Action plans", "Legal acts", "Clusters", "Taxonomies", "Sign in",
              "Sign out", "Status", "Search", "Filters", "Clear all filters", "Deadline", "History", "Overview",
              "Lead institution", "Co-executors", "Source document", "Response", "Mechanism", "Institution",
              "Edit", "Delete", "Publish", "Unpublish", "Previous", "Next", "Tags", "What has been done",
              "Overdue", "Due soon", "Not started", "In progress", "Implemented", "Supported", "Noted"]

NAV = {
    "ru": ["Рекомендации", "Меры", "Планы действий", "Нормативные правовые акты", "Кластеры", "Таксономии"],
    "kk": ["Ұсынымдар", "Шаралар", "Іс-қимыл жоспарлары", "Нормативтік құқықтық актілер", "Кластерлер",
           "Таксономиялар"],
}
SIGN_IN = {"ru": "Войти", "kk": "Кіру"}
SIGN_OUT = {"ru": "Выйти", "kk": "Шығу"}
HEADINGS = {  # page -> heading per language
    "home": {"ru": "Обзор выполнения", "kk": "Орындалуға шолу"},
    "recommendation_list": {"ru": "Рекомендации", "kk": "Ұсынымдар"},
    "recommendation_detail": {"ru": "Рекомендация", "kk": "Ұсыным"},
    "measure_list": {"ru": "Меры", "kk": "Шаралар"},
    "measure_detail": {"ru": "Мера", "kk": "Шара"},
    "login": {"ru": "Войти", "kk": "Кіру"},
}


class VisibleText(HTMLParser):
    """Collects the text a reader sees or hears: text nodes plus title, aria-label and placeholder attributes."""

    def __init__(self):
        super().__init__()
        self.chunks, self.headings, self.lang, self._skip, self._heading = [], [], None, 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("h1", "h2"):
            self._heading = []
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.chunks.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        if data.strip():
            self.chunks.append(data.strip())
        if self._heading is not None:
            self._heading.append(data)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


def english_msgids() -> set[str]:
    po = polib.pofile(str(settings.LOCALE_PATHS[0] / "ru" / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in po if not e.obsolete and re.search(r"[A-Za-z]{3}", e.msgid) and "%(" not in e.msgid}


def pages(world) -> dict[str, str]:
    return {
        "home": reverse("dashboards:home"),
        "recommendation_list": reverse("recommendations:recommendation_list"),
        "recommendation_detail": world.recommendation.get_absolute_url(),
        "measure_list": reverse("planning:measure_list"),
        "measure_detail": world.measure.get_absolute_url(),
        "login": reverse("accounts:login"),
    }


def fetch(client, url: str, lang: str) -> VisibleText:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == lang
    return visible(response.content.decode())


def assert_no_english_ui(page: VisibleText, url: str, ui_msgids: set[str], content: set[str]) -> None:
    text = "\n".join(page.chunks)
    leaks = [w for w in ENGLISH_UI if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert leaks == [], f"{url}: English interface words {leaks}"
    # Any text node that is exactly an English interface string was left untranslated.
    exact = sorted({c.rstrip(":") for c in page.chunks} & ui_msgids - content)
    assert exact == [], f"{url}: untranslated strings {exact}"


def world_content(world) -> set[str]:
    """Data (not interface) strings of the fixture that happen to equal an interface string."""
    return {world.document.mechanism.name}


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("role", [None, "coordinator"])
def test_pages_are_fully_translated(client, world, lang, role):
    if role:
        client.force_login(world.users[role])
    ui_msgids, content = english_msgids(), world_content(world)
    for name, url in pages(world).items():
        page = fetch(client, url, lang)
        assert page.lang == lang, url
        text = "\n".join(page.chunks)
        for label in NAV[lang]:
            assert label in page.chunks, f"{url}: nav label {label!r} missing"
        assert (SIGN_OUT if role else SIGN_IN)[lang] in text, url
        assert any(h.startswith(HEADINGS[name][lang]) for h in page.headings), (url, page.headings)
        assert_no_english_ui(page, url, ui_msgids, content)


def test_english_stays_the_default(client, world):
    page = fetch(client, reverse("recommendations:recommendation_list"), "en")
    assert "Recommendations" in page.chunks and "Sign in" in page.chunks


def test_accept_language_header_selects_the_language(client, world):
    response = client.get(reverse("planning:measure_list"), HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8")
    assert response.headers["Content-Language"] == "kk"
    assert "Шаралар" in visible(response.content.decode()).chunks


@pytest.mark.parametrize(("lang", "shown", "not_shown"), [
    ("en", "10 Dec 2014", "10.12.2014"),
    ("ru", "10.12.2014", "10 Dec 2014"),
    ("kk", "10.12.2014", "10 Dec 2014"),
])
def test_dates_on_a_detail_page_follow_the_locale(client, world, lang, shown, not_shown):
    world.recommendation.deadline = date(2025, 3, 31)
    world.recommendation.save(update_fields=["deadline"])
    page = "\n".join(fetch(client, world.recommendation.get_absolute_url(), lang).chunks)
    assert shown in page and not_shown not in page  # the source document's date, 10 December 2014
    assert {"en": "31 Mar 2025", "ru": "31.03.2025", "kk": "31.03.2025"}[lang] in page


@pytest.mark.parametrize(("lang", "expected"), [("en", "1,250.50"), ("ru", "1\xa0250,50"), ("kk", "1\xa0250,50")])
def test_numbers_on_an_indicator_page_follow_the_locale(client, world, lang, expected):
    IndicatorValue.objects.create(indicator=world.indicator, period="2023", period_end=date(2023, 12, 31),
                                  value=Decimal("1250.50"))
    page = fetch(client, reverse("planning:indicator_detail", args=[world.indicator.pk]), lang)
    assert expected in page.chunks, page.chunks


@pytest.mark.parametrize(("lang", "old", "new", "published"), [
    ("ru", "Не начато", "Выполняется", "Да"),
    ("kk", "Басталған жоқ", "Орындалуда", "Иә"),
])
def test_history_shows_values_as_words_of_the_language(client, world, lang, old, new, published):
    coordinator = world.users["coordinator"]
    recommendation_status_override(actor=coordinator, recommendation=world.recommendation, status="in_progress",
                                   reason="Reported by the ministry in a letter")
    client.force_login(coordinator)
    page = fetch(client, world.recommendation.get_absolute_url(), lang)
    assert old in page.chunks and new in page.chunks  # status change, not the raw not_started/in_progress
    assert published in page.chunks  # the created entry's is_published, not True
    assert not {"not_started", "in_progress", "True", "False", "supported"} & set(page.chunks)
