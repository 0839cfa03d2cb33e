"""Reading the change history that django-simple-history writes in the same transaction as each change."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import ModelChange
from simple_history.utils import get_m2m_reverse_field_name

HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
SKIPPED_FIELDS = {"id", "created_at", "updated_at", "history_id", "history_date", "history_change_reason",
                  "history_type", "history_user", "history_user_id", "history_relation",
                  "sort_key", "paragraph_key"}  # derived from the code and paragraph, which the history shows


@dataclass
class Change:
    """One field that changed: its label and the values before and after."""

    field: str
    old: object
    new: object
    shown_old: str = ""  # the values as a reader sees them: choice labels, yes/no, dates in the locale
    shown_new: str = ""


@dataclass
class HistoryEntry:
    """Who changed what and when, with a field-level diff."""

    date: datetime
    user: object
    kind: str
    kind_label: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # m2m history fields and removed fields keep their raw name
        return name


def _display(model, name: str, value, related: dict):
    if isinstance(value, list):  # an m2m snapshot: a list of through-row dicts, e.g. {"measure": 1, "institution": 2}
        other = model._meta.get_field(name).related_model
        return ", ".join(related.get((other, i), f"#{i}") for i in (row.get(other._meta.model_name) for row in value))
    return "" if value is None else value


def _shown(model, name: str, value, related: dict) -> str:
    """`value` as the page shows it; computed here so the raw value stays available for comparisons."""
    try:
        f = model._meta.get_field(name)
    except Exception:
        return str(value)
    if value in ("", None):
        return ""
    if f.many_to_one:  # a foreign key: show the record, not its id (looked up once per page)
        key = (f.related_model, value)
        if key not in related:
            found = f.related_model._default_manager.filter(pk=value).first()
            related[key] = str(found) if found else f"#{value}"
        return related[key]
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if name == "language":  # a record's language code (free text: imports bring others), by name where known
        return str(dict(settings.LANGUAGES).get(value, value))
    if name == "translations" and isinstance(value, dict):  # {field: {language: text}}: fields by their label too
        value = {_label(model, field): texts for field, texts in value.items()}
    return _readable(value)


def _readable(value) -> str:
    """A stored value as people read it: dates in the one short style of every page, a JSON object as "label: value"
    pairs (language codes by name: translations), a list as a comma-separated one; never a Python repr."""
    if isinstance(value, datetime):  # in the site's time zone and format, as the entry's own time is shown
        return formats.date_format(timezone.template_localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (Decimal, float)):
        return formats.localize(value)
    if isinstance(value, dict):
        languages = dict(settings.LANGUAGES)
        parts = [f"{languages.get(key, key.replace('_', ' ') if isinstance(key, str) else key)}: {_readable(item)}"
                 for key, item in value.items() if item not in (None, "", {}, [])]
        return "; ".join(str(part) for part in parts)
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(item) for item in value if item not in (None, ""))
    return str(value)


def _change(model, name: str, label: str, old, new, related: dict) -> Change:
    return Change(label, old, new, _shown(model, name, old, related), _shown(model, name, new, related))


# Reasons are stored in English as the services write them; shown in the reader's language. `%(x)s` captures a
# number, a name or a comment, shown as stored.
REASONS = [(re.compile("^" + re.escape(pattern).replace(r"%\(x\)s", "(?P<x>.+)") + "$", re.S), label)
           for pattern, label in [
    ("draft", _("draft")), ("submitted", _("submitted")), ("approved", _("approved")),
    ("returned", _("returned for changes")), ("draft: %(x)s", _("draft: %(x)s")),
    ("approved: %(x)s", _("approved: %(x)s")), ("returned: %(x)s", _("returned for changes: %(x)s")),
    ("closed", _("closed")), ("import", _("import")), ("import: %(x)s", _("import: %(x)s")),
    ("import: label no longer in the file", _("import: label no longer in the file")),
    ("demo load", _("demo data")), ("clustered", _("clustered")), ("clustered: %(x)s", _("clustered: %(x)s")),
    ("suggested by model", _("suggested by a model")),
    ("cluster suggestion confirmed", _("cluster suggestion confirmed")),
    ("statuses recomputed", _("statuses recomputed")), ("status set by hand", _("status set by hand")),
    ("status follows its measures again", _("status follows its measures again")),
    ("a measure that answered it was deleted", _("a measure that answered it was deleted")),
    ("copied into version %(x)s", _("copied into version %(x)s")),
    ("plan version %(x)s adopted", _("plan version %(x)s adopted")),
    ("measure %(x)s added", _("measure %(x)s added")), ("measure %(x)s changed", _("measure %(x)s changed")),
    ("linked to measure %(x)s", _("linked to measure %(x)s")),
    ("unlinked from measure %(x)s", _("unlinked from measure %(x)s")),
    ("linked: %(x)s", _("linked: %(x)s")), ("unlinked: %(x)s", _("unlinked: %(x)s")),
    ("status from approved progress report #%(x)s", _("status from approved progress report #%(x)s")),
]]


def reason_display(reason: str) -> str:
    """A stored change reason ("submitted", "linked to measure 3") in the reader's language; unknown ones as stored."""
    for pattern, label in REASONS:
        if match := pattern.match(reason):
            return str(label) % match.groupdict() if match.groupdict() else str(label)
    return reason


