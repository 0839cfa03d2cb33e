"""Legal acts (laws, codes, decrees, resolutions) and their amendments, linked to the measures they fulfil."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.core.models import (
    ProvenanceModel,
    PublishableModel,
    TimestampedModel,
    TranslatableModel,
)


class LegalAct(TranslatableModel, PublishableModel, ProvenanceModel, TimestampedModel):
    """A law, code, decree or resolution."""

    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution")
        LAW = "law", _("Law")
        CODE = "code", _("Code")
        DECREE = "decree", _("Decree")
        RESOLUTION = "resolution", _("Resolution")
        RATIFICATION = "ratification", _("Ratification")

    TRANSLATABLE_FIELDS = ("title",)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    measures = models.ManyToManyField("planning.Measure", blank=True, related_name="legal_acts",
                                      verbose_name=_("measures fulfilled"))
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")

    def __str__(self) -> str:
        return self.tr("title")

    def get_absolute_url(self) -> str:
        return reverse("legislation:legal_act_detail", args=[self.pk])


class Amendment(TranslatableModel, ProvenanceModel, TimestampedModel):
    """A change to a legal act: its number, date and what changed."""

    TRANSLATABLE_FIELDS = ("summary",)
    legal_act = models.ForeignKey(LegalAct, on_delete=models.CASCADE, related_name="amendments",
                                  verbose_name=_("legal act"))
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("what changed"))
    before = models.CharField(_("before"), max_length=300, blank=True)
    after = models.CharField(_("after"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["legal_act", "date"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.legal_act} — {self.number or self.date}"
