"""Index on write: full-text rows in the same transaction as the change, vectors in a task after commit.

The domain services stay unaware of search; a failed write rolls its index row back with it.
"""

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation
from rightstrack.search.indexing import index_documents


_deferred = threading.local()


@contextmanager
def embedding_deferred():
    """Queue no embedding jobs on this thread while it holds: for a bulk load that ends with `reindex`, which
    embeds every text whose hash changed (the demo queued one no-op job per saved record)."""
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = False


# What 0003's SQLite triggers do: a new random token in row 1.
NEW_FACET_TOKEN = ("INSERT INTO search_facetgeneration (id, token) VALUES (1, lower(hex(randomblob(16)))) "
                   "ON CONFLICT (id) DO UPDATE SET token = excluded.token")


@contextmanager
def facet_triggers_paused():
    """For a bulk insert inside the caller's transaction: on SQLite, drop the facet triggers that fire for every
    inserted row (an import of 20k recommendations fired them 140k times, about a tenth of its time), and at the end
    create them again, exactly as stored, and write one new facet token if any of their tables got rows.

    SQLite's schema changes are part of the transaction: other connections never see the triggers gone, and a
    rollback brings them back. Elsewhere it does nothing: PostgreSQL's facet triggers run once per statement.
    Nothing else may write from another thread on this connection meanwhile (a `BulkWriter` is drained first)."""
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND name GLOB 'search_facets_*_insert'")
        triggers = cursor.fetchall()
        tables = sorted({table for _name, table, _sql in triggers})
        before = _highest_ids(cursor, tables)
        for name, _table, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, _table, sql in triggers:
                cursor.execute(sql)
            if _highest_ids(cursor, tables) != before:  # rows went in (new rows take ids above the highest)
                cursor.execute(NEW_FACET_TOKEN)


def _highest_ids(cursor, tables: list[str]) -> list:
    quote = connection.ops.quote_name
    return [cursor.execute(f"SELECT max(rowid) FROM {quote(table)}").fetchone()[0] for table in tables]


def _enqueue_embedding(kind: str, pk: int) -> None:
    from rightstrack.search.tasks import embed_task

    if getattr(_deferred, "active", False):
        return
    transaction.on_commit(lambda: embed_task.enqueue(kind, [pk]))


@receiver(post_save, sender=Recommendation, dispatch_uid="search_index_recommendation")
def _recommendation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    index_documents([instance.pk])
    if update_fields is None or "text" in update_fields:
        _enqueue_embedding("recommendation", instance.pk)


@receiver(m2m_changed, sender=Recommendation.recommending_states.through, dispatch_uid="search_index_states")
def _states_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Recommendation):
        index_documents([instance.pk])


@receiver(post_save, sender=Measure, dispatch_uid="search_index_measure")
def _measure_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and (update_fields is None or {"text", "expected_result"} & set(update_fields)):
        _enqueue_embedding("measure", instance.pk)
