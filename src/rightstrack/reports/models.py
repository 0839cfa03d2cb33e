"""Reports built from the web UI (by the jobs worker), and saved report requests."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Report(models.Model):
    """One report built for its requester: what was asked, and the file the job wrote. How far the build got is
    its job's (`jobs.Job`, kind "report")."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20)
    format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=5, default="en")
    as_of = models.DateField(_("as of"), null=True, blank=True)
    # Filters as a query string and builder options (plan, versions, grouping), replayed by the job.
    params = models.JSONField(default=dict, blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    jobs = GenericRelation("jobs.Job", content_type_field="object_type", object_id_field="object_id")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.kind} ({self.format.upper()}) #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def job(self):
        """The build's job (prefetch `jobs` for lists)."""
        return next(iter(self.jobs.all()), None)

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
