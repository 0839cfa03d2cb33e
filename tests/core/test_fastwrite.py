"""BulkWriter: keys handed out before the rows go in, inserts on a background thread (SQLite), errors surfaced."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from rightstrack.core import fastwrite
from rightstrack.core.fastwrite import BulkWriter
from rightstrack.recommendations.models import Country, Mechanism


def _insert(writer: BulkWriter, names: list[str]) -> list[int]:
    keys = writer.keys(Country, len(names))
    writer.insert_rows(Country, [{"id": key, "name": name} for key, name in zip(keys, names)])
    return keys


@pytest.mark.django_db
def test_keys_never_collide_with_rows_the_orm_saves_or_keys_already_handed_out():
    before = Country.objects.create(name="Before").pk
    with transaction.atomic(), BulkWriter() as writer:
        first = _insert(writer, ["A", "B", "C"])
        with CaptureQueriesContext(connection) as counting:
            second = _insert(writer, ["D"])  # handed out while the first rows may still be queued
        after = Country.objects.create(name="After").pk  # the ORM numbers its own row, after the queued ones
        third = _insert(writer, ["E", "F"])
    if connection.vendor == "sqlite":
        assert len(counting) == 0  # counted from the keys already handed out, without waiting for the inserts
    keys = [before, *first, *second, after, *third]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert dict(Country.objects.values_list("name", "pk")) == dict(zip("Before A B C D After E F".split(), keys))


@pytest.mark.django_db
def test_values_every_row_shares_reach_every_row_across_statements(monkeypatch):
    """Constants and defaults are sent once per statement on SQLite (per row through COPY elsewhere); several
    statements, each with its own copy of them, must give every row the same values."""
    monkeypatch.setattr(fastwrite, "_MAX_PARAMS", 12)  # 3 fixed values, then 2 rows of 4 values a statement
    stamp = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)
    with transaction.atomic(), BulkWriter() as writer:
        keys = writer.keys(Mechanism, 7)
        writer.insert_rows(Mechanism, [{"id": key, "code": f"M{key}", "name": f"Body {key}", "kind": "other"}
                                       for key in keys], constants={"created_at": stamp, "updated_at": stamp})
    stored = {m.pk: (m.code, m.name, m.kind, m.translations, m.created_at, m.updated_at)
              for m in Mechanism.objects.all()}
    assert stored == {key: (f"M{key}", f"Body {key}", "other", {}, stamp, stamp) for key in keys}


@pytest.mark.django_db
def test_sqlite_keys_skip_numbers_a_deleted_row_used():
    if connection.vendor != "sqlite":
        pytest.skip("AUTOINCREMENT's counter is SQLite's; PostgreSQL's sequence never goes back either")
    gone = Country.objects.create(name="Gone").pk
    Country.objects.filter(pk=gone).delete()
    with transaction.atomic(), BulkWriter() as writer:
        [key] = _insert(writer, ["Kept"])
    assert key == gone + 1


@pytest.mark.django_db(transaction=True)
def test_an_insert_that_fails_in_the_background_raises_djangos_error_and_the_transaction_rolls_back():
    Country.objects.create(name="Taken")
    with pytest.raises(IntegrityError), transaction.atomic(), BulkWriter() as writer:
        _insert(writer, ["New 1", "New 2"])
        _insert(writer, ["Taken"])  # the unique name: the database refuses it
        writer.drain()
    assert list(Country.objects.values_list("name", flat=True)) == ["Taken"]


@pytest.mark.django_db
def test_inserts_run_on_a_background_thread_on_sqlite_and_at_once_elsewhere():
    threads = []
    real = BulkWriter._run

    def spy(*args):
        threads.append(threading.current_thread().name)
        return real(*args)

    with transaction.atomic(), BulkWriter() as writer:
        writer._run = spy
        _insert(writer, ["Threaded"])
        writer.drain()
        assert Country.objects.filter(name="Threaded").exists()
    if connection.vendor == "sqlite":
        assert len(threads) == 1 and threads[0].startswith("bulk-writer")
    else:
        assert threads == []


@pytest.mark.django_db
def test_a_refused_insert_raises_its_refusal_however_busy_this_thread_keeps_the_connection():
    """sqlite3 reads a failed statement's error from the connection after the statement, without the connection's
    lock: a statement another thread runs meanwhile can change the error ("another row available") or hide it, and
    the refused insert then drops its rows silently. Both threads' statements on the connection must not overlap."""
    Country.objects.create(name="Taken")
    errors = []
    for _ in range(150):
        with pytest.raises(Exception) as raised, transaction.atomic(), BulkWriter() as writer:
            _insert(writer, ["Taken"])
            while any(not future.done() for future in writer.pending):
                Country.objects.filter(name="Taken").update(name="Taken")  # what the import's progress does
                list(Country.objects.values_list("pk", flat=True)[:2])
            writer.drain()
        errors.append((type(raised.value).__name__, str(raised.value)))
    assert {kind for kind, _message in errors} == {"IntegrityError"}
    assert all("unique" in message.casefold() for _kind, message in errors)  # not "another row available"
    assert list(Country.objects.values_list("name", flat=True)) == ["Taken"]
