"""Index on write: full-text rows in the same transaction as the change, vectors in a task after commit.

The domain services stay unaware of search; a failed write rolls its index row back with it.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation
from rightstrack.search.indexing import index_documents
from rightstrack.search.tasks import embed_range_task, embed_task, id_spans

EMBED_CHUNK = 2000  # recommendations per embedding job queued after a bulk write commits


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


def _enqueue_embedding(kind: str, pk: int) -> None:
    if getattr(_deferred, "active", False):
        return
    transaction.on_commit(lambda: embed_task.enqueue(kind, [pk]))


def index_created(ids: list[int]) -> None:
    """Index recommendations a bulk write created (bulk inserts send no post_save): their full text now, in the
    caller's transaction, and their vectors in jobs queued after it commits, one per run of consecutive ids."""
    if not ids:
        return
    index_documents(ids)
    if getattr(_deferred, "active", False):
        return
    spans = id_spans(sorted(ids), EMBED_CHUNK)
    transaction.on_commit(lambda: [embed_range_task.enqueue(first, last) for first, last in spans])


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
