"""Charts built from querysets: the one place dashboards and reports get their figures from."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.models import ImplementationStatus
from rightstrack.reports import charts
from rightstrack.reports.charts import Chart, Series
from rightstrack.reports.selectors import status_by, status_over_time

DIMENSION_TITLES = {
    "mechanism": gettext_lazy("Implementation status by mechanism"), "theme": gettext_lazy("Implementation status by theme"),
    "issue": gettext_lazy("Implementation status by UPR Info issue"),
    "institution": gettext_lazy("Implementation status by lead institution"), "sdg": gettext_lazy("Implementation status by SDG"),
    "cluster": gettext_lazy("Implementation status by cluster"), "section": gettext_lazy("Implementation status by plan section"),
}


def _statuses() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in ImplementationStatus.choices]


def status_chart(qs, dimension: str, *, title: str | None = None, width: int = 640) -> Chart:
    """Stacked status bars of a queryset grouped by one dimension."""
    rows = status_by(qs, dimension)
    title = title or str(DIMENSION_TITLES[dimension])
    return Chart(title, charts.stacked_bars(title, rows, _statuses(), width=width), rows)


def progress_chart(qs, *, start: date, end: date, title: str | None = None, width: int = 640) -> Chart:
    """Lines of how many items were in each status at each month end."""
    rows = status_over_time(qs, start=start, end=end)
    title = title or _("Progress over time")
    series = [Series(str(label), [(month, counts.get(value, 0)) for month, counts in rows],
                     charts.STATUS_COLOURS[value]) for value, label in ImplementationStatus.choices]
    return Chart(title, charts.line_chart(title, series, width=width, integer=True), rows)


def indicator_chart(indicator, *, width: int = 640) -> Chart:
    """An indicator's values at their period ends against its target (dashed line) and baseline (a point);
    a target or baseline year stands at that year's end."""
    entries = list(indicator.values.all())
    values = [(v.period_end, float(v.value)) for v in entries]
    target_at = date(indicator.target_year, 12, 31) if indicator.target_year else None
    baseline_at = date(indicator.baseline_year, 12, 31) if indicator.baseline_year else None
    days = sorted({d for d, _v in values} | {d for d in (target_at, baseline_at) if d})
    series = [Series(_("Actual"), values, charts.SERIES_COLOURS[0], names=[v.period for v in entries])]
    if indicator.target is not None and days:
        series.append(Series(_("Target"), [(d, float(indicator.target)) for d in days],
                             charts.SERIES_COLOURS[3], dashed=True))
    if indicator.baseline is not None and (baseline_at or days):
        series.append(Series(_("Baseline"), [(baseline_at or days[0], float(indicator.baseline))],
                             charts.SERIES_COLOURS[5]))
    unit = indicator.tr("unit")
    title = f"{indicator} ({unit})"
    rows = [(v.period, float(v.value)) for v in entries]
    return Chart(title, charts.line_chart(title, series, width=width, y_label=unit), rows)
