"""One list of every background job, read from the job records each app keeps (imports, search and tagging,
report builds). The records stay apart for now; this is the one place that reads them together."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts.permissions import is_manager
from rightstrack.imports.models import StagedImport
from rightstrack.jobs.heartbeat import heartbeat_is_stale, heartbeat_last
from rightstrack.reports.forms import KIND_LABELS
from rightstrack.reports.models import ReportJob
from rightstrack.search.models import Job
from rightstrack.search.selectors import job_result, job_taxonomy

IMPORT_COUNTS = {"created": gettext_lazy("created %(n)s"), "updated": gettext_lazy("updated %(n)s"),
                 "unchanged": gettext_lazy("unchanged %(n)s"), "rejected": gettext_lazy("rejected %(n)s")}
# Import states grouped into the four states every job shows.
IMPORT_STATES = {StagedImport.State.COMMITTED: "done", StagedImport.State.STAGED: "done",
                 StagedImport.State.FAILED: "failed", StagedImport.State.MAPPING: "queued",
                 StagedImport.State.QUEUED: "queued"}


@dataclass
class JobRow:
    """A background job as the jobs page shows it, whatever app keeps its record."""

    kind: str
    title: str
    started_by: str
    percent: int
    state: str  # queued, running, done or failed
    state_label: str
    result: str
    error: str
    created_at: datetime
    url: str
    product_url: str
    product_label: str


def _import_row(staged: StagedImport) -> JobRow:
    counts = [str(label) % {"n": staged.counts[key]} for key, label in IMPORT_COUNTS.items()
              if isinstance(staged.counts.get(key), int)]
    state = IMPORT_STATES.get(staged.state, "running")
    url = staged.get_absolute_url()
    return JobRow(_("Import"), staged.original_name, staged.created_by.username,
                  100 if state == "done" else int(100 * staged.progress), state, str(staged.get_state_display()),
                  ", ".join(counts) if state != "failed" else "", staged.message if state == "failed" else "",
                  staged.created_at, url, url, _("Imported rows") if staged.state == "committed" else _("Review"))


def _search_row(job: Job) -> JobRow:
    products = {Job.Kind.TAG: (reverse("search:tag_review"), _("Suggested tags")),
                Job.Kind.TRAIN: (reverse("search:model_version_list"), _("Tagging models")),
                Job.Kind.REINDEX: (reverse("recommendations:recommendation_list"), _("Search"))}
    product_url, product_label = products.get(job.kind, ("", ""))
    failed = job.status == Job.Status.FAILED
    return JobRow(str(job.get_kind_display()), job_taxonomy(job),
                  job.created_by.username if job.created_by_id else "—", job.percent, job.status,
                  str(job.get_status_display()), "" if failed else job_result(job), job.message if failed else "",
                  job.created_at, reverse("search:job_detail", args=[job.pk]),
                  product_url if job.status == Job.Status.DONE else "", product_label)


def _report_row(job: ReportJob) -> JobRow:
    done = job.state == ReportJob.State.DONE
    return JobRow(_("Report"), f"{KIND_LABELS.get(job.kind, job.kind)} ({job.format.upper()})",
                  job.requested_by.username, job.percent, job.state, str(job.get_state_display()),
                  job.file_name if done else job.step_label, job.error, job.created_at, job.get_absolute_url(),
                  reverse("reports:report_job_download", args=[job.pk]) if done else "", _("Download"))


def job_list(*, user, limit: int = 100) -> list[JobRow]:
    """The latest background jobs of every kind, newest first; coordinators and administrators only.

    Mail has no job record (reminders and digests keep only a log of what was sent), so it is not listed."""
    if not is_manager(user):
        return []
    rows = [*map(_import_row, StagedImport.objects.select_related("created_by")[:limit]),
            *map(_search_row, Job.objects.select_related("created_by")[:limit]),
            *map(_report_row, ReportJob.objects.select_related("requested_by")[:limit])]
    return sorted(rows, key=lambda row: row.created_at, reverse=True)[:limit]


def worker_status() -> dict:
    """When the job worker was last alive (None if never) and whether it has been silent too long."""
    last = heartbeat_last()
    return {"last_alive": last, "stale": heartbeat_is_stale(last)}
