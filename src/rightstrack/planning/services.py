"""Writes for plans, measures, progress reports, evidence and indicators. Each runs in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import (
    can_report_on,
    is_manager,
    require,
    responsible_institution_ids,
)
from rightstrack.core.services import record_delete, record_publish, record_save
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Evidence,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
)
from rightstrack.planning.permissions import is_reporter
from rightstrack.planning.workflow import (
    EDITABLE_STATES,
    REVIEW_STATES,
    State,
    TransitionError,
    check_transition,
)
from rightstrack.recommendations.status import recommendation_derive

MEASURE_M2M = ("co_executors", "recommendations")


@transaction.atomic
def action_plan_create(*, actor, title: str, description: str = "", **extra) -> ActionPlan:
    """Create a plan with its first version."""
    require(is_manager(actor))
    plan = record_save(obj=ActionPlan(title=title, description=description, **extra), actor=actor)
    record_save(obj=ActionPlanVersion(plan=plan, number=1, label=title), actor=actor)
    return plan


@transaction.atomic
def action_plan_update(*, actor, plan: ActionPlan, **values) -> ActionPlan:
    """Change a plan's own fields (title, description, publication)."""
    require(is_manager(actor))
    return record_save(obj=plan, actor=actor, values=values)


@transaction.atomic
def action_plan_publish(*, actor, plan: ActionPlan, published: bool = True) -> ActionPlan:
    """Show (or hide) a plan on the public portal."""
    require(is_manager(actor))
    return record_publish(obj=plan, actor=actor, published=published)


@transaction.atomic
def plan_version_create(*, actor, plan: ActionPlan, label: str, adopted_on=None, adopted_by=None,
                        **extra) -> ActionPlanVersion:
    """Add a version (an amendment) that starts as a copy of the latest version's measures."""
    require(is_manager(actor))
    previous = plan.current_version
    version = record_save(obj=ActionPlanVersion(plan=plan, number=(previous.number + 1) if previous else 1,
                                                label=label, adopted_on=adopted_on, adopted_by=adopted_by, **extra),
                          actor=actor)
    answered = set(Measure.recommendations.through.objects.filter(measure__version=previous)
                   .values_list("recommendation_id", flat=True)) if previous else set()
    for measure in (previous.measures.prefetch_related(*MEASURE_M2M) if previous else []):
        co_executors, recommendations = list(measure.co_executors.all()), list(measure.recommendations.all())
        measure.pk = measure.id = None
        measure._prefetched_objects_cache = {}  # else .set() would compare against the old measure's links
        measure.version = version
        measure._state.adding = True
        record_save(obj=measure, actor=actor, reason=f"copied into version {version.number}",
                    m2m={"co_executors": co_executors, "recommendations": recommendations})
    # The new version's measures now answer for the plan; a copy carries its original's status, so this changes
    # nothing unless the previous version was not the latest.
    recommendation_derive(recommendations=answered, actor=actor, reason=f"plan version {version.number} adopted")
    return version


def _answered(measure: Measure) -> set[int]:
    return set(measure.recommendations.values_list("pk", flat=True)) if measure.pk else set()


@transaction.atomic
def measure_create(*, actor, version: ActionPlanVersion, **values) -> Measure:
    """Add a measure to a plan version; the recommendations it answers are derived again."""
    require(is_manager(actor))
    measure = record_save(obj=Measure(version=version), actor=actor, values=values)
    recommendation_derive(recommendations=_answered(measure), actor=actor, reason=f"measure {measure.number} added")
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, **values) -> Measure:
    """Change a measure; the recommendations it answered or now answers are derived again (status, institutions)."""
    require(is_manager(actor))
    before = _answered(measure)
    measure = record_save(obj=measure, actor=actor, values=values)
    recommendation_derive(recommendations=before | _answered(measure), actor=actor,
                          reason=f"measure {measure.number} changed")
    return measure


