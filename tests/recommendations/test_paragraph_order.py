"""Sorting by paragraph reads numbers as people do: 95.2 before 95.10, 9 before 10, whichever way a row came in."""

from django.http import QueryDict

from rightstrack.core.services import record_save
from rightstrack.imports.services import import_file
from rightstrack.recommendations.models import Recommendation, paragraph_key
from rightstrack.recommendations.selectors import recommendation_faceted
from tests.imports.conftest import csv_bytes


PARAGRAPHS = ["95.10", "95.2", "100.1", "9", "95.1", "A.3", "95.10.2"]
READ_ORDER = ["9", "95.1", "95.2", "95.10", "95.10.2", "100.1", "A.3"]


def _sorted_paragraphs(world) -> list[str]:
    qs, _counts = recommendation_faceted(user=world.users["coordinator"], params=QueryDict("sort=paragraph"))
    return [p for p in qs.values_list("paragraph", flat=True) if p in PARAGRAPHS]


def test_paragraph_key_pads_every_number():
    assert paragraph_key("95.2") == "0000000095.0000000002"
    assert paragraph_key("") == ""
    assert sorted(PARAGRAPHS, key=paragraph_key) == READ_ORDER


def test_saved_recommendations_sort_by_paragraph_number(world):
    for paragraph in PARAGRAPHS:
        Recommendation.objects.create(source_document=world.document, paragraph=paragraph, text=f"Text {paragraph}")
    assert _sorted_paragraphs(world) == READ_ORDER


def test_a_changed_paragraph_moves_in_the_order(world):
    recs = {p: Recommendation.objects.create(source_document=world.document, paragraph=p, text=p) for p in PARAGRAPHS}
    record_save(obj=recs["9"], actor=world.users["coordinator"], values={"paragraph": "200"})
    assert _sorted_paragraphs(world)[-1] == "A.3" and "9" not in _sorted_paragraphs(world)
    assert Recommendation.objects.get(paragraph="200").paragraph_key == paragraph_key("200")


def test_imported_recommendations_sort_by_paragraph_number(tmp_path, world):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes([{"document": world.document.symbol, "paragraph": p, "text": f"Text {p}"}
                                for p in PARAGRAPHS], headers=["document", "paragraph", "text"]))
    result = import_file(path=path, actor=None, format_name="tabular")
    assert result.created == len(PARAGRAPHS), result.problems
    assert _sorted_paragraphs(world) == READ_ORDER
