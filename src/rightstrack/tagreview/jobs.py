"""Job bodies of tag review (bulk tag suggestion, training from accepted tags), run by the jobs worker, and how the
pages word them. The kinds (`tag`, `train`) are the ones these jobs had in the search app, so older jobs still
read."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import Progress, job_body
from rightstrack.tagreview.services import TAXONOMIES, tag_suggest, tagger_train
from rightstrack.taxonomy.models import Vocabulary


def job_taxonomy(job: Job) -> str:
    """The taxonomy a tagging job works on, by its name in the reader's language ("themes" reads «Тема»)."""
    taxonomy = job.params.get("taxonomy", "")
    return str(Vocabulary(TAXONOMIES[taxonomy][0]).label) if taxonomy in TAXONOMIES else taxonomy


def _tag_summary(job: Job) -> str:
    stored = job.result.get("stored", 0)
    return ngettext("%(n)s suggestion stored", "%(n)s suggestions stored", stored) % {"n": stored}


def _link(url_name: str, label):
    return lambda job: (reverse(url_name), str(label)) if job.state == Job.State.DONE else None


@job_body(Job.Kind.TAG, summary=_tag_summary, title=job_taxonomy,
          link=_link("tagreview:tag_review", gettext_lazy("Suggested tags")))
def tag(job: Job, progress: Progress) -> dict:
    stored = tag_suggest(taxonomy=job.params["taxonomy"], recommendation_ids=job.params.get("ids"),
                         model_path=job.params.get("model_path"), progress=progress)
    return {"stored": stored}


@job_body(Job.Kind.TRAIN, title=job_taxonomy,
          link=_link("tagreview:model_version_list", gettext_lazy("Tagging models")))
def train(job: Job, progress: Progress) -> dict:
    """Training reports steps (embedding, each method compared, the refit), not counts: each step's name is shown,
    and the bar moves on by a step without claiming to know how many are left."""
    steps = 0

    def step(message: str) -> None:
        nonlocal steps
        steps += 1
        progress(steps, steps + 1, message)

    trained = tagger_train(taxonomy=job.params["taxonomy"], progress=step)
    return {"version": trained.version, "trained_on": trained.trained_on,
            "summary": f"trained {trained.version} on {trained.trained_on} texts: held-out micro-F1 "
                       f"{trained.evaluation['micro']['f1']:.3f}; bulk tagging now uses it. {trained.protocol}"}
