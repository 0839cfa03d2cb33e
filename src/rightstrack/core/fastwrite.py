"""Plain SQL inserts for rows written in bulk (by imports and the search index): records, history rows, links.

Building a model instance per row costs more than the insert itself; these rows need no model behaviour,
so they go in as tuples. Values are passed through the field's own preparation only where a backend needs
it (dates, times, JSON), so the rows are the same as the ORM would write on SQLite and PostgreSQL.
Rows go in as multi-row `INSERT ... VALUES` statements (on SQLite one statement per row would open the
table and each of its indexes again for every row); new keys come back in row order from `RETURNING`, as
Django's bulk_create relies on for both backends.
"""

from contextlib import contextmanager
from operator import itemgetter

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey,
          models.FloatField)
_MAX_PARAMS = 30_000  # below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement
_CHUNK = 1024  # rows per INSERT ... RETURNING statement


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) and not isinstance(field, models.JSONField)


def insert_rows(model, rows: list[dict], *, constants: dict | None = None, keys: bool = False) -> list:
    """Insert rows given as dicts keyed by attname, all with the same keys; primary keys are new ones.

    Columns not in the rows take their value from `constants`, else the field's default (prepared once).
    With `keys`, returns the new primary keys in row order (else an empty list).
    """
    if not rows:
        return []
    constants = constants or {}
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    names = [name for name in rows[0] if name in fields]
    fixed = [f for name, f in fields.items() if name not in rows[0]]
    fixed_values = tuple(f.get_db_prep_save(constants[f.attname] if f.attname in constants else f.get_default(),
                                            connection) for f in fixed)
    prepared = [(index, fields[name]) for index, name in enumerate(names) if not _is_plain(fields[name])]
    get = itemgetter(*names)
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
        if len(names) == 1:
            values = (values,)
        if prepared:
            values = list(values)
            for index, field in prepared:
                values[index] = prepare(field, values[index])
            values = tuple(values)
        return values + fixed_values

    columns = [fields[name].column for name in names] + [f.column for f in fixed]
    return insert_values(model._meta.db_table, columns, [params(row) for row in rows],
                         returning=model._meta.pk.column if keys else None)


def insert_values(table: str, columns: list[str], values: list[tuple], *, returning: str | None = None) -> list:
    """Insert tuples of column values, in multi-row statements; returns the `returning` column in row order."""
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
    tail = f" RETURNING {quote(returning)}" if returning else ""
    new_keys, start = [], 0
    with _cursor() as (cursor, placeholder):
        one = f"({', '.join([placeholder] * len(columns))})"
        for size in _chunk_sizes(len(values), max(1, min(_CHUNK, _MAX_PARAMS // len(columns)))):
            cursor.execute(f"{head}{', '.join([one] * size)}{tail}",
                           [value for row in values[start:start + size] for value in row])
            if returning:
                new_keys += [key for (key,) in cursor.fetchall()]
            start += size
    return new_keys


@contextmanager
def _cursor():
    """A cursor and its placeholder. On SQLite, the plain sqlite3 cursor: Django's wrapper rewrites every `%s`
    of a statement into `?` with a regular expression, which costs more than the insert for statements of
    hundreds of rows; `wrap_database_errors` still turns sqlite3's errors into Django's."""
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            yield cursor, "%s"
        return
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            yield cursor, "?"
        finally:
            cursor.close()


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
