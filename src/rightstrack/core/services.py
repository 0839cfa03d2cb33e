"""Write helpers every domain service uses: validate, save the named fields, stamp history with the actor."""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _


class StaleEdit(ValueError):
    """The record was saved by someone else since this copy of it was read; nothing was written."""


def _revision_claim(obj: models.Model, expected: int | None) -> None:
    """Move a versioned record to its next revision, if it is still at `expected` (None: whatever it is at).

    One conditional UPDATE: it also locks the row until the transaction ends, so of two saves from the same
    revision exactly one passes, on SQLite and PostgreSQL alike."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(revision=expected)
    if not rows.update(revision=F("revision") + 1):
        raise StaleEdit(_("Someone else saved this record while you were editing it, so your changes were not "
                          "saved. They are still in the form: copy what you need, reload the page to see the "
                          "other change, and edit again."))
    obj.revision = type(obj)._default_manager.filter(pk=obj.pk).values_list("revision", flat=True).get()


def record_save(*, obj: models.Model, actor, values: dict | None = None, m2m: dict | None = None,
                reason: str = "") -> models.Model:
    """Apply `values`, validate, save (only the named fields on update) and set m2m relations.

    Many-to-many names may come in `values` (as form data does) or in `m2m`; they are set
    after the save. On a versioned record (core.models.VersionedModel) every update moves the revision on;
    `values["revision"]`, when given, is the revision the change was made from; a newer one raises StaleEdit.
    Callers wrap this in `transaction.atomic()` together with their permission check, so a change and its
    history row are written together or not at all.
    """
    m2m_names = {f.name for f in obj._meta.many_to_many}
    versioned = any(f.name == "revision" for f in obj._meta.concrete_fields)
    expected_revision = (values or {}).get("revision") if versioned else None
    values = {k: v for k, v in (values or {}).items() if not (versioned and k == "revision")}
    m2m = {**{k: v for k, v in (values or {}).items() if k in m2m_names}, **(m2m or {})}
    values = {k: v for k, v in (values or {}).items() if k not in m2m_names}
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason
    obj.full_clean(exclude=[f.name for f in obj._meta.many_to_many])
    if obj.pk is None:
        obj.save()
    else:
        if versioned:
            _revision_claim(obj, expected_revision)
        fields = [obj._meta.get_field(name).attname for name in values]
        if "updated_at" in {f.name for f in obj._meta.concrete_fields}:
            fields.append("updated_at")
        obj.save(update_fields=fields or None)
    for name, related in m2m.items():
        getattr(obj, name).set(related)
    return obj


def record_publish(*, obj: models.Model, actor, published: bool) -> models.Model:
    """Show or hide a publishable record on the public side; the change is kept in history."""
    obj.mark_published(published)
    return record_save(obj=obj, actor=actor, values={"is_published": obj.is_published, "published_at": obj.published_at},
                       reason="published" if published else "unpublished")


def record_delete(*, obj: models.Model, actor, reason: str = "") -> None:
    """Delete a record; its deletion is kept in history with the actor."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason
    obj.delete()
