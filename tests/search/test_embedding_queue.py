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


def test_id_spans_are_runs_of_consecutive_ids_of_bounded_size():
    from rightstrack.search.tasks import id_spans

    assert id_spans([3, 4, 5, 6, 7, 9, 10, 20], most=3) == [(3, 5), (6, 7), (9, 10), (20, 20)]
    assert id_spans([], most=3) == []


def test_a_range_job_embeds_the_range_only_and_skips_unchanged_texts(document):
    from rightstrack.search.models import RecommendationEmbedding
    from rightstrack.search.tasks import embed_range_task

    with embedding_deferred():
        recs = [Recommendation.objects.create(source_document=document, paragraph=str(n), text=f"Text {n}")
                for n in range(4)]
    assert embed_range_task.call(recs[1].pk, recs[2].pk) == 2
    assert set(RecommendationEmbedding.objects.values_list("pk", flat=True)) == {recs[1].pk, recs[2].pk}
    assert embed_range_task.call(recs[0].pk, recs[2].pk) == 1  # only the one not embedded yet
