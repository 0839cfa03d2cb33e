"""The filters of the measure list and of the progress report inbox."""

from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.core.filtersets import (
    FacetFilter,
    FacetFilterSet,
    SearchFilter,
    SortFilter,
)
from rightstrack.core.models import ImplementationStatus
from rightstrack.planning.models import ActionPlan, ProgressReport


def _institutions(ids):
    return {i.pk: i.abbreviation for i in Institution.objects.filter(pk__in=ids)}


def plans_named(ids):
    """{plan id: title} for a facet's labels."""
    return {p.pk: p.tr("title") for p in ActionPlan.objects.filter(pk__in=ids)}


class MeasureFilterSet(FacetFilterSet):
    plan = FacetFilter(_("Plan"), "version__plan", plans_named)
    status = FacetFilter(_("Status"), "status", dict(ImplementationStatus.choices))
    institution = FacetFilter(_("Lead institution"), "lead_institution", _institutions,
                              empty=_("No lead institution"))
    section = FacetFilter(_("Section"), "section")
    q = SearchFilter("text", "expected_result", "number", "key")
    sort = SortFilter({"number": "number", "deadline": "deadline", "status": "status"}, default="deadline")


class ProgressReportFilterSet(FacetFilterSet):
    """The inbox; its queryset is annotated with `target_deadline` (the measure's or recommendation's)."""

    state = FacetFilter(_("State"), "state", dict(ProgressReport.State.choices))
    institution = FacetFilter(_("Reporting institution"), "institution", _institutions)
    # A report on a recommendation belongs to the plans of the measures that answer it, and a report on a
    # measure to the mechanisms of the recommendations it answers.
    plan = FacetFilter(_("Plan"), "measure__version__plan", plans_named,
                       also=("recommendation__measures__version__plan",))
    mechanism = FacetFilter(_("Mechanism"), "recommendation__source_document__mechanism__code",
                            also=("measure__recommendations__source_document__mechanism__code",))
    q = SearchFilter("narrative", "measure__text", "recommendation__text", "author__username")
    sort = SortFilter({"deadline": "target_deadline", "submitted": "submitted_at", "as_of": "period_end"},
                      default="submitted")
