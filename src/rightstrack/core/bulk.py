"""Bulk writes for imports of tens of thousands of rows, where `bulk_create` costs more than the database does.

`bulk_create` builds a model instance per row and prepares every value of every field through its field, one by
one: for a UHRI import (a recommendation, about four tags and two States per row, each with its history row) that
was ~85% of the import's CPU time, ~190 values per imported row, and kept it at ~560 rows/s. These helpers write
the same rows with no Python object per row:

- `insert_rows`: rows given as plain tuples, in multi-row `INSERT ... VALUES ... RETURNING` statements; values
  every row shares are prepared once, by their field.
- `insert_select`: rows copied inside the database (`INSERT ... SELECT`), the SELECT compiled by the ORM.
- `insert_history`: the 'created' history rows that simple-history's `bulk_history_create` would write for the
  rows a queryset selects, copied with `insert_select`.

None of them sends signals.
"""

from django.conf import settings
from django.db import connection
from django.db.models import DateTimeField, F, IntegerField, Value

# Fields whose Python values (str, int, float, bool, None) both drivers take as they are; the values of any other
# field (dates, times, JSON, decimals, ...) go through the field's own preparation.
PLAIN = {"BigIntegerField", "BooleanField", "CharField", "FloatField", "ForeignKey", "IntegerField",
         "OneToOneField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField", "TextField"}
MAX_PARAMS = 999  # bound values per statement (SQLite's historical limit, as Django's `max_query_params`)


def _insert_into(model, names) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns})"


def insert_rows(model, names: tuple[str, ...], rows: list[tuple], **shared) -> list:
    """Insert `rows` into `model`'s table and return their primary keys, in order. Each row gives the values of
    the fields (attnames) `names`; `shared` gives one value for every row (prepared once by its field); every other
    field but an automatic key takes its default, so a field with `auto_now` must be in `shared`."""
    meta = model._meta
    own = [meta.get_field(name) for name in names]
    prepare = [None if f.get_internal_type() in PLAIN else f.get_db_prep_save for f in own]
    if any(prepare):
        rows = [tuple(v if p is None else p(v, connection) for p, v in zip(prepare, row)) for row in rows]
    rest = [f for f in meta.concrete_fields if f.attname not in names and not (f.primary_key and f.auto_created)]
    fixed = tuple(f.get_db_prep_save(shared[f.attname] if f.attname in shared else f.get_default(), connection)
                  for f in rest)
    width = len(own) + len(rest)
    size = max(1, MAX_PARAMS // width)
    statement = _insert_into(model, [*names, *(f.attname for f in rest)])
    one = f"({', '.join(['%s'] * width)})"
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            cursor.execute(f"{statement} VALUES {', '.join([one] * len(chunk))} "
                           f"RETURNING {connection.ops.quote_name(meta.pk.column)}",
                           [value for row in chunk for value in (*row, *fixed)])
            keys += [key for (key,) in cursor.fetchall()]
    return keys


def insert_select(model, source, columns: dict) -> None:
    """Insert into `model`'s table one row per row of the queryset `source`: `columns` maps each field (attname)
    of `model` to the expression over `source` that gives its value."""
    selected = {f"c{n}": expression for n, expression in enumerate(columns.values())}
    sql, params = source.order_by().values(**selected).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{_insert_into(model, columns)} {sql}", params)


def insert_history(model, source, *, default_user=None, default_change_reason: str = "", default_date) -> None:
    """The 'created' history rows of the `model` rows that `source` selects, as simple-history's
    `bulk_history_create` writes them (its tracked fields copied, and the user, reason and date given), but
    copied inside the database. For rows just inserted, so that no per-row change reason or user applies."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    columns = {field.attname: F(field.attname) for field in history.tracked_fields}
    columns.update(history_date=Value(default_date, DateTimeField()), history_type=Value("+"),
                   history_change_reason=Value(default_change_reason),
                   history_user_id=Value(getattr(default_user, "pk", None), IntegerField()))
    insert_select(history, source, columns)
