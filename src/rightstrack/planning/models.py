"""Action plans and their versions, measures, progress reports with evidence, and indicators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.core.models import (
    ImplementationStatus,
    ProvenanceModel,
    PublishableModel,
    TimestampedModel,
    TranslatableModel,
    VersionedModel,
)


class ActionPlan(TranslatableModel, PublishableModel, ProvenanceModel, TimestampedModel):
    """A national action plan adopted by a legal act, e.g. the plan under Decree No. 597."""

    TRANSLATABLE_FIELDS = ("title", "description")
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.tr("title")

    def get_absolute_url(self) -> str:
        return reverse("planning:plan_detail", args=[self.pk])

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class ActionPlanVersion(TranslatableModel, ProvenanceModel, TimestampedModel):
    """One version of a plan; an amendment (e.g. Decree No. 871 of 2022) is a new version."""

    TRANSLATABLE_FIELDS = ("label",)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey("legislation.LegalAct", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="plan_versions", verbose_name=_("adopted by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"{self.plan} — v{self.number}"


class Measure(TranslatableModel, PublishableModel, ProvenanceModel, TimestampedModel, VersionedModel):
    """One item of a plan version, with responsible institutions, a deadline and a status."""

    TRANSLATABLE_FIELDS = ("text", "expected_result", "completion_form")
    version = models.ForeignKey(ActionPlanVersion, on_delete=models.CASCADE, related_name="measures",
                                verbose_name=_("plan version"))
    key = models.CharField(_("key"), max_length=50, help_text=_("Stable across plan versions"))
    number = models.CharField(_("number"), max_length=20)
    section = models.CharField(_("section"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    expected_result = models.TextField(_("expected result"), blank=True)
    completion_form = models.CharField(_("form of completion"), max_length=300, blank=True)
    lead_institution = models.ForeignKey("accounts.Institution", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="led_measures", verbose_name=_("lead institution"))
    co_executors = models.ManyToManyField("accounts.Institution", blank=True, related_name="co_measures",
                                          verbose_name=_("co-executors"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=ImplementationStatus.choices,
                              default=ImplementationStatus.NOT_STARTED, db_index=True)
    recommendations = models.ManyToManyField("recommendations.Recommendation", blank=True, related_name="measures",
                                             verbose_name=_("recommendations answered"))
    history = HistoricalRecords(m2m_fields=[co_executors, recommendations])

    class Meta:
        ordering = ["version", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="measure_unique_key_per_version")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.number}. {self.tr('text')[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("planning:measure_detail", args=[self.pk])


class ProgressReport(TranslatableModel, PublishableModel, TimestampedModel):
    """A dated update by a focal point on a measure or recommendation, reviewed by a coordinator."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    TRANSLATABLE_FIELDS = ("narrative",)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="progress_reports", verbose_name=_("measure"))
    recommendation = models.ForeignKey("recommendations.Recommendation", null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="progress_reports",
                                       verbose_name=_("recommendation"))
    institution = models.ForeignKey("accounts.Institution", on_delete=models.PROTECT,
                                    related_name="progress_reports", verbose_name=_("reporting institution"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="progress_reports", verbose_name=_("author"))
    period_end = models.DateField(_("as of"))
    narrative = models.TextField(_("narrative"))
    proposed_status = models.CharField(_("proposed status"), max_length=30, choices=ImplementationStatus.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, measure__isnull=True)
                | Q(recommendation__isnull=True, measure__isnull=False),
                name="progress_report_exactly_one_target",
            )
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        period_end = date_format(self.period_end, "SHORT_DATE_FORMAT")  # in the reader's locale
        return f"{self.institution.abbreviation} {period_end} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("planning:progress_report_detail", args=[self.pk])

    @property
    def target(self):
        return self.measure or self.recommendation


class Evidence(TimestampedModel):
    """A file or link that backs a progress report."""

    progress_report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_file_or_url")]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Files are served through a view that checks the report's visibility; links go out as they are."""
        return reverse("planning:evidence_download", args=[self.pk]) if self.file else self.url


class Indicator(TranslatableModel, PublishableModel, ProvenanceModel, TimestampedModel):
    """A structure, process or outcome indicator (OHCHR framework) with a baseline and a target."""

    class Kind(models.TextChoices):
        STRUCTURE = "structure", _("Structure")
        PROCESS = "process", _("Process")
        OUTCOME = "outcome", _("Outcome")

    TRANSLATABLE_FIELDS = ("name",)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=100)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="indicators", verbose_name=_("measures"))
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.tr("name")

    def get_absolute_url(self) -> str:
        return reverse("planning:indicator_detail", args=[self.pk])


class IndicatorValue(TimestampedModel):
    """The value of an indicator for one reporting period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2023 or 2023-Q2"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="indicator_value_unique_period")]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"


class ReportingRound(TranslatableModel, TimestampedModel):
    """A coordinator's call for progress reports on chosen measures and recommendations, with a deadline.

    Asked: the lead institution and co-executors of each item, read when the round is shown.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    TRANSLATABLE_FIELDS = ("title", "instructions")
    title = models.CharField(_("title"), max_length=300)
    instructions = models.TextField(_("instructions"), blank=True)
    period_end = models.DateField(_("reports as of"), help_text=_(
        "A report counts as an answer when its 'as of' date is this date or later."))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("opened by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="reporting_rounds",
                                      verbose_name=_("measures"))
    recommendations = models.ManyToManyField("recommendations.Recommendation", blank=True,
                                             related_name="reporting_rounds", verbose_name=_("recommendations"))
    history = HistoricalRecords(m2m_fields=[measures, recommendations])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return self.tr("title")

    def get_absolute_url(self) -> str:
        return reverse("planning:round_detail", args=[self.pk])
