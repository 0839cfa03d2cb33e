"""Writes for taxonomy terms and tag assignments (people decide on what models suggest)."""

from django.db import transaction
from django.utils import timezone

from rightstrack.core.permissions import is_manager, require
from rightstrack.core.services import record_save
from rightstrack.taxonomy.models import TagAssignment, Term


@transaction.atomic
def term_update(*, actor, term: Term, **values) -> Term:
    """Edit a term's name, description or translations."""
    require(is_manager(actor))
    return record_save(obj=term, actor=actor, values=values)


@transaction.atomic
def tag_assign(*, actor, target, term: Term) -> TagAssignment:
    """A person tags a recommendation or measure: the tag is accepted at once."""
    require(is_manager(actor))
    field = "measure" if target._meta.model_name == "measure" else "recommendation"
    tag, _ = TagAssignment.objects.get_or_create(**{field: target, "term": term},
                                                 defaults={"source": TagAssignment.Source.PERSON})
    return record_save(obj=tag, actor=actor, values={
        "status": TagAssignment.Status.ACCEPTED, "source": TagAssignment.Source.PERSON, "confidence": 1.0,
        "decided_by": actor, "decided_at": timezone.now()})


@transaction.atomic
def tag_decide(*, actor, tags, accept: bool) -> int:
    """Accept or reject suggested tags, one or in bulk; each decision is written to history."""
    require(is_manager(actor))
    status = TagAssignment.Status.ACCEPTED if accept else TagAssignment.Status.REJECTED
    count = 0
    for tag in tags:
        record_save(obj=tag, actor=actor, values={"status": status, "decided_by": actor,
                                                  "decided_at": timezone.now()})
        count += 1
    return count
