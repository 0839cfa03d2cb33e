"""Uploaded files staged for review: each row with its errors and the action a commit would take."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class StagedImport(models.Model):
    """One uploaded file on its way in: mapped, staged (validated, nothing written), then committed."""

    class State(models.TextChoices):
        MAPPING = "mapping", _("Waiting for a column mapping")
        QUEUED = "queued", _("Queued")
        STAGING = "staging", _("Reading and checking")
        STAGED = "staged", _("Ready for review")
        COMMITTING = "committing", _("Writing")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        UHRI = "uhri", _("UHRI export")
        UPR_INFO = "upr-info", _("UPR Info database")
        UPR_REPORT = "upr-report", _("UPR Working Group report (PDF)")
        TABULAR = "tabular", _("Other table (map the columns)")
        PLAN = "plan", _("Action-plan measures")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=300)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    headers = models.JSONField(_("columns in the file"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    message = models.TextField(_("message"), blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    partial = models.BooleanField(_("import valid rows only"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    # The jobs that checked and wrote it (`imports.jobs`), newest first; they carry its progress.
    jobs = GenericRelation("jobs.Job", content_type_field="object_type", object_id_field="object_id")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staged import")
        verbose_name_plural = _("staged imports")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("imports:import_detail", args=[self.pk])

    @property
    def job(self):
        """The latest job run on this import, or None (a file waiting for its column mapping has none yet)."""
        return next(iter(self.jobs.all()), None)  # prefetched by the selector

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.STAGING, self.State.COMMITTING}


class StagedRow(models.Model):
    """One row of a staged file: the record read from it, its problems and the action a commit takes."""

    staged_import = models.ForeignKey(StagedImport, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    record = models.JSONField(_("values"), default=dict)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    action = models.CharField(_("action"), max_length=20, blank=True)

    class Meta:
        ordering = ["staged_import", "number"]
        constraints = [models.UniqueConstraint(fields=["staged_import", "number"], name="staged_row_unique_number")]
        verbose_name = _("staged row")
        verbose_name_plural = _("staged rows")

    def __str__(self) -> str:
        return f"{self.staged_import} row {self.number}"
