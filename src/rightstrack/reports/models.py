"""Report builds requested from the web UI and run by the job worker."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportJob(models.Model):
    """One report build: what was asked, how far the worker got, and the file it wrote."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs")
    kind = models.CharField(_("kind"), max_length=20)
    format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=5, default="en")
    as_of = models.DateField(_("as of"), null=True, blank=True)
    # Filters as a query string and builder options (plan, versions, grouping), replayed by the worker.
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    step_label = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.format} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0

    @property
    def path(self):
        return settings.REPORTS_DIR / str(self.pk) / self.file_name


class ReportTemplate(models.Model):
    """A report request saved under a name, to build the same report again in one click."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20)
    # The request as report_job_request takes it: {"query": filters as a query string, "options": {...},
    # "as_of": "YYYY-MM-DD" or null}.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=5, default="en")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_templates",
                              verbose_name=_("owner"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.name
