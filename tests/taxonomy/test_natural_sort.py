"""Taxonomy codes sort as people count: A2 before A12, SDG 16.2 before 16.10 and 16.a."""

import pytest

from rightstrack.core.services import record_save
from rightstrack.taxonomy.models import Term, Vocabulary

pytestmark = pytest.mark.django_db


def test_codes_sort_naturally_within_a_vocabulary():
    for code in ("A12", "A2", "A1", "B10", "B9"):
        record_save(obj=Term(vocabulary=Vocabulary.THEME, code=code, name=f"Theme {code}"), actor=None)
    for code in ("16.a", "16.10", "16.2"):
        record_save(obj=Term(vocabulary=Vocabulary.SDG_TARGET, code=code, name=f"Target {code}"), actor=None)
    themes = list(Term.objects.filter(vocabulary=Vocabulary.THEME).values_list("code", flat=True))
    targets = list(Term.objects.filter(vocabulary=Vocabulary.SDG_TARGET).values_list("code", flat=True))
    assert themes == ["A1", "A2", "A12", "B9", "B10"]
    assert targets == ["16.2", "16.10", "16.a"]


def test_a_changed_code_moves_the_term():
    term = record_save(obj=Term(vocabulary=Vocabulary.THEME, code="A30", name="Moved"), actor=None)
    record_save(obj=Term(vocabulary=Vocabulary.THEME, code="A4", name="Stays"), actor=None)
    record_save(obj=term, actor=None, values={"code": "A3"})
    assert list(Term.objects.values_list("code", flat=True)) == ["A3", "A4"]
