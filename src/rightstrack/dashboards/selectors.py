"""What the dashboard pages show, assembled from the selectors and figures (views only render it)."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Institution
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.planning.selectors import indicator_list, measure_list
from rightstrack.recommendations.models import Mechanism, SourceDocument
from rightstrack.recommendations.selectors import recommendation_list
from rightstrack.reminders.selectors import deadline_items, split_by_state
from rightstrack.reports.figures import indicator_chart, progress_chart, status_chart
from rightstrack.reports.selectors import (
    NO_INSTITUTION,
    ChartFilters,
    filter_measures,
    filter_recommendations,
    first_recorded,
    status_totals,
    tagged_dimensions,
)
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

INDICATOR_CHARTS = 6


def _window(filters: ChartFilters, today: date, since: date | None) -> tuple[date, date]:
    """The period of the charts over time: the filter's, else from the first record's history to today."""
    end = min(filters.period_to or today, today)
    start = filters.period_from or since or date(end.year - 2, end.month, 1)
    return (start, end) if start < end else (end - timedelta(days=31), end)


def filter_options(*, user) -> dict:
    """The values each dashboard filter offers, taken from what the user may read."""
    recs = recommendation_list(user=user)
    used = TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, recommendation__in=recs.values("pk"))
    return {
        "mechanism": [(m.code, str(m)) for m in Mechanism.objects.filter(documents__recommendations__in=recs).distinct()],
        "cycle": [(str(c), str(c)) for c in SourceDocument.objects.filter(recommendations__in=recs)
                  .exclude(cycle=None).values_list("cycle", flat=True).distinct().order_by("cycle")],
        "theme": [(str(t.pk), marked(t)) for t in Term.objects.filter(
            vocabulary=Vocabulary.THEME, pk__in=used.values("term")).order_by("sort_key")],
        "issue": [(str(t.pk), marked(t)) for t in Term.objects.filter(
            vocabulary=Vocabulary.UPR_ISSUE, pk__in=used.values("term")).order_by("sort_key")],
        "sdg": [(str(t.pk), marked(t)) for t in Term.objects.filter(
            vocabulary=Vocabulary.SDG_GOAL, pk__in=used.values("term")).order_by("sort_key")],
        "institution": [(NO_INSTITUTION, _("No lead institution"))] * _any_without_lead(user)
        + [(str(i.pk), i.abbreviation) for i in Institution.objects.filter(
            Q(led_recommendations__isnull=False) | Q(led_measures__isnull=False)).distinct()],
        "status": [(v, str(label)) for v, label in ImplementationStatus.choices],
    }


def _any_without_lead(user) -> bool:
    return (recommendation_list(user=user).filter(lead_institution=None).exists()
            or measure_list(user=user, current_only=True).filter(lead_institution=None).exists())


def _status_charts(recs, measures) -> list:
    """By mechanism, by the topics the records are tagged with (theme, UPR Info issue), by institution and by
    SDG when SDG tags are used; then measures by institution. With no topic tag at all, the theme chart stays,
    empty, so that the page says what is missing."""
    tagged = tagged_dimensions(recs)
    topics = [d for d in tagged if d != "sdg"] or ["theme"]
    return ([status_chart(recs, d) for d in ("mechanism", *topics, "institution", *(["sdg"] if "sdg" in tagged else []))]
            + [status_chart(measures, "institution", title=_("Measures: implementation status by lead institution"))])


def _indicator_charts(indicators) -> list:
    with_values = [i for i in indicators if i.values.all()]
    return [indicator_chart(i) for i in with_values[:INDICATOR_CHARTS]]


def _deadlines(*, user, today, keep: dict[str, set[int]]) -> dict:
    """Overdue and due-soon items, limited to the records the charts count (`keep`: kind -> ids)."""
    items = deadline_items(user=user, today=today)
    return split_by_state([i for i in items if i.pk in keep.get(i.kind, set())])


def _ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def overview_dashboard(*, user, filters: ChartFilters, today: date | None = None) -> dict:
    """Status by mechanism, theme, institution and SDG; deadlines; progress over time; indicator series."""
    today = today or date.today()
    recs = filter_recommendations(recommendation_list(user=user), filters)
    measures = filter_measures(measure_list(user=user, current_only=True), filters)
    start, end = _window(filters, today, first_recorded(recs))
    indicators = indicator_list(user=user).filter(measures__in=measures.values("pk")).distinct()
    return {
        "today": today, "recommendation_totals": status_totals(recs), "measure_totals": status_totals(measures),
        "status_charts": _status_charts(recs, measures),
        "progress_charts": [progress_chart(recs, start=start, end=end, title=_("Recommendations over time")),
                            progress_chart(measures, start=start, end=end, title=_("Measures over time"))],
        "indicator_charts": _indicator_charts(indicators),
        "deadlines": _deadlines(user=user, today=today, keep={
            "measure": _ids(measures), "recommendation": _ids(recs), "indicator": _ids(indicators)}),
    }


def plan_dashboard_board(*, user, version, today: date | None = None) -> dict:
    """One plan version: status by section and institution, deadlines, progress since adoption, indicators."""
    today = today or date.today()
    measures = measure_list(user=user).filter(version=version)
    start = version.adopted_on or version.created_at.date()
    indicators = indicator_list(user=user).filter(measures__version=version).distinct()
    return {
        "today": today, "measure_totals": status_totals(measures), "measure_count": measures.count(),
        "status_charts": [status_chart(measures, "section"), status_chart(measures, "institution")],
        "progress_charts": [progress_chart(measures, start=min(start, today - timedelta(days=31)), end=today)],
        "indicator_charts": _indicator_charts(indicators),
        "deadlines": _deadlines(user=user, today=today, keep={"measure": _ids(measures),
                                                              "indicator": _ids(indicators)}),
    }
