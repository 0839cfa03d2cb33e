"""Background jobs (django-tasks): they take ids, are idempotent, and report progress on a Job row."""

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from rightstrack.search import indexing
from rightstrack.search.models import Job


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


def _progress(job: Job):
    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)
    return report


def _step(job: Job):
    """Training reports steps (embedding, each method compared, the refit), not counts: each step's message is
    shown, and the bar moves on by a step without claiming to know how many are left."""
    done = 0

    def report(message: str) -> None:
        nonlocal done
        done += 1
        Job.objects.filter(pk=job.pk).update(message=message, done=done, total=done + 1)
    return report


@task()
def run_job(job_id: int) -> str:
    """Run a reindex, bulk-tagging or training job, recording progress and the outcome on its Job row."""
    from rightstrack.search.services import tag_suggest, tagger_train

    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    try:
        result = None  # figures the pages show in the reader's language (selectors.job_result)
        if job.kind == Job.Kind.REINDEX:
            result = indexing.reindex_all(progress=_progress(job))
            message = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.items())
        elif job.kind == Job.Kind.TRAIN:
            trained = tagger_train(taxonomy=job.params["taxonomy"], progress=_step(job))
            message = (f"trained {trained.version} on {trained.trained_on} texts: held-out micro-F1 "
                       f"{trained.evaluation['micro']['f1']:.3f}; bulk tagging now uses it. {trained.protocol}")
        else:
            stored = tag_suggest(taxonomy=job.params["taxonomy"], recommendation_ids=job.params.get("ids"),
                                 model_path=job.params.get("model_path"), progress=_progress(job))
            message, result = f"{stored} suggestions stored", {"stored": stored}
    except Exception as error:  # the job page shows why it failed; the worker logs the traceback
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=str(error)[:2000],
                                             finished_at=timezone.now())
        raise
    params = {**job.params, "result": result} if result is not None else job.params
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, message=message, finished_at=timezone.now(),
                                         params=params, done=F("total"))  # training's bar stops a step short
    return message
