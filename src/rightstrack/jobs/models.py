"""One record for every background job, in the spirit of netbox's core.Job: what kind of work, for whom, about
which object, how far it got, and what came of it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

LIVE_PROGRESS = "jobs"  # the cache where a job keeps its progress while a SQLite transaction holds the write lock


def live_progress_key(pk: int) -> str:
    return f"job-progress-{pk}"


class Job(models.Model):
    """A unit of background work and its one state machine: queued → running → done or failed."""

    class Kind(models.TextChoices):
        IMPORT_STAGE = "import-stage", _("Check an import")
        IMPORT_WRITE = "import-write", _("Import")
        REPORT = "report", _("Report")
        REINDEX = "reindex", _("Index for search")
        TAG = "tag", _("Suggest tags")
        TRAIN = "train", _("Train from accepted tags")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    FINISHED = (State.DONE, State.FAILED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED,
                             db_index=True)
    # What the job was asked to do (replayed by its body) and what came of it (figures the pages word).
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)  # what the job is doing now ("Embedding", a chart…)
    # The language of the page that queued the job: what its body writes for people (an import's rejected rows)
    # is in it. Empty: the site's default.
    language = models.CharField(_("language"), max_length=8, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="jobs", verbose_name=_("started by"))
    # The object the job works on (an import, a report), if any: generic, so that this app depends on no
    # domain app, and an object keeps every job run on it (an import is checked, checked again, then written).
    object_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object = GenericForeignKey("object_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # "host:pid" of the worker process running it: a job whose worker died (kill -9, a restart) is failed by the
    # next worker on that host (`runner.jobs_fail_orphans`) instead of showing "running" for ever.
    worker = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="job_object")]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        """The job as stored; a running job on SQLite with the progress it reports from inside its own
        transaction, which no other process could read from the row until it commits (`runner.Progress`)."""
        job = super().from_db(db, field_names, values)
        if connections[db].vendor == "sqlite" and job.__dict__.get("state") == cls.State.RUNNING:
            job.__dict__.update(caches[LIVE_PROGRESS].get(live_progress_key(job.pk), {}))
        return job

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(int(100 * self.done / self.total), 100) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED
