"""Importing action-plan measures: a plan or version named in the file is created when missing; measures are few
per plan, so each is saved through `record_save` (one history row each) and the recommendations they answer
derive their status again."""

from django.utils.translation import gettext as _

from rightstrack.core.models import ImplementationStatus
from rightstrack.core.services import record_save
from rightstrack.imports.targets.labels import (
    Lookup,
    check_length,
    institution_ids,
    institution_lookup,
    label_key,
)
from rightstrack.imports.values import parse_bool, parse_choice, parse_date
from rightstrack.planning.models import ActionPlan, ActionPlanVersion, Measure
from rightstrack.recommendations.keys import recommendation_ref
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.status import recommendation_derive


class MeasureTarget:
    """Imports action-plan measures; a plan or version named in the file is created when missing."""

    model = Measure

    def __init__(self, column_of):
        self.column_of = column_of
        self.institutions = institution_lookup()
        self.plans = {label_key(p.title): p for p in ActionPlan.objects.all()}
        refs = []
        for rec in Recommendation.objects.select_related("source_document").only(
                "external_id", "paragraph", "text", "source_document__symbol"):
            refs.append((recommendation_ref(rec), rec.pk))
            if rec.external_id and rec.paragraph:
                refs.append((f"{rec.source_document.symbol} ¶{rec.paragraph}", rec.pk))
        self.recommendations = Lookup(_("recommendation"), refs)

    def validate(self, record: dict) -> tuple[dict, list]:
        """The measure checked and resolved to ids, and (column, reason) problems; writes nothing."""
        problems, col = [], self.column_of
        clean = {k: record.get(k, "") for k in ("plan", "key", "text")}
        for name in ("plan", "key", "text"):
            if not clean[name]:
                problems.append((col(name), _("%(field)s is empty") % {"field": name}))
        check_length(ActionPlan, "title", clean["plan"], col, "plan", problems)
        check_length(Measure, "key", clean["key"], col, "key", problems)
        version = record.get("version", "") or "1"
        if not version.isdigit() or not 0 < int(version) < 32768:
            problems.append((col("version"), _("version must be a whole number, got %(value)r") % {"value": version}))
        clean["version"] = int(version) if version.isdigit() else 1
        for name in ("number", "section", "expected_result", "completion_form", "deadline_text"):
            if name in record:
                clean[name] = record[name]
                check_length(Measure, name, record[name], col, name, problems)
        clean.setdefault("number", clean["key"])
        if "deadline" in record:
            try:
                clean["deadline"] = parse_date(record["deadline"])
            except ValueError as error:
                problems.append((col("deadline"), str(error)))
        try:
            if "status" in record:
                clean["status"] = parse_choice(record["status"], ImplementationStatus.choices,
                                               default=ImplementationStatus.NOT_STARTED)
            if "published" in record:
                clean["published"] = parse_bool(record["published"])
        except ValueError as error:
            problems.append((col("status" if "status" in clean or "published" not in record else "published"),
                             str(error)))
        clean.update(institution_ids(record, self.institutions, col, problems))
        if "recommendations" in record:
            clean["recommendations"] = {self.recommendations.find(v, col("recommendations"), problems)
                                        for v in record["recommendations"]} - {None}
        return clean, problems

    def unknown_labels(self) -> list[dict]:
        """None: measure files carry no taxonomy labels."""
        return []

    def key(self, clean: dict) -> tuple:
        """A measure's key is stable across versions; (plan, version, key) identifies one row."""
        return (label_key(clean["plan"]), clean["version"], clean["key"])

    def slot(self, clean: dict) -> None:
        """A measure's only unique place is (version, key), which is its key: in-file duplicates cover it."""

    def conflicts(self, rows) -> dict:
        """Nothing: a measure matches the record holding its (version, key), so it cannot collide with another."""
        return {}

    def _version(self, clean, actor) -> ActionPlanVersion:
        plan = self.plans.get(label_key(clean["plan"]))
        if plan is None:
            plan = record_save(obj=ActionPlan(title=clean["plan"]), actor=actor, reason="import")
            self.plans[label_key(plan.title)] = plan
        version = plan.versions.filter(number=clean["version"]).first()
        if version is None:
            version = record_save(obj=ActionPlanVersion(plan=plan, number=clean["version"],
                                                        label=f"Version {clean['version']}"), actor=actor,
                                  reason="import")
        return version

    def write_batch(self, rows, actor, reason: str) -> dict[int, str]:
        """Create, update or leave alone each measure (few rows per plan, so one save each, with history)."""
        actions = {}
        for number, clean in rows:
            version = self._version(clean, actor)
            measure = (Measure.objects.filter(version=version, key=clean["key"])
                       .prefetch_related("co_executors", "recommendations").first())
            values = {"version": version, "key": clean["key"]}
            values.update({k: clean[k] for k in ("number", "section", "text", "expected_result", "completion_form",
                                                 "deadline", "deadline_text", "status") if k in clean})
            if "lead_institution" in clean:
                values["lead_institution_id"] = clean["lead_institution"]
            m2m = {k: clean[k] for k in ("co_executors", "recommendations") if k in clean}
            if measure is None:
                measure = Measure(**values)
                if clean.get("published"):
                    measure.mark_published(True)
                    values.update(is_published=True, published_at=measure.published_at)
                record_save(obj=measure, actor=actor, m2m={k: list(v) for k, v in m2m.items()}, reason=reason)
                recommendation_derive(recommendations=m2m.get("recommendations", ()), actor=actor, reason=reason)
                actions[number] = "created"
                continue
            changes = {k: v for k, v in values.items()
                       if getattr(measure, "version_id" if k == "version" else k) != (v.pk if k == "version" else v)}
            if "published" in clean and clean["published"] != measure.is_published:
                measure.mark_published(clean["published"])
                changes.update(is_published=measure.is_published, published_at=measure.published_at)
            m2m = {k: list(v) for k, v in m2m.items() if v != {o.pk for o in getattr(measure, k).all()}}
            if changes or m2m:
                answered = {o.pk for o in measure.recommendations.all()}
                record_save(obj=measure, actor=actor, values=changes, m2m=m2m, reason=reason)
                recommendation_derive(recommendations=answered | set(m2m.get("recommendations", ())), actor=actor,
                                      reason=reason)
                actions[number] = "updated"
            else:
                actions[number] = "unchanged"
        return actions
