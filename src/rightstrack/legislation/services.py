"""Writes for legal acts and amendments. Each runs in one transaction."""

from django.db import transaction

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.core.services import record_delete, record_publish, record_save
from rightstrack.legislation.models import Amendment, LegalAct


@transaction.atomic
def legal_act_create(*, actor, measures=(), **values) -> LegalAct:
    """Record a legal act and the measures it fulfils."""
    require(is_manager(actor))
    return record_save(obj=LegalAct(**values), actor=actor, m2m={"measures": list(measures)})


@transaction.atomic
def legal_act_update(*, actor, legal_act: LegalAct, **values) -> LegalAct:
    """Change a legal act or its links to measures."""
    require(is_manager(actor))
    return record_save(obj=legal_act, actor=actor, values=values)


@transaction.atomic
def legal_act_publish(*, actor, legal_act: LegalAct, published: bool = True) -> LegalAct:
    """Show (or hide) a legal act on the public side."""
    require(is_manager(actor))
    return record_publish(obj=legal_act, actor=actor, published=published)


@transaction.atomic
def legal_act_delete(*, actor, legal_act: LegalAct) -> None:
    """Delete a legal act (kept in history)."""
    require(is_manager(actor))
    record_delete(obj=legal_act, actor=actor)


@transaction.atomic
def amendment_create(*, actor, legal_act: LegalAct, **values) -> Amendment:
    """Record an amendment: number, date, and what changed."""
    require(is_manager(actor))
    return record_save(obj=Amendment(legal_act=legal_act, **values), actor=actor)
