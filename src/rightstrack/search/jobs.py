"""The search app's job body (reindexing), run by the jobs worker, and how the pages word it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import Progress, job_body
from rightstrack.search import indexing

REINDEX_COUNTS = {"documents": gettext_lazy("records indexed for full text: %(n)s"),
                  "embedded": gettext_lazy("recommendations embedded: %(n)s"),
                  "measures_embedded": gettext_lazy("measures embedded: %(n)s")}


def _reindex_summary(job: Job) -> str:
    return ", ".join(str(REINDEX_COUNTS[key]) % {"n": n} for key, n in job.result.items() if key in REINDEX_COUNTS)


def _search_link(job: Job) -> tuple[str, str] | None:
    """A finished reindex links to the search page."""
    if job.state != Job.State.DONE:
        return None
    return reverse("recommendations:recommendation_list"), str(gettext_lazy("Search"))


@job_body(Job.Kind.REINDEX, summary=_reindex_summary, link=_search_link)
def reindex(job: Job, progress: Progress) -> dict:
    return indexing.reindex_all(progress=progress)
