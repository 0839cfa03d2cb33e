"""Plain `executemany` inserts for the rows an import writes in bulk: history rows and many-to-many links.

Building a model instance per row costs more than the insert itself; these rows need no model behaviour,
so they go in as tuples. Values are passed through the field's own preparation only where a backend needs
it (dates, times, JSON), so the rows are the same as the ORM would write on SQLite and PostgreSQL.
"""

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey,
          models.FloatField)


def insert_rows(model, rows: list[dict], batch_size: int = 2000) -> None:
    """Insert dicts keyed by attname (missing keys get the field default); auto primary keys are left to the DB."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    plain = [isinstance(f, _PLAIN) and not isinstance(f, models.JSONField) for f in fields]
    defaults = [f.get_default() for f in fields]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    prepared_cache: dict = {}

    def prepare(field, value):
        # Many rows share one timestamp: prepare it once.
        key = (field.attname, repr(value)) if not value or hasattr(value, "tzinfo") else None
        if key is not None and key in prepared_cache:
            return prepared_cache[key]
        prepared = field.get_db_prep_save(value, connection)
        if key is not None:
            prepared_cache[key] = prepared
        return prepared

    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            params = []
            for row in rows[start:start + batch_size]:
                values = []
                for field, is_plain, default in zip(fields, plain, defaults):
                    value = row.get(field.attname, default)
                    values.append(value if is_plain else prepare(field, value))
                params.append(values)
            cursor.executemany(sql, params)


def history_rows(objs, *, user_id, reason: str, history_type: str = "+") -> list[dict]:
    """The 'created' history rows of fresh objects (instances or dicts of attnames), as simple-history writes them."""
    now = timezone.now()
    extra = {"history_date": now, "history_type": history_type, "history_user_id": user_id,
             "history_change_reason": reason}
    if objs and isinstance(objs[0], dict):
        return [{**obj, **extra} for obj in objs]
    names = [f.attname for f in objs[0]._meta.concrete_fields] if objs else []
    return [{**{name: getattr(obj, name) for name in names}, **extra} for obj in objs]
