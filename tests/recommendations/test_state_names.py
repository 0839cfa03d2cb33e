"""Recommending States are shown in the reader's language (pycountry's iso-codes catalogues), with the one
original-language mark ("EN") where no name exists; stored names, filters and exports stay as printed."""

import csv
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from rightstrack.core.models import marked
from rightstrack.recommendations.forms import RecommendationForm
from rightstrack.recommendations.models import Country
from rightstrack.recommendations.state_names import iso_country, state_name

REFERENCE = Path(__file__).resolve().parents[2] / "src" / "rightstrack"
MARK = re.compile(r'<abbr class="original-mark" title="[^"]+">EN</abbr>')
SLOVENIA = {"en": "Slovenia", "ru": "Словения", "kk": "Словения"}
TURKEY = {"en": "Turkey", "ru": "Турция", "kk": "Түркия"}  # "Turkey" is known through the alias table
UNKNOWN = "Atlantis"  # no ISO country: shown as printed, marked in ru and kk


def _demo_states() -> set[str]:
    with open(REFERENCE / "reference" / "kazakhstan_demo" / "recommendations.csv", encoding="utf-8") as handle:
        return {name.strip() for row in csv.DictReader(handle)
                for name in row["recommending_state"].split(";") if name.strip()}


def test_every_state_of_the_demo_data_and_the_importers_list_is_a_known_country():
    with open(REFERENCE / "reference" / "states.csv", encoding="utf-8") as handle:
        listed = {row["name"] for row in csv.DictReader(handle)}
    names = _demo_states() | listed
    assert len(names) > 200
    assert sorted(n for n in names if iso_country(n) is None) == []


@pytest.mark.parametrize(("printed", "code"), [
    ("Iran (Islamic republic of)", "IRN"), ("Democratic People’s Republic of Korea", "PRK"), ("Türkiye", "TUR"),
    ("the Netherlands", "NLD"), ("Côte d'Ivoire", "CIV"), ("Holy See", "VAT"), ("State of Palestine", "PSE")])
def test_un_forms_of_a_name_meet_one_country(printed, code):
    assert iso_country(printed).alpha_3 == code


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_state_is_named_in_the_readers_language_and_an_unknown_one_is_marked(language):
    slovenia, atlantis = Country(name="Slovenia"), Country(name=UNKNOWN)
    with translation.override(language):
        assert (str(slovenia), slovenia.original_mark()) == (SLOVENIA[language], "")
        assert str(atlantis) == UNKNOWN
        assert marked(atlantis) == (UNKNOWN if language == "en" else f"{UNKNOWN} (EN)")
    assert state_name("Slovenia", language) == (SLOVENIA[language], False)


@pytest.fixture
def states(world):
    """The published recommendation, recommended by four States and one pycountry does not know."""
    world.recommendation.recommending_states.set(
        [Country.objects.create(name=name) for name in ("China", "Germany", "Slovenia", "Turkey", UNKNOWN)])
    return world


def _facet(page: str) -> str:
    facets = page[page.index('class="facets"'):page.index("</aside>")]
    return facets[facets.index("?state="):]  # from the first State value on


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("url", ["portal:recommendation_list", "recommendations:recommendation_list"])
def test_the_state_facet_reads_in_the_readers_language(client, states, language, url):
    client.force_login(states.users["coordinator"])
    client.cookies["django_language"] = language
    facet = _facet(client.get(reverse(url)).content.decode())
    assert SLOVENIA[language] in facet and TURKEY[language] in facet
    assert len(MARK.findall(facet)) == (0 if language == "en" else 1)  # Atlantis only
    assert "?state=Slovenia" in facet  # the filter keeps the stored name


def test_the_state_facet_sorts_equal_counts_by_the_name_the_reader_sees(client, states):
    client.cookies["django_language"] = "ru"
    facet = _facet(client.get(reverse("portal:recommendation_list")).content.decode())
    shown = [facet.index(name) for name in (UNKNOWN, "Германия", "Китай", "Словения")]  # China before Germany in en
    assert shown == sorted(shown)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("url", ["portal:recommendation_detail", "recommendations:recommendation_detail"])
def test_a_record_page_names_the_states_in_the_readers_language(client, states, language, url):
    client.force_login(states.users["coordinator"])
    client.cookies["django_language"] = language
    page = client.get(reverse(url, args=[states.recommendation.pk])).content.decode()
    row = page[page.index("<dd>", page.index('<dt>' + {"en": "Recommending States", "ru": "Рекомендующие государства",
                                                        "kk": "Ұсынушы мемлекеттер"}[language])):]
    row = row[:row.index("</dd>")]
    assert SLOVENIA[language] in row and TURKEY[language] in row and UNKNOWN in row
    assert len(MARK.findall(row)) == (0 if language == "en" else 1)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_api_reads_states_in_the_readers_language(client, states, language):
    item = client.get(f"/api/v1/recommendations/{states.recommendation.pk}", HTTP_ACCEPT_LANGUAGE=language).json()
    suffix = "" if language == "en" else " (EN)"
    assert {SLOVENIA[language], TURKEY[language], UNKNOWN + suffix} < set(item["recommending_states"])
    assert len(item["recommending_states"]) == 5


def test_exports_keep_the_printed_names(client, states):
    client.cookies["django_language"] = "ru"
    body = b"".join(client.get(reverse("exports:export", args=["recommendations", "jsonl"])).streaming_content)
    states_cells = [json.loads(line)["recommending_states"] for line in body.decode().splitlines()]
    assert any("Slovenia" in cell for cell in states_cells)
    assert not any("Словения" in cell or "(EN)" in cell for cell in states_cells)


def test_the_form_offers_states_by_the_name_the_reader_sees_in_its_order(states):
    with translation.override("ru"):
        labels = [str(label) for value, label in RecommendationForm().fields["recommending_states"].choices if value]
    assert labels == [f"{UNKNOWN} (EN)", "Германия", "Китай", "Словения", "Турция"]
