"""Plain SQL inserts for rows written in bulk (by imports and the search index): records, history rows, links.

Building a model instance per row costs more than the insert itself; these rows need no model behaviour,
so they go in as tuples. Values are passed through the field's own preparation only where a backend needs
it (dates, times, JSON), so the rows are the same as the ORM would write on SQLite and PostgreSQL.
Rows go in as multi-row `INSERT ... VALUES` statements on SQLite and through `COPY` on PostgreSQL (see
`_execute_inserts`). `BulkWriter` numbers new rows up front and, on SQLite, runs the inserts on a background
thread.
"""

import sys
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey,
          models.FloatField)
_MAX_PARAMS = 30_000  # below SQLite's 32,766 bind parameters per statement
_CHUNK = 4096  # rows per INSERT statement at most (fewer when _MAX_PARAMS is reached first)
SWITCH_INTERVAL = 0.001  # seconds: how long a thread that wants the GIL waits while a bulk write runs


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) and not isinstance(field, models.JSONField)


class Rows(NamedTuple):
    """Rows to insert: `values` holds one tuple per row for `columns`; every row has `fixed_values` in
    `fixed_columns` (sent once per statement on SQLite, not once per row)."""

    columns: list[str]
    values: list[tuple]
    fixed_columns: tuple = ()
    fixed_values: tuple = ()


def row_values(model, rows: list[dict], constants: dict | None = None) -> Rows:
    """The rows to insert for rows given as dicts keyed by attname, all with the same keys.

    Columns not in the rows take their value from `constants`, else the field's default (prepared once), as fixed
    values; an auto primary key not in the rows is left to the database.
    """
    constants = constants or {}
    fields = {f.attname: f for f in model._meta.concrete_fields
              if not (f.primary_key and isinstance(f, models.AutoField) and f.attname not in rows[0])}
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
        return values

    columns, fixed_columns = [fields[name].column for name in names], tuple(f.column for f in fixed)
    if prepared or len(names) == 1:
        return Rows(columns, [params(row) for row in rows], fixed_columns, fixed_values)
    return Rows(columns, [get(row) for row in rows], fixed_columns, fixed_values)  # the same, without a call per row


def insert_values(table: str, columns: list[str], values: list[tuple]) -> None:
    """Insert tuples of column values, in multi-row statements, on this thread's connection."""
    _insert_now(table, Rows(columns, values))


def _insert_now(table: str, rows: Rows) -> None:
    with _cursor() as cursor:
        _execute_inserts(cursor, table, rows)


@contextmanager
def _cursor():
    """A plain driver cursor, under `wrap_database_errors` (which turns the driver's errors
    into Django's). On SQLite, sqlite3's cursor: Django's wrapper rewrites every `%s` of a statement into `?`
    with a regular expression, which costs more than the insert for statements of hundreds of rows. On
    PostgreSQL, a psycopg cursor that binds on the server, where Django's binds in Python."""
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.vendor == "sqlite":
            cursor = connection.connection.cursor()
        else:
            import psycopg

            cursor = psycopg.Cursor(connection.connection)
        try:
            yield cursor
        finally:
            cursor.close()


def _execute_inserts(cursor, table: str, rows: Rows) -> None:
    """SQLite: multi-row statements (one statement per row would open the table and each of its indexes again
    for every row), with the fixed values bound once per statement (`INSERT ... SELECT column1, ..., ?, ... FROM
    (VALUES ...)`: binding and parsing them for every row took about 40 % of the tag inserts' time). PostgreSQL:
    `COPY ... FROM STDIN`, its bulk load (a multi-row statement would be parsed again by psycopg for every call,
    and one statement per row would run the statement triggers per row)."""
    quote = connection.ops.quote_name
    columns, values, fixed_columns, fixed_values = rows
    names = ", ".join(map(quote, [*columns, *fixed_columns]))
    if connection.vendor != "sqlite":
        with cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row + fixed_values)
        return
    fixed = "".join(", ?" for _ in fixed_columns)
    head = (f"INSERT INTO {quote(table)} ({names}) SELECT "
            f"{', '.join(f'column{n}' for n in range(1, len(columns) + 1))}{fixed} FROM (VALUES ")
    one = f"({', '.join(['?'] * len(columns))})"
    start, fixed_values = 0, list(fixed_values)
    per_statement = (_MAX_PARAMS - len(fixed_values)) // len(columns)
    for size in _chunk_sizes(len(values), max(1, min(_CHUNK, per_statement))):
        cursor.execute(f"{head}{', '.join([one] * size)})",
                       fixed_values + list(chain.from_iterable(values[start:start + size])))
        start += size


