"""A vocabulary name with no translation in the reader's language is shown in the original with one visible mark
("EN"), the same on facets, record pages, reports, subscription mails and the API; a translated name has none."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from rightstrack.core.models import marked
from rightstrack.recommendations.models import Cluster
from rightstrack.reports.content import build_report
from rightstrack.reports.formats import render_html, write_docx, write_xlsx
from rightstrack.reports.selectors import ChartFilters
from rightstrack.subscriptions.consent import CONSENT_VERSION
from rightstrack.subscriptions.services import subscription_request
from tests.factories import build_world

MARK = re.compile(r'<abbr class="original-mark" title="[^"]+">EN</abbr>')


@pytest.fixture
def tagged(world):
    """The published recommendation tagged D23, which has a Russian name and no Kazakh one; its lead institution
    has a Kazakh name and no Russian one."""
    world.term.set_translation("name", "ru", "Смертная казнь")
    world.term.save()
    world.mia.set_translation("name", "kk", "Ішкі істер министрлігі")
    world.mia.save()
    world.recommendation.tags.create(term=world.term, status="accepted")
    world.recommendation.lead_institution = world.mia
    world.recommendation.save()
    return world


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "D23 Death penalty"), ("ru", "D23 Смертная казнь"), ("kk", "D23 Death penalty (EN)")])
def test_plain_text_names_carry_the_mark_only_when_untranslated(tagged, language, expected):
    with translation.override(language):
        assert marked(tagged.term) == expected
        assert tagged.term.original_mark() == ("EN" if language == "kk" else "")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_theme_facet_marks_an_untranslated_name(client, tagged, language):
    client.cookies["django_language"] = language
    page = client.get(reverse("portal:recommendation_list")).content.decode()
    facets = page[page.index('class="facets"'):page.index("</aside>")]
    name = {"en": "D23 Death penalty", "ru": "D23 Смертная казнь", "kk": "D23 Death penalty"}[language]
    assert name in facets
    assert bool(MARK.search(facets)) == (language == "kk")


@pytest.mark.parametrize(("language", "marked_names"), [("en", 0), ("ru", 1), ("kk", 1)])
def test_a_record_page_marks_untranslated_tags_and_institutions(client, tagged, language, marked_names):
    """In Russian the institution is untranslated, in Kazakh the theme: one mark each; none in English."""
    client.cookies["django_language"] = language
    page = client.get(reverse("portal:recommendation_detail", args=[tagged.recommendation.pk])).content.decode()
    assert len(MARK.findall(page)) == marked_names


def test_reports_in_every_format_mark_an_untranslated_theme(tagged, tmp_path):
    report = build_report(kind="theme", user=tagged.users["coordinator"], filters=ChartFilters(theme=["D23"]),
                          language="kk")
    assert "D23 Death penalty (EN)" in [value for _label, value in report.cover]
    write_docx(report, tmp_path / "r.docx")
    document = Document(tmp_path / "r.docx")
    docx_text = "\n".join([p.text for p in document.paragraphs]
                          + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "D23 Death penalty (EN)" in docx_text
    write_xlsx(report, tmp_path / "r.xlsx")
    cells = [str(c) for sheet in load_workbook(tmp_path / "r.xlsx") for row in sheet.iter_rows(values_only=True)
             for c in row if c]
    assert any("D23 Death penalty (EN)" in c for c in cells)
    assert "D23 Death penalty (EN)" in render_html(report)  # the PDF is laid out from this HTML
    russian = build_report(kind="theme", user=tagged.users["coordinator"], filters=ChartFilters(theme=["D23"]),
                           language="ru")
    assert "D23 Смертная казнь" in russian.title and "(EN)" not in russian.title


@pytest.mark.parametrize(("language", "line"), [("kk", "D23 Death penalty (EN)"), ("ru", "D23 Смертная казнь")])
def test_the_confirmation_mail_marks_an_untranslated_theme(tagged, django_capture_on_commit_callbacks, language,
                                                           line):
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(email="reader@example.org", language=language, consent_version=CONSENT_VERSION,
                             terms=[tagged.term])
    assert line in mail.outbox[0].body
    assert line in mail.outbox[0].alternatives[0][0]


def test_the_api_marks_an_untranslated_theme(client, tagged):
    kazakh = client.get("/api/v1/recommendations", HTTP_ACCEPT_LANGUAGE="kk").json()["items"][0]
    russian = client.get("/api/v1/recommendations", HTTP_ACCEPT_LANGUAGE="ru").json()["items"][0]
    assert kazakh["themes"] == ["D23 Death penalty (EN)"] and russian["themes"] == ["D23 Смертная казнь"]


@pytest.mark.django_db(transaction=True)
def test_a_russian_reader_sees_the_mark_on_a_facet(live_server, page: Page):
    world = build_world()
    world.recommendation.tags.create(term=world.term, status="accepted")  # D23 has no Russian name
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto(f"{live_server.url}/public/recommendations/")
    theme = page.locator(".facets li").filter(has=page.locator(".original-mark"))
    expect(theme).to_have_count(1)
    expect(theme).to_contain_text("D23 Death penalty")
    mark = theme.locator(".original-mark")
    expect(mark).to_be_visible()
    expect(mark).to_have_text("EN")
    expect(mark).to_have_attribute("title", "Ещё не переведено: показано на языке оригинала")


def test_the_add_tag_picker_and_the_cluster_facet_mark_untranslated_names(client, tagged):
    cluster = Cluster.objects.create(name="Death penalty")
    tagged.recommendation.cluster = cluster
    tagged.recommendation.save()
    client.force_login(tagged.users["coordinator"])
    client.cookies["django_language"] = "kk"
    page = client.get(reverse("recommendations:recommendation_detail", args=[tagged.recommendation.pk])).content.decode()
    assert f'<option value="{tagged.term.pk}">D23 Death penalty (EN)</option>' in page
    listing = client.get(reverse("recommendations:recommendation_list")).content.decode()
    facets = listing[listing.index('class="facets"'):listing.index("</aside>")]
    assert re.search(r'>Death penalty <abbr class="original-mark"[^>]*>EN</abbr></a>', facets)