def _m2m_snapshots(history_model, model, records: list) -> dict[str, dict[int, list[dict]]]:
    """Each many-to-many field's snapshot in every history record, {field: {history id: rows}}, one query per field:
    the rows as simple-history's `diff_against` reads them (the through rows' own fields, ordered by the related
    record), which costs it two queries per field and entry."""
    snapshots = {}
    for field in history_model._history_m2m_fields:
        rows_model = getattr(history_model, field.name).model
        names = [f.name for f in rows_model._meta.fields
                 if f.editable and f.name not in ("id", "m2m_history_id", "history")]
        reverse = get_m2m_reverse_field_name(model._meta.get_field(field.name))
        snapshot = defaultdict(list)
        for row in (rows_model.objects.filter(history__in=[r.pk for r in records]).order_by(reverse)
                    .values("history", *names)):
            snapshot[row.pop("history")].append(row)
        snapshots[field.name] = snapshot
    return snapshots


def _named(model, snapshots: dict, related: dict) -> None:
    """Every record the snapshots name, as `str()` in `related` (one query per field, with the records a name
    reads, e.g. a recommendation's document symbol); a deleted one stays out, and shows as "#id"."""
    for name, rows in snapshots.items():
        other = model._meta.get_field(name).related_model
        ids = {row[other._meta.model_name] for entry in rows.values() for row in entry}
        for obj in other._default_manager.filter(pk__in=ids).select_related():
            related[(other, obj.pk)] = str(obj)


def history_entries(obj, limit: int = 200) -> list[HistoryEntry]:
    """The object's history, newest first, each entry diffed against the one before it."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id")[:limit])
    model = type(obj)
    snapshots = _m2m_snapshots(obj.history.model, model, records) if len(records) > 1 else {}
    entries, previous, related = [], None, {}
    _named(model, snapshots, related)
    for record in records:
        changes = []
        if previous is None:
            for f in model._meta.concrete_fields:
                if f.attname in SKIPPED_FIELDS or f.name in SKIPPED_FIELDS:
                    continue
                value = getattr(record, f.attname, None)
                if value not in (None, "", {}, []):
                    changes.append(_change(model, f.name, str(f.verbose_name), "", value, related))
        else:
            delta = record.diff_against(previous, excluded_fields=list(snapshots), foreign_keys_are_objs=False)
            m2m_changes = [ModelChange(name, old, new) for name, rows in snapshots.items()
                           if (old := rows.get(previous.pk, [])) != (new := rows.get(record.pk, []))]
            for change in sorted([*delta.changes, *m2m_changes], key=lambda change: change.field):
                if change.field in SKIPPED_FIELDS:
                    continue
                changes.append(_change(model, change.field, _label(model, change.field),
                                       _display(model, change.field, change.old, related),
                                       _display(model, change.field, change.new, related), related))
        entries.append(HistoryEntry(record.history_date, record.history_user, record.history_type,
                                    HISTORY_TYPES.get(record.history_type, record.history_type),
                                    reason_display(record.history_change_reason or ""), changes))
        previous = record
    return list(reversed(entries))
