"""Status over time is replayed from the history tables, at the dates the history rows carry."""

from datetime import date, datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone, translation

from rightstrack.recommendations.models import Recommendation
from rightstrack.reports.figures import progress_chart


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def _history(world, paragraph: str, changes: list[tuple[date, str]]) -> Recommendation:
    """A recommendation created at the first date, whose status then changed at the following ones."""
    rec = Recommendation.objects.create(source_document=world.document, paragraph=paragraph, text=paragraph,
                                        status=changes[0][1], is_published=True)
    for _day, status in changes[1:]:
        rec.status = status
        rec.save(update_fields=["status"])
    rows = list(rec.history.order_by("history_id"))
    for row, (day, _status) in zip(rows, changes, strict=True):
        Recommendation.history.filter(history_id=row.history_id).update(history_date=_at(day))
    return rec


@pytest.fixture
def past(world):
    a = _history(world, "1", [(date(2023, 1, 15), "not_started"), (date(2023, 3, 10), "in_progress"),
                              (date(2023, 6, 5), "implemented")])
    b = _history(world, "2", [(date(2023, 2, 20), "not_started")])
    return Recommendation.objects.filter(pk__in=[a.pk, b.pk])


def test_the_series_follows_the_dates_in_history_and_starts_when_the_records_do(past):
    chart = progress_chart(past, start=date(2022, 10, 1), end=date(2023, 7, 15))
    assert chart.rows == [
        (date(2023, 1, 31), {"not_started": 1}),
        (date(2023, 2, 28), {"not_started": 2}),
        (date(2023, 3, 31), {"not_started": 1, "in_progress": 1}),
        (date(2023, 4, 30), {"not_started": 1, "in_progress": 1}),
        (date(2023, 5, 31), {"not_started": 1, "in_progress": 1}),
        (date(2023, 6, 30), {"not_started": 1, "implemented": 1}),
        (date(2023, 7, 15), {"not_started": 1, "implemented": 1}),
    ]


def test_the_chart_draws_that_curve_and_no_zeros_before_the_first_record(past):
    with translation.override("en"):
        svg = progress_chart(past, start=date(2022, 10, 1), end=date(2023, 7, 15)).svg
    tooltips = [t.text for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}title")]
    assert "Not started 31 Jan 2023: 1" in tooltips and "Implemented 30 Jun 2023: 1" in tooltips
    assert not any("2022" in t for t in tooltips)  # no flat zero from October to December 2022


def test_records_imported_today_give_one_point_not_a_jump_from_zero(world):
    """Without dated history (everything created now), the chart is one honest point at today."""
    today = timezone.localdate()
    chart = progress_chart(Recommendation.objects.all(), start=date(today.year - 2, today.month, 1), end=today)
    assert [day for day, _counts in chart.rows] == [today]
    assert sum(chart.rows[0][1].values()) == Recommendation.objects.count()
