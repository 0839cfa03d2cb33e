"""Writes for taxonomy terms and tag assignments (people decide on what models suggest)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.core.services import record_delete, record_save
from rightstrack.core.text import normalised_text
from rightstrack.taxonomy.models import TagAssignment, Term, TermAlias


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


@transaction.atomic
def term_alias_create(*, actor, term: Term, label: str) -> TermAlias:
    """Make imports read `label` as `term` from now on (within the term's vocabulary); kept in history.

    A label that already names another term, or is another term's alias, is refused; adding an alias the term
    already has changes nothing."""
    require(is_manager(actor))
    label = " ".join(label.split())
    key = normalised_text(label)
    if not key:
        raise ValidationError(_("An alias needs a label."))
    for other in Term.objects.filter(vocabulary=term.vocabulary).exclude(pk=term.pk).only("code", "name"):
        if key in {normalised_text(other.code), normalised_text(other.name)}:
            raise ValidationError(_("%(label)r is already the name of %(term)s.") % {"label": label, "term": other})
    existing = TermAlias.objects.filter(vocabulary=term.vocabulary, key=key).select_related("term").first()
    if existing is not None:
        if existing.term_id != term.pk:
            raise ValidationError(_("%(label)r already stands for %(term)s.") % {"label": label,
                                                                                "term": existing.term})
        return existing
    return record_save(obj=TermAlias(term=term, label=label, created_by=actor if actor.pk else None), actor=actor,
                       reason="alias")


@transaction.atomic
def term_alias_delete(*, actor, alias: TermAlias) -> None:
    """Stop reading a label as its term (a mapping made by mistake); kept in history. Tags already imported stay."""
    require(is_manager(actor))
    record_delete(obj=alias, actor=actor, reason="alias removed")
