"""Plain SQL inserts for the rows an import writes in bulk: records, history rows and many-to-many links.

Building a model instance per row costs more than the insert itself; these rows need no model behaviour,
so they go in as tuples. Values are passed through the field's own preparation only where a backend needs
it (dates, times, JSON), so the rows are the same as the ORM would write on SQLite and PostgreSQL.
With `returning`, the new keys come back in row order (`INSERT ... RETURNING`, as Django's bulk_create
relies on for both backends).
"""

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey,
          models.FloatField)
_MAX_PARAMS = 30_000  # below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement


def insert_rows(model, rows: list[dict], *, returning: str | None = None) -> list:
    """Insert dicts keyed by attname (missing keys get the field default); auto primary keys are left to the DB.

    Returns the `returning` column of the new rows, in row order (an empty list without `returning`).
    """
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    columns = [(f.attname, f.get_default(), None if isinstance(f, _PLAIN) and not isinstance(f, models.JSONField)
                else f) for f in fields]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    one = f"({', '.join(['%s'] * len(fields))})"
    prepared: dict = {}

    def prepare(field, value):
        # Many rows share one timestamp or an empty value: prepare those once.
        key = (field.attname, repr(value)) if not value or hasattr(value, "tzinfo") else None
        if key is None:
            return field.get_db_prep_save(value, connection)
        if key not in prepared:
            prepared[key] = field.get_db_prep_save(value, connection)
        return prepared[key]

    def params(row: dict) -> list:
        return [row.get(name, default) if field is None else prepare(field, row.get(name, default))
                for name, default, field in columns]

    size = max(1, _MAX_PARAMS // len(fields))
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            if returning is None:
                cursor.executemany(head + one, [params(row) for row in chunk])
                continue
            values = [value for row in chunk for value in params(row)]
            cursor.execute(f"{head}{', '.join([one] * len(chunk))} RETURNING {quote(returning)}", values)
            keys += [key for (key,) in cursor.fetchall()]
    return keys


def history_rows(rows: list[dict], *, user_id, reason: str, history_type: str = "+") -> list[dict]:
    """The history rows of records given as dicts of attnames (with their ids), as simple-history writes them."""
    extra = {"history_date": timezone.now(), "history_type": history_type, "history_user_id": user_id,
             "history_change_reason": reason}
    return [{**row, **extra} for row in rows]
