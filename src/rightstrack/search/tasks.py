"""Embedding tasks (django-tasks), queued after saves: they take ids and are idempotent. The search app's
reindex is a job body in `search.jobs`; tagging and training are in `tagreview.jobs`."""

from django_tasks import task

from rightstrack.search import indexing


@task()
def embed_task(kind: str, ids: list[int]) -> int:
    """Embed the given recommendations or measures if their text changed (queued after each save)."""
    if kind == "measure":
        return indexing.embed_measures(ids)
    return indexing.embed_recommendations(ids)


@task()
def embed_range_task(first: int, last: int) -> int:
    """Embed the recommendations with ids from `first` to `last` whose text changed: a bulk import creates runs of
    consecutive ids, and two numbers are cheaper to queue than thousands."""
    return indexing.embed_recommendations(range(first, last + 1))


def id_spans(ids, most: int) -> list[tuple[int, int]]:
    """Sorted `ids` as (first, last) runs of consecutive ids, each of at most `most` ids."""
    spans = []
    for pk in ids:
        if spans and pk == spans[-1][1] + 1 and pk - spans[-1][0] < most:
            spans[-1][1] = pk
        else:
            spans.append([pk, pk])
    return [(first, last) for first, last in spans]
