"""Every term of every shipped vocabulary has a Russian and a Kazakh name, in Cyrillic, and says where it came from."""

import re

import pytest
from django.utils import translation

from rightstrack.taxonomy.models import Term
from rightstrack.taxonomy.reference import load_taxonomies

pytestmark = pytest.mark.django_db


def test_every_shipped_term_is_named_in_russian_and_kazakh_with_its_source():
    load_taxonomies()
    terms = list(Term.objects.all())
    assert {t.vocabulary for t in terms} >= {"treaty", "article", "theme", "group", "sdg", "sdg_target", "upr_issue",
                                             "action_category"}
    missing = [(t.vocabulary, t.code, lang) for t in terms for lang in ("ru", "kk")
               if not re.search("[а-яёәғқңөұүһі]", ((t.translations or {}).get("name") or {}).get(lang, ""), re.I)]
    assert missing == []
    assert [t.code for t in terms if "ru/kk" not in t.source] == []


def test_a_russian_reader_sees_a_treaty_by_its_russian_title():
    load_taxonomies()
    iccpr = Term.objects.get(vocabulary="treaty", code="ICCPR")
    with translation.override("ru"):
        assert iccpr.tr("name") == "Международный пакт о гражданских и политических правах"
        assert iccpr.original_mark() == ""
