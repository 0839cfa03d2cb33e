"""Time axes: points are spaced by time, ticks are round numbers and month or year starts, labelled in the
page's language. Pure functions; no database."""

import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.utils import translation

from rightstrack.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (0, 93, [0, 20, 40, 60, 80, 100]),
    (0, 480, [0, 100, 200, 300, 400, 500]),
    (0, 250, [0, 50, 100, 150, 200, 250]),
    (0, 7, [0, 2, 4, 6, 8]),
    (0, 0.8, [0, 0.2, 0.4, 0.6, 0.8]),
    (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),  # nothing to show still gives an axis
    (-30, 40, [-40, -20, 0, 20, 40]),
])
def test_value_ticks_are_round_and_cover_the_values(low, high, ticks):
    assert charts.nice_ticks(low, high) == ticks


def test_count_ticks_are_whole_numbers():
    assert charts.nice_ticks(0, 2, integer=True) == [0, 1, 2]


@pytest.mark.parametrize(("start", "end", "ticks", "fmt"), [
    (date(2024, 1, 15), date(2024, 6, 30), [date(2024, m, 1) for m in (2, 3, 4, 5, 6)], "M Y"),
    (date(2023, 3, 31), date(2024, 12, 7), [date(2023, 7, 1), date(2024, 1, 1), date(2024, 7, 1)], "M Y"),
    (date(2023, 5, 31), date(2024, 12, 7), [date(2023, 7, 1), date(2023, 10, 1), date(2024, 1, 1),
                                            date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1)], "M Y"),
    (date(2021, 6, 9), date(2024, 12, 7), [date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)], "Y"),
    (date(2001, 1, 1), date(2024, 1, 1), [date(y, 1, 1) for y in (2005, 2010, 2015, 2020)], "Y"),
    (date(2024, 3, 3), date(2024, 3, 20), [date(2024, 3, 3), date(2024, 3, 20)], "SHORT_DATE_FORMAT"),
])
def test_time_ticks_are_month_or_year_starts_at_a_regular_step(start, end, ticks, fmt):
    assert charts.time_ticks(start, end) == (ticks, fmt)


def test_dates_are_placed_by_the_time_between_them_not_by_their_rank():
    x = charts.time_scale(date(2020, 1, 1), date(2020, 12, 31), 0, 365)
    assert x(date(2020, 1, 1)) == 0 and x(date(2020, 12, 31)) == 365
    assert x(date(2020, 2, 1)) == pytest.approx(31) and x(date(2020, 7, 2)) == pytest.approx(183)
    assert charts.time_scale(date(2020, 1, 1), date(2020, 1, 1), 0, 100)(date(2020, 1, 1)) == 50


def _circles(svg: str) -> list[float]:
    return [float(c.get("cx")) for c in ElementTree.fromstring(svg).iter(f"{SVG}circle")]


def test_a_line_chart_spaces_uneven_periods_by_time():
    days = [date(2020, 12, 31), date(2021, 12, 31), date(2024, 12, 31)]  # a gap of three years, then one
    svg = charts.line_chart("Judges trained", [charts.Series("Actual", [(d, v) for d, v in zip(days, (10, 40, 93))])])
    first, second, third = _circles(svg)
    assert (third - second) == pytest.approx(3 * (second - first), rel=0.01)
    texts = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert ["0", "20", "40", "60", "80", "100"] == [t for t in texts if t and t.isdigit() and len(t) < 4]
    assert {"2021", "2022", "2023", "2024"} <= set(texts)


def test_a_chart_in_russian_names_months_and_groups_digits_the_russian_way():
    series = [charts.Series("Факт", [(date(2024, 1, 31), 1200), (date(2024, 6, 30), 12500)])]
    with translation.override("ru"):
        svg = charts.line_chart("Обучено судей", series)
    texts = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert {"Фев 2024", "Мар 2024", "Апр 2024", "Май 2024", "Июн 2024"} <= set(texts)
    assert "5\xa0000" in texts and "15\xa0000" in texts  # a no-break space groups thousands
    assert "Факт 30.06.2024: 12\xa0500" in svg  # tooltips: Russian date and number
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun)\b", svg)
