"""Saving a recommendation queues its embedding after commit, except while a bulk load defers it."""

import pytest
from django_tasks_db.models import DBTaskResult

from rightstrack.recommendations.models import Mechanism, Recommendation, SourceDocument
from rightstrack.search.signals import embedding_deferred


@pytest.fixture
def document(db):
    upr = Mechanism.objects.create(code="UPR", name="Universal Periodic Review", kind="upr")
    return SourceDocument.objects.create(symbol="A/HRC/14/10", mechanism=upr, cycle=1)


def _queued() -> list:
    return [task.args_kwargs["args"] for task in DBTaskResult.objects.order_by("enqueued_at")]


def test_a_save_queues_one_embedding_job_after_commit(document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rec = Recommendation.objects.create(source_document=document, paragraph="1", text="Abolish the death penalty")
    assert _queued() == [["recommendation", [rec.pk]]]


def test_saves_while_embedding_is_deferred_queue_nothing_and_later_saves_queue_again(
        document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), embedding_deferred():
        Recommendation.objects.create(source_document=document, paragraph="1", text="Abolish the death penalty")
    assert _queued() == []
    with pytest.raises(RuntimeError), embedding_deferred():
        raise RuntimeError  # an error inside does not leave embedding deferred
    with django_capture_on_commit_callbacks(execute=True):
        rec = Recommendation.objects.create(source_document=document, paragraph="2", text="Ratify OP-CAT")
    assert _queued() == [["recommendation", [rec.pk]]]