@transaction.atomic
def measure_link(*, actor, measure: Measure, recommendations) -> list:
    """Record that `measure` answers these recommendations (links it has already are kept); returns those added.

    Only a measure of its plan's current version takes new links: a superseded version is history, and its links
    count for nothing in a recommendation's status.
    """
    require(is_manager(actor))
    if measure.version.number != measure.version.plan.current_version.number:
        raise ValidationError(_("This measure belongs to a superseded plan version; link the current version's."))
    before = _answered(measure)
    added = [r for r in recommendations if r.pk not in before]
    if added:
        record_save(obj=measure, actor=actor, m2m={"recommendations": [*before, *(r.pk for r in added)]},
                    reason="linked: " + ", ".join(str(r) for r in added))
        recommendation_derive(recommendations=added, actor=actor, reason=f"linked to measure {measure.number}")
    return added


@transaction.atomic
def measure_unlink(*, actor, measure: Measure, recommendations) -> list:
    """Record that `measure` no longer answers these recommendations; returns those removed."""
    require(is_manager(actor))
    before = _answered(measure)
    removed = [r for r in recommendations if r.pk in before]
    if removed:
        gone = {r.pk for r in removed}
        record_save(obj=measure, actor=actor, m2m={"recommendations": sorted(before - gone)},
                    reason="unlinked: " + ", ".join(str(r) for r in removed))
        recommendation_derive(recommendations=removed, actor=actor, reason=f"unlinked from measure {measure.number}")
    return removed


@transaction.atomic
def measure_publish(*, actor, measure: Measure, published: bool = True) -> Measure:
    """Show (or hide) a measure on the public side (its plan must be published too)."""
    require(is_manager(actor))
    return record_publish(obj=measure, actor=actor, published=published)


@transaction.atomic
def measure_delete(*, actor, measure: Measure) -> None:
    """Delete a measure (kept in history)."""
    require(is_manager(actor))
    answered = _answered(measure)
    record_delete(obj=measure, actor=actor)
    recommendation_derive(recommendations=answered, actor=actor, reason="a measure that answered it was deleted")


@transaction.atomic
def progress_report_create(*, actor, target, institution, period_end, narrative: str, proposed_status: str,
                           **extra) -> ProgressReport:
    """Start a draft report on a measure or recommendation the actor is responsible for."""
    require(can_report_on(actor, target))
    require(is_manager(actor) or institution.id in actor.institution_ids,
            _("Focal points report for their own institution."))
    _require_responsible_institution(target=target, institution_id=institution.id)
    field = "measure" if isinstance(target, Measure) else "recommendation"
    report = ProgressReport(**{field: target}, institution=institution, author=actor, period_end=period_end,
                            narrative=narrative, proposed_status=proposed_status, **extra)
    return record_save(obj=report, actor=actor)


def _require_responsible_institution(*, target, institution_id: int) -> None:
    """Only an institution that leads or co-executes the item reports on it (or, on an item nobody leads yet,
    any institution a coordinator names), since approving the report sets the item's status."""
    responsible = responsible_institution_ids(target)
    require(institution_id in responsible or not responsible,
            _("This institution neither leads nor co-executes this item, so it cannot report on it."))


@transaction.atomic
def progress_report_update(*, actor, report: ProgressReport, **values) -> ProgressReport:
    """Edit a draft or returned report."""
    require(is_reporter(actor, report))
    require(report.state in EDITABLE_STATES, _("Only draft or returned reports can be edited."))
    return record_save(obj=report, actor=actor, values=values)


