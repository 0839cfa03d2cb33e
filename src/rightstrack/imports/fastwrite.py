"""Plain SQL inserts for the rows an import writes in bulk: records, history rows and many-to-many links.

Building a model instance per row costs more than the insert itself; these rows need no model behaviour,
so they go in as tuples. Values are passed through the field's own preparation only where a backend needs
it (dates, times, JSON), so the rows are the same as the ORM would write on SQLite and PostgreSQL.
With `returning`, the new keys come back in row order (`INSERT ... RETURNING`, as Django's bulk_create
relies on for both backends).
"""

from operator import itemgetter

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey,
          models.FloatField)
_MAX_PARAMS = 30_000  # below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement
_CHUNK = 256  # rows per INSERT ... RETURNING statement


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) and not isinstance(field, models.JSONField)


def insert_rows(model, rows: list[dict], *, constants: dict | None = None, returning: str | None = None) -> list:
    """Insert rows given as dicts keyed by attname, all with the same keys; auto primary keys are left to the DB.

    Columns not in the rows take their value from `constants`, else the field's default (prepared once).
    Returns the `returning` column of the new rows, in row order (an empty list without `returning`).
    """
    if not rows:
        return []
    constants = constants or {}
    fields = {f.attname: f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)}
    keys = [name for name in rows[0] if name in fields]
    fixed = [f for name, f in fields.items() if name not in rows[0]]
    fixed_values = tuple(f.get_db_prep_save(constants[f.attname] if f.attname in constants else f.get_default(),
                                            connection) for f in fixed)
    prepared = [(index, fields[name]) for index, name in enumerate(keys) if not _is_plain(fields[name])]
    get = itemgetter(*keys)
    cache: dict = {}

    def prepare(field, value):
        # Rows share timestamps, dates and empty values: prepare each distinct value once.
        if isinstance(value, (dict, list)):
            if value:
                return field.get_db_prep_save(value, connection)
            key = (field.attname, type(value))
        else:
            key = (field.attname, type(value), value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]

    def params(row: dict) -> tuple:
        values = get(row)
        if len(keys) == 1:
            values = (values,)
        if prepared:
            values = list(values)
            for index, field in prepared:
                values[index] = prepare(field, values[index])
            values = tuple(values)
        return values + fixed_values

    quote = connection.ops.quote_name
    columns = [fields[name].column for name in keys] + [f.column for f in fixed]
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    one = f"({', '.join(['%s'] * len(columns))})"
    new_keys = []
    with connection.cursor() as cursor:
        if returning is None:
            cursor.executemany(head + one, [params(row) for row in rows])
            return new_keys
        start = 0
        for size in _chunk_sizes(len(rows), max(1, min(_CHUNK, _MAX_PARAMS // len(columns)))):
            values = [value for row in rows[start:start + size] for value in params(row)]
            cursor.execute(f"{head}{', '.join([one] * size)} RETURNING {quote(returning)}", values)
            new_keys += [key for (key,) in cursor.fetchall()]
            start += size
    return new_keys


def _chunk_sizes(total: int, size: int) -> list[int]:
    """Full chunks, then the rest in powers of two: the driver caches each distinct statement it prepares, so
    a few statement shapes keep that cache (and memory) bounded however many rows an import writes."""
    sizes = [size] * (total // size)
    rest = total % size
    bit = 1 << rest.bit_length()
    while rest:
        bit >>= 1
        if rest & bit:
            sizes.append(bit)
            rest -= bit
    return sizes


def history_fields(*, user_id, reason: str, history_type: str = "+") -> dict:
    """The values simple-history gives every history row of one change (as `constants` for insert_rows)."""
    return {"history_date": timezone.now(), "history_type": history_type, "history_user_id": user_id,
            "history_change_reason": reason}
