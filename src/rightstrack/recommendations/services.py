"""Writes for recommendations, clusters and independent assessments. Each runs in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Institution, Role
from rightstrack.accounts.permissions import is_manager, require, role_of
from rightstrack.core.services import record_delete, record_publish, record_save
from rightstrack.recommendations.models import Assessment, Cluster, Recommendation
from rightstrack.recommendations.permissions import can_assess, can_edit_assessment
from rightstrack.recommendations.status import recommendation_derive

DERIVED_FIELDS = {"status", "derived_status", "status_override", "status_override_reason"}


@transaction.atomic
def recommendation_create(*, actor, **values) -> Recommendation:
    """Record a recommendation by hand."""
    require(is_manager(actor))
    return record_save(obj=Recommendation(), actor=actor, values=values)


@transaction.atomic
def recommendation_update(*, actor, recommendation: Recommendation, reason: str = "", **values) -> Recommendation:
    """Change a recommendation's fields, responsible institutions or cluster.

    While `institutions_from_measures` is on, the measures decide the institutions and any given here are ignored.
    """
    require(is_manager(actor))
    if DERIVED_FIELDS & set(values):
        raise TypeError("A recommendation's status is derived; set it with recommendation_status_override.")
    if values.get("institutions_from_measures", recommendation.institutions_from_measures):
        values = {k: v for k, v in values.items() if k not in {"lead_institution", "co_executors"}}
    recommendation = record_save(obj=recommendation, actor=actor, values=values, reason=reason)
    if "institutions_from_measures" in values:  # nothing else this edits is an input of the derivation
        recommendation_derive(recommendations=[recommendation], actor=actor, reason=reason)
    return recommendation


@transaction.atomic
def recommendation_status_override(*, actor, recommendation: Recommendation, status: str,
                                   reason: str = "") -> Recommendation:
    """Set the status by hand, with a reason, over the one derived from the measures; `status=""` clears it.

    The derived status is kept beside it, and both changes are in the record's history.
    """
    require(is_manager(actor))
    if status and not reason.strip():
        raise ValidationError({"status_override_reason": _("Say why the status differs from its measures.")})
    record_save(obj=recommendation, actor=actor,
                values={"status_override": status, "status_override_reason": reason.strip() if status else ""},
                reason=(f"status set by hand: {reason.strip()}" if status else "status override cleared"))
    recommendation_derive(recommendations=[recommendation], actor=actor,
                          reason="status set by hand" if status else "status follows its measures again")
    recommendation.refresh_from_db()
    return recommendation


@transaction.atomic
def recommendation_delete(*, actor, recommendation: Recommendation) -> None:
    """Delete a recommendation; the deletion stays in history."""
    require(is_manager(actor))
    record_delete(obj=recommendation, actor=actor)


@transaction.atomic
def recommendation_publish(*, actor, recommendation: Recommendation, published: bool = True) -> Recommendation:
    """Show (or hide) a recommendation on the public portal."""
    require(is_manager(actor))
    return record_publish(obj=recommendation, actor=actor, published=published)


@transaction.atomic
def cluster_create(*, actor, name: str, description: str = "", translations=None, recommendations=()) -> Cluster:
    """Create a cluster and put recommendations in it."""
    require(is_manager(actor))
    cluster = record_save(obj=Cluster(name=name, description=description, translations=translations or {}),
                          actor=actor)
    for recommendation in recommendations:
        record_save(obj=recommendation, actor=actor, values={"cluster": cluster}, reason=f"clustered: {name}")
    return cluster


ASSESSING_KINDS = {Institution.Kind.COMMISSION, Institution.Kind.OMBUDSMAN, Institution.Kind.NGO}


@transaction.atomic
def assessment_create(*, actor, target, organisation, rating: str, rationale: str, evidence_url: str = "",
                      translations=None) -> Assessment:
    """Record an independent rating beside the government's status (which it never changes)."""
    require(can_assess(actor))
    require(role_of(actor) == Role.ADMINISTRATOR or organisation.id in actor.institution_ids,
            _("Assessors write for their own organisation."))
    require(organisation.kind in ASSESSING_KINDS,
            _("Independent assessments come from a commission, an ombudsman or an accredited NGO."))
    field = "recommendation" if isinstance(target, Recommendation) else "measure"
    return record_save(obj=Assessment(**{field: target}, assessor=actor, organisation=organisation, rating=rating,
                                      rationale=rationale, evidence_url=evidence_url,
                                      translations=translations or {}), actor=actor)


@transaction.atomic
def assessment_update(*, actor, assessment: Assessment, **values) -> Assessment:
    """Revise an assessment (the rating, rationale or evidence)."""
    require(can_edit_assessment(actor, assessment))
    if "organisation" in values:  # moving it to another organisation needs the same rights there
        require(can_edit_assessment(actor, Assessment(organisation=values["organisation"]))
                and values["organisation"].kind in ASSESSING_KINDS)
    return record_save(obj=assessment, actor=actor, values=values)


@transaction.atomic
def assessment_publish(*, actor, assessment: Assessment, published: bool = True) -> Assessment:
    """Publish (or withdraw) an assessment; only its own organisation decides."""
    require(can_edit_assessment(actor, assessment))
    return record_publish(obj=assessment, actor=actor, published=published)
