"""Compare two versions of an action plan: measures added, removed and changed, matched by Measure.key."""

from dataclasses import dataclass, field

from rightstrack.planning.models import Measure

# The fields a reader of an amendment cares about, in the order they are shown.
COMPARED_FIELDS = ["number", "section", "text", "expected_result", "completion_form", "lead_institution",
                   "co_executors", "deadline", "deadline_text", "status", "recommendations"]


@dataclass
class FieldChange:
    """One field of a measure that differs between the versions."""

    field: str
    label: str
    before: str
    after: str


@dataclass
class MeasureChange:
    """A measure present in both versions with at least one changed field."""

    key: str
    old: Measure
    new: Measure
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class PlanDiff:
    """Measures added, removed and changed between an older and a newer version."""

    old_version: object
    new_version: object
    added: list[Measure]
    removed: list[Measure]
    changed: list[MeasureChange]
    unchanged: int


def _value(measure: Measure, name: str) -> str:
    if name in ("co_executors", "recommendations"):
        return ", ".join(sorted(str(o.abbreviation if name == "co_executors" else o)
                                for o in getattr(measure, name).all()))
    if name in Measure.TRANSLATABLE_FIELDS:
        return measure.tr(name)
    value = getattr(measure, name)
    if name == "lead_institution":
        return value.abbreviation if value else ""
    if name == "status":
        return str(measure.get_status_display())
    return "" if value is None else str(value)


def plan_version_diff(*, old_version, new_version, measures=None) -> PlanDiff:
    """Field-level diff of the measures of two versions; `measures` is the readable queryset (visibility)."""
    qs = (measures if measures is not None else Measure.objects.all()).select_related("lead_institution") \
        .prefetch_related("co_executors", "recommendations__source_document")
    old = {m.key: m for m in qs.filter(version=old_version)}
    new = {m.key: m for m in qs.filter(version=new_version)}
    changed, unchanged = [], 0
    for key in [k for k in new if k in old]:
        changes = []
        for name in COMPARED_FIELDS:
            before, after = _value(old[key], name), _value(new[key], name)
            if before != after:
                changes.append(FieldChange(name, str(Measure._meta.get_field(name).verbose_name), before, after))
        if changes:
            changed.append(MeasureChange(key, old[key], new[key], changes))
        else:
            unchanged += 1
    return PlanDiff(old_version, new_version, added=[m for k, m in new.items() if k not in old],
                    removed=[m for k, m in old.items() if k not in new], changed=changed, unchanged=unchanged)