class BulkWriter:
    """Inserts the new rows of one bulk write (an import, inside one transaction), with keys handed out first.

    Keys are numbered before the rows go in, so no insert waits for another's `RETURNING`: on PostgreSQL from
    the table's sequence; on SQLite after the highest key the table has used (its AUTOINCREMENT counter) or
    holds, and after the keys already handed out. SQLite has one writer at a time and the import's
    transaction holds that lock from its start (`BEGIN IMMEDIATE`), so nobody else can take those keys.

    On SQLite the inserts run in order on a background thread, on the same connection: sqlite3 lets go of
    the GIL while a statement runs, so SQLite's work overlaps the caller's Python (reading, checking and
    preparing the next rows). The caller's own statements on that connection (ORM queries and saves, while the
    writer is open) first wait for every queued insert: sqlite3 reads a failed statement's error code from the
    connection after the statement ends, without the connection's lock, so a statement running on another
    thread meanwhile can change what the failure raises, or hide it (the insert then drops its rows without
    an error). The caller's statements also run in order with the inserts that way, so an ORM save numbers
    its row after every key handed out. `drain()` waits for them too and raises the first error an insert
    met, as Django's error; call it before leaving with an exception of your own (a dry run) to surface
    that error first. Elsewhere the inserts run at once. Use it as a context manager inside the transaction:
    leaving it waits for every insert.
    """

    MAX_PENDING = 16  # inserts queued at most (about two batches of an import): bounds the memory they hold

    def __init__(self):
        self.background = connection.vendor == "sqlite"
        self.handed: dict[str, int] = {}
        self.counted: set[str] = set()  # tables whose highest key is known here (see `keys`)
        self.pending: list[Future] = []
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="bulk-writer") if self.background else None
        self.exits = ExitStack()

    def __enter__(self):
        if self.background:
            # The writer thread needs the GIL back after every statement; by default it waits up to 5 ms for
            # the caller's thread to let go of it, which costs more than the statement itself.
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
            self.exits.enter_context(connection.execute_wrapper(self._after_inserts))
        return self

    def __exit__(self, kind, error, traceback):
        self.exits.close()
        if error is None:
            self.drain()
        else:
            wait(self.pending)  # the transaction is about to roll back: let the inserts stop touching it
        if self.pool:
            self.pool.shutdown()
            sys.setswitchinterval(self.switch_interval)
        return False

    def _after_inserts(self, execute, sql, params, many, context):
        """Run one of the caller's statements once no insert runs (see the class's description)."""
        self.drain()
        if sql.lstrip()[:6].upper() != "SELECT":
            self.counted.clear()  # it may have added rows: count the keys from the tables again
        return execute(sql, params, many, context)

    def keys(self, model, count: int) -> list[int]:
        """`count` new primary keys for `model`'s table, in increasing order."""
        if not count:
            return []
        table, pk = model._meta.db_table, model._meta.pk.column
        if not self.background:
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                               [table, pk, count])
                return [key for (key,) in cursor.fetchall()]
        if table not in self.counted:
            # Counted once, then from the keys handed out: a query here would wait for every queued insert.
            # Only the caller's own writes can move the table's counter, and each one makes it count again.
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                               f"coalesce((SELECT max({quote(pk)}) FROM {quote(table)}), 0))", [table])
                self.handed[table] = max(cursor.fetchone()[0], self.handed.get(table, 0))
            self.counted.add(table)
        first = self.handed[table] + 1
        self.handed[table] = first + count - 1
        return list(range(first, first + count))

    def insert_rows(self, model, rows: list[dict], *, constants: dict | None = None) -> None:
        """Insert rows given as dicts keyed by attname (see `row_values`); their values are read now."""
        if rows:
            self.insert(model._meta.db_table, *row_values(model, rows, constants))

    def insert(self, table: str, columns: list[str], values: list[tuple], fixed_columns=(), fixed_values=()) -> None:
        """Insert tuples of column values, each row with `fixed_values` in `fixed_columns` as well."""
        if not values:
            return
        rows = Rows(columns, values, tuple(fixed_columns), tuple(fixed_values))
        if not self.background:
            _insert_now(table, rows)
            return
        while len(self.pending) >= self.MAX_PENDING:
            self._result(self.pending.pop(0))
        connection.ensure_connection()
        self.pending.append(self.pool.submit(self._run, connection.connection, table, rows))

    @staticmethod
    def _run(raw, table: str, rows: Rows) -> None:
        cursor = raw.cursor()
        try:
            _execute_inserts(cursor, table, rows)
        finally:
            cursor.close()

    def drain(self) -> None:
        """Wait for every queued insert; raises the first error one met."""
        while self.pending:
            self._result(self.pending.pop(0))

    @staticmethod
    def _result(future: Future) -> None:
        with connection.wrap_database_errors:
            future.result()


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
    """The values simple-history gives every history row of one change (`constants` for `BulkWriter.insert_rows`)."""
    return {"history_date": timezone.now(), "history_type": history_type, "history_user_id": user_id,
            "history_change_reason": reason}
