"""Bulk inserts without model instances write what the ORM and simple-history would have written."""

from datetime import date

import pytest
from django.utils import timezone

from rightstrack.core.bulk import insert_history, insert_rows
from rightstrack.recommendations.models import Recommendation
from rightstrack.taxonomy.models import TagAssignment


@pytest.mark.parametrize("model", [Recommendation, TagAssignment])
def test_history_rows_copied_in_the_database_equal_simple_historys(world, model):
    obj = world.recommendation if model is Recommendation else world.suggestion
    if model is Recommendation:
        obj.translations = {"text": {"ru": "Ратифицировать"}}  # a JSON value, copied as it is stored
        obj.save()
    when, who = timezone.now(), world.users["coordinator"]
    model.history.bulk_history_create([obj], default_user=who, default_change_reason="import: a.csv",
                                      default_date=when)
    insert_history(model, model.objects.filter(pk=obj.pk), default_user=who, default_change_reason="import: a.csv",
                   default_date=when)

    by_library, copied = model.history.filter(id=obj.pk, history_date=when).order_by("history_id").values()
    assert copied.pop("history_id") != by_library.pop("history_id")
    assert copied == by_library


def test_inserted_rows_come_back_in_order_with_typed_values_and_defaults(world):
    now = timezone.now()
    names = ("source_document_id", "text", "paragraph", "deadline", "is_published", "published_at")
    rows = [(world.document.pk, f"Recommendation {n}", f"200.{n}", date(2030, 1, 1 + n % 28), n % 2 == 0,
             now if n % 2 == 0 else None) for n in range(100)]  # 100 rows take three statements

    keys = insert_rows(Recommendation, names, rows, created_at=now, updated_at=now)

    stored = Recommendation.objects.in_bulk(keys)
    assert [tuple(getattr(stored[key], name) for name in names) for key in keys] == rows
    fresh = Recommendation()
    for name in ("language", "response", "status", "derived_status", "translations", "institutions_from_measures",
                 "revision"):
        assert getattr(stored[keys[0]], name) == getattr(fresh, name)
    assert stored[keys[0]].created_at == now