@transaction.atomic
def progress_report_transition(*, actor, report: ProgressReport, to: str, comment: str = "") -> ProgressReport:
    """Move a report through the workflow; approval sets the target's status to the proposed one."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if to in REVIEW_STATES:
        require(is_manager(actor), _("Only coordinators review reports."))
    else:
        require(is_reporter(actor, report))
    check_transition(report.state, to, comment)
    if to == State.APPROVED:
        _require_responsible_institution(target=report.target, institution_id=report.institution_id)
    now = timezone.now()
    values = {"state": to}
    if to == State.SUBMITTED:
        values["submitted_at"] = now
    else:
        values.update(review_comment=comment, reviewed_by=actor, reviewed_at=now)
    record_save(obj=report, actor=actor, values=values, reason=f"{to}: {comment}".strip(": "))
    if to == State.APPROVED:
        reason = f"status from approved progress report #{report.pk}"
        if report.measure_id:
            measure = report.measure
            if measure.status != report.proposed_status:
                record_save(obj=measure, actor=actor, values={"status": report.proposed_status}, reason=reason)
            recommendation_derive(recommendations=_answered(measure), actor=actor, reason=reason)
        else:
            recommendation_derive(recommendations=[report.recommendation_id], actor=actor, reason=reason)
    return report


@transaction.atomic
def progress_report_bulk_transition(*, actor, reports, to: str, comment: str = "") -> list[ProgressReport]:
    """Move several reports the same way, all or nothing: the first refusal undoes the others and names its report."""
    done = []
    for report in sorted(reports, key=lambda r: r.pk):  # one lock order, so two bulk reviews cannot deadlock
        try:
            done.append(progress_report_transition(actor=actor, report=report, to=to, comment=comment))
        except (PermissionDenied, TransitionError) as error:
            message = _("Nothing was changed. Report #%(pk)s (%(institution)s, %(target)s): %(reason)s") % {
                "pk": report.pk, "institution": report.institution.abbreviation, "target": report.target,
                "reason": error.args[0] if error.args else _("You do not have permission to do this.")}
            raise type(error)(message) from error
    return done


@transaction.atomic
def progress_report_publish(*, actor, report: ProgressReport, published: bool = True) -> ProgressReport:
    """Publish (or withdraw) an approved report on the public portal."""
    require(is_manager(actor))
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)  # decide on the current state
    require(report.state == State.APPROVED, _("Only approved reports can be published."))
    return record_publish(obj=report, actor=actor, published=published)


@transaction.atomic
def evidence_add(*, actor, report: ProgressReport, title: str, file=None, url: str = "") -> Evidence:
    """Attach a file or link to a report that is still editable."""
    require(is_reporter(actor, report))
    require(report.state in EDITABLE_STATES, _("Evidence can be added while the report is a draft or returned."))
    return record_save(obj=Evidence(progress_report=report, title=title, file=file or "", url=url), actor=actor)


@transaction.atomic
def indicator_create(*, actor, measures=(), **values) -> Indicator:
    """Define an indicator and link it to measures."""
    require(is_manager(actor))
    return record_save(obj=Indicator(**values), actor=actor, m2m={"measures": list(measures)})


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **values) -> Indicator:
    """Change an indicator's definition, baseline, target or links to measures."""
    require(is_manager(actor))
    return record_save(obj=indicator, actor=actor, values=values)


@transaction.atomic
def indicator_publish(*, actor, indicator: Indicator, published: bool = True) -> Indicator:
    """Show (or hide) an indicator and its values on the public side."""
    require(is_manager(actor))
    return record_publish(obj=indicator, actor=actor, published=published)


@transaction.atomic
def indicator_value_set(*, actor, indicator: Indicator, period: str, period_end, value, note: str = "") -> IndicatorValue:
    """Enter or correct the value for one period."""
    require(is_manager(actor) or any(can_report_on(actor, m) for m in indicator.measures.all()))
    existing = IndicatorValue.objects.filter(indicator=indicator, period=period).first()
    values = {"period_end": period_end, "value": value, "note": note}
    if existing:
        return record_save(obj=existing, actor=actor, values=values)
    return record_save(obj=IndicatorValue(indicator=indicator, period=period, **values), actor=actor)
