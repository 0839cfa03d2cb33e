"""Mechanisms, source documents, recommendations, clusters and independent assessments."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
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
from rightstrack.recommendations.state_names import ORIGINAL, state_name

_DIGITS = re.compile(r"\d+")


def paragraph_key(paragraph: str) -> str:
    """A paragraph number that sorts as people read it: each run of digits zero-padded to ten ("95.2" ->
    "0000000095.0000000002"), so 95.2 comes before 95.10 and 9 before 10 in any database."""
    return _DIGITS.sub(lambda match: match.group().zfill(10), paragraph)[:255]


class Mechanism(TranslatableModel, TimestampedModel):
    """Who issues recommendations: the UPR, a treaty body, a special procedure, a regional body, a commission."""

    class Kind(models.TextChoices):
        UPR = "upr", _("Universal Periodic Review")
        TREATY_BODY = "treaty_body", _("Treaty body")
        SPECIAL_PROCEDURE = "special_procedure", _("Special procedure")
        REGIONAL = "regional", _("Regional body")
        NATIONAL = "national", _("National commission")
        OTHER = "other", _("Other")

    TRANSLATABLE_FIELDS = ("name",)
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self) -> str:
        return self.code


class SourceDocument(TranslatableModel, ProvenanceModel, TimestampedModel):
    """A report that carries recommendations, e.g. A/HRC/28/10 or CCPR/C/KAZ/CO/2."""

    TRANSLATABLE_FIELDS = ("title",)
    symbol = models.CharField(_("symbol"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="documents",
                                  verbose_name=_("mechanism"))
    date = models.DateField(_("date"), null=True, blank=True)
    cycle = models.PositiveSmallIntegerField(_("cycle"), null=True, blank=True)
    session = models.CharField(_("session"), max_length=50, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "symbol"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.symbol


class Country(models.Model):
    """A recommending State, named as printed in the report."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("recommending State")
        verbose_name_plural = _("recommending States")

    def __str__(self) -> str:
        """The name in the active language (`state_names`); the stored name stays as printed."""
        return state_name(self.name, get_language() or settings.LANGUAGE_CODE)[0]

    def original_mark(self, field: str = "name", language: str | None = None) -> str:
        """"EN" when a reader of `language` (default: active) gets the printed name because it has no translation:
        the same mark as `TranslatableModel.original_mark`, shown by the same helpers."""
        language = language or get_language() or settings.LANGUAGE_CODE
        return ORIGINAL.upper() if field == "name" and state_name(self.name, language)[1] else ""


