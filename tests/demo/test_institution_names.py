"""The demo's institutions carry their Russian and Kazakh names, each with its source, and the demo reads them (and
its cluster) in the reader's language."""

import pytest
from django.urls import reverse

from rightstrack.accounts.models import Institution
from rightstrack.demo.kazakhstan import INSTITUTIONS, load_institutions, load_kazakhstan
from rightstrack.demo.people import create_demo_accounts
from rightstrack.planning.models import Measure
from rightstrack.taxonomy.reference import load_taxonomies

pytestmark = pytest.mark.django_db


def test_every_demo_institution_has_a_russian_and_a_kazakh_name_and_their_source(db):
    load_institutions(actor=None)
    institutions = Institution.objects.all()
    assert len(institutions) == len(INSTITUTIONS)
    for institution in institutions:
        names = institution.translations["name"]
        assert set(names) == {"ru", "kk"} and all(names.values()), institution.abbreviation
        assert "ru/kk: " in institution.source_note
    mia = Institution.objects.get(abbreviation="MIA")
    assert mia.tr("name", "ru") == "Министерство внутренних дел Республики Казахстан"
    assert mia.tr("name", "kk") == "Қазақстан Республикасының Ішкі істер министрлігі"
    assert "own translation" in Institution.objects.get(abbreviation="MEAS").source_note


@pytest.mark.slow  # loads the whole demo set (about 20 s)
def test_the_demo_names_its_institutions_in_the_readers_language(client):
    load_taxonomies()
    load_institutions(actor=None)
    people = create_demo_accounts()
    load_kazakhstan(actor=people["admin"], people=people)
    medical = Measure.objects.filter(key="S-MED").latest("pk")  # led by the Ministry of Health, with co-executors
    for language, name in (("ru", "Министерство здравоохранения Республики Казахстан"),
                           ("kk", "Қазақстан Республикасының Денсаулық сақтау министрлігі"),
                           ("en", "Ministry of Health")):
        client.cookies["django_language"] = language
        page = client.get(reverse("portal:measure_detail", args=[medical.pk])).content.decode()
        assert f"MoH — {name}" in page, language
        assert "original-mark" not in page.split("<dl", 1)[1].split("</dl>", 1)[0]  # nothing shown untranslated
    client.cookies["django_language"] = "ru"
    listing = client.get(reverse("portal:recommendation_list")).content.decode()
    facets = listing[listing.index('class="facets"'):listing.index("</aside>")]
    assert "Предупреждение пыток и жестокого обращения" in facets and "original-mark" not in facets
