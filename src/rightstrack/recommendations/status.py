"""A recommendation's implementation status and responsible institutions, derived from the evidence.

The rule (docs/status.md, and the help on the record page):
- The inputs are the status of each measure that answers the recommendation in its plan's current version,
  plus the proposed status of the latest approved progress report filed on the recommendation itself.
- No input, or all inputs *not started* → not started. All *implemented* → implemented. All *not implemented*
  → not implemented.
- Otherwise, any input *implemented* or *partially implemented* → partially implemented; any *in progress* →
  in progress; what remains (*not started* beside *not implemented*) → not started.
- A coordinator's override, given with a reason, wins over the derived status; both are kept and shown.
- Unless set directly, the lead institution is the one that leads most answering measures (the first measure
  breaks a tie) and the co-executors are every other institution responsible for them.

`recommendation_derive` is the one function that writes these values. Services call it in the transaction of
the change that moves them (an approval, a link or unlink, a measure's edit); `rightstrack recompute-statuses`
calls it for every recommendation.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction

from rightstrack.core.models import ImplementationStatus as Status
from rightstrack.core.services import record_save
from rightstrack.planning.models import Measure, ProgressReport
from rightstrack.planning.selectors import latest_version_number
from rightstrack.recommendations.models import Recommendation

BATCH = 500


def derive_status(statuses: Iterable[str]) -> str:
    """The status that a set of measure (and own report) statuses gives a recommendation; see the module rule."""
    found = set(statuses)
    if not found or found == {Status.NOT_STARTED}:
        return Status.NOT_STARTED
    if len(found) == 1:  # all implemented, all not implemented, all partially implemented or all in progress
        return found.pop()
    if found & {Status.IMPLEMENTED, Status.PARTIALLY_IMPLEMENTED}:
        return Status.PARTIALLY_IMPLEMENTED
    if Status.IN_PROGRESS in found:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def derive_institutions(measures: list[Measure]) -> tuple[int | None, set[int]]:
    """(lead institution id, co-executor ids) from the answering measures, in measure order."""
    leads = Counter(m.lead_institution_id for m in measures if m.lead_institution_id)
    lead = None
    if leads:
        best = max(leads.values())
        lead = next(m.lead_institution_id for m in measures if leads.get(m.lead_institution_id) == best)
    others = {m.lead_institution_id for m in measures if m.lead_institution_id}
    others |= {i.pk for m in measures for i in m.co_executors.all()}
    return lead, others - {lead}


def answering_measures(recommendation_ids) -> dict[int, list[Measure]]:
    """The measures of each plan's current version that answer each recommendation, in measure order."""
    found = defaultdict(list)
    through = Measure.recommendations.through.objects.filter(
        recommendation_id__in=recommendation_ids,
        measure__version__number=latest_version_number("measure__version__plan")).order_by("measure_id")
    links = list(through.values_list("recommendation_id", "measure_id"))
    measures = Measure.objects.prefetch_related("co_executors").in_bulk({m for _, m in links})
    for recommendation_id, measure_id in links:
        found[recommendation_id].append(measures[measure_id])
    return found


def latest_own_reports(recommendation_ids) -> dict[int, ProgressReport]:
    """The latest approved progress report filed on each recommendation itself (by as-of date, then review)."""
    found = {}
    for report in (ProgressReport.objects.filter(recommendation_id__in=recommendation_ids,
                                                 state=ProgressReport.State.APPROVED)
                   .order_by("recommendation_id", "period_end", "reviewed_at", "pk")):
        found[report.recommendation_id] = report  # the last one per recommendation wins
    return found


@transaction.atomic
def recommendation_derive(*, recommendations: Iterable, actor=None, reason: str = "") -> int:
    """Recompute the derived status, effective status and (unless set directly) institutions of these
    recommendations; save with history those that changed. Returns how many changed."""
    ids = sorted({getattr(r, "pk", r) for r in recommendations})
    changed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        # Lock the rows first, so two approvals that move the same recommendation are applied one after the other,
        # each reading the other's committed measure status (PostgreSQL; SQLite serialises writers anyway).
        rows = list(Recommendation.objects.select_for_update().filter(pk__in=chunk)
                    .prefetch_related("co_executors").order_by("pk"))
        measures, reports = answering_measures(chunk), latest_own_reports(chunk)
        for rec in rows:
            changed += _apply(rec, measures.get(rec.pk, []), reports.get(rec.pk), actor, reason)
    return changed


def _apply(rec: Recommendation, measures: list[Measure], own_report, actor, reason: str) -> bool:
    inputs = [m.status for m in measures] + ([own_report.proposed_status] if own_report else [])
    derived = derive_status(inputs)
    values, m2m = {}, {}
    if rec.derived_status != derived:
        values["derived_status"] = derived
    if rec.status != (rec.status_override or derived):
        values["status"] = rec.status_override or derived
    if rec.institutions_from_measures:
        lead, co_executors = derive_institutions(measures)
        if rec.lead_institution_id != lead:
            values["lead_institution_id"] = lead
        if {i.pk for i in rec.co_executors.all()} != co_executors:
            m2m["co_executors"] = sorted(co_executors)
    if not values and not m2m:
        return False
    record_save(obj=rec, actor=actor, values=values, m2m=m2m, reason=reason or "derived from its measures")
    return True


def recommendation_derive_all(*, actor=None, progress=None) -> tuple[int, int]:
    """Derive every recommendation again, a batch per transaction (after an import or an upgrade).

    Returns (recommendations read, recommendations changed); `progress(done, total)` is called per batch.
    """
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), BATCH):
        changed += recommendation_derive(recommendations=ids[start:start + BATCH], actor=actor,
                                         reason="statuses recomputed")
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids), changed