class Cluster(TranslatableModel, TimestampedModel):
    """Recommendations on the same matter, handled and reported on together."""

    TRANSLATABLE_FIELDS = ("name", "description")
    name = models.CharField(_("name"), max_length=300, unique=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.tr("name")

    def get_absolute_url(self) -> str:
        return reverse("recommendations:cluster_detail", args=[self.pk])


class Recommendation(TranslatableModel, PublishableModel, ProvenanceModel, TimestampedModel, VersionedModel):
    """One recommendation paragraph, with its response, responsible institutions and implementation status."""

    class Response(models.TextChoices):
        SUPPORTED = "supported", _("Supported")
        PARTIALLY_SUPPORTED = "partially_supported", _("Partially supported")
        NOTED = "noted", _("Noted")
        PENDING = "pending", _("No response yet")

    TRANSLATABLE_FIELDS = ("text", "response_comment")
    source_document = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="recommendations",
                                        verbose_name=_("source document"))
    paragraph = models.CharField(_("paragraph"), max_length=32, blank=True)
    # The paragraph with its numbers zero-padded, so that sorting puts 95.2 before 95.10 (see `paragraph_key`).
    paragraph_key = models.CharField(max_length=255, blank=True, editable=False)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, default="en")
    external_id = models.CharField(_("external id"), max_length=100, blank=True, db_index=True,
                                   help_text=_("OHCHR annotation id or another stable key"))
    recommending_states = models.ManyToManyField(Country, blank=True, related_name="recommendations",
                                                 verbose_name=_("recommending States"))
    response = models.CharField(_("response"), max_length=20, choices=Response.choices, default=Response.PENDING)
    response_comment = models.TextField(_("response comment"), blank=True)
    cluster = models.ForeignKey(Cluster, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="recommendations", verbose_name=_("cluster"))
    lead_institution = models.ForeignKey("accounts.Institution", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="led_recommendations", verbose_name=_("lead institution"))
    co_executors = models.ManyToManyField("accounts.Institution", blank=True, related_name="co_recommendations",
                                          verbose_name=_("co-executors"))
    # `status` is what every page, export, report and the API read: the override if a coordinator set one,
    # else `derived_status`. Both are written only by `recommendations.status.recommendation_derive` and the
    # override service, in the transaction of the change that moves them (docs/status.md gives the rule). They stay
    # `editable` so that history diffs (which compare editable fields) show them; no form lists them.
    status = models.CharField(_("status"), max_length=30, choices=ImplementationStatus.choices,
                              default=ImplementationStatus.NOT_STARTED, db_index=True)
    # The new columns have database defaults too, so rows inserted by other tools (raw SQL) stay valid.
    derived_status = models.CharField(_("status from measures"), max_length=30, choices=ImplementationStatus.choices,
                                      default=ImplementationStatus.NOT_STARTED,
                                      db_default=ImplementationStatus.NOT_STARTED)
    status_override = models.CharField(_("status set by a coordinator"), max_length=30, blank=True,
                                       choices=ImplementationStatus.choices, default="", db_default="")
    status_override_reason = models.TextField(_("reason for setting the status"), blank=True, default="",
                                              db_default="")
    institutions_from_measures = models.BooleanField(
        _("institutions from measures"), default=True, db_default=True,
        help_text=_("Take the lead institution and co-executors from the measures that answer this recommendation. "
                    "Untick to set them here."))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # History is read by record (`id`) and by date; the copies of the record's own indexes would only slow
    # down every write, which bulk imports feel most.
    history = HistoricalRecords(m2m_fields=[recommending_states, co_executors], no_db_index=[
        "source_document", "external_id", "is_published", "lead_institution", "status", "cluster"])

    class Meta:
        ordering = ["source_document__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source_document", "paragraph"], condition=~Q(paragraph=""),
                                    name="recommendation_unique_paragraph"),
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.source_document.symbol} ¶{self.paragraph}" if self.paragraph else f"#{self.pk}"

    def save(self, *args, **kwargs):
        self.paragraph_key = paragraph_key(self.paragraph)
        if kwargs.get("update_fields") is not None and "paragraph" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "paragraph_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("recommendations:recommendation_detail", args=[self.pk])


class Assessment(TranslatableModel, PublishableModel, TimestampedModel):
    """An independent actor's rating of implementation; it sits beside the government's status."""

    class Rating(models.TextChoices):
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
        INSUFFICIENT = "insufficient", _("Insufficient progress")
        PARTIAL = "partial", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        UNKNOWN = "unknown", _("Cannot be assessed")

    TRANSLATABLE_FIELDS = ("rationale",)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments",
                                 verbose_name=_("assessor"))
    organisation = models.ForeignKey("accounts.Institution", on_delete=models.PROTECT, related_name="assessments",
                                     verbose_name=_("organisation"))
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="assessments")
    measure = models.ForeignKey("planning.Measure", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="assessments")
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    rationale = models.TextField(_("rationale"))
    evidence_url = models.URLField(_("evidence link"), max_length=1000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, measure__isnull=True)
                | Q(recommendation__isnull=True, measure__isnull=False),
                name="assessment_exactly_one_target",
            )
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation}: {self.get_rating_display()}"

    @property
    def target(self):
        return self.recommendation or self.measure
