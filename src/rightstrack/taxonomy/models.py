"""Taxonomies (themes, groups, SDGs, treaties and articles, UPR Info issues, action categories) and tag assignments."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.core.models import TimestampedModel, TranslatableModel
from rightstrack.core.text import normalised_text


def natural_key(code: str) -> str:
    """A code that sorts as people count: every run of digits zero-padded to 8 ("A2" -> "a00000002")."""
    return re.sub(r"\d+", lambda m: m.group().zfill(8), code.lower())[:400]


class Vocabulary(models.TextChoices):
    """The taxonomies a term can belong to."""

    THEME = "theme", _("Theme")
    GROUP = "group", _("Concerned group")
    SDG_GOAL = "sdg", _("SDG goal")
    SDG_TARGET = "sdg_target", _("SDG target")
    TREATY = "treaty", _("Treaty")
    ARTICLE = "article", _("Treaty article")
    UPR_ISSUE = "upr_issue", _("UPR Info issue")
    ACTION_CATEGORY = "action_category", _("UPR action category")


class Term(TranslatableModel, TimestampedModel):
    """One label of one vocabulary, e.g. SDG target 16.3 or the theme 'Death penalty'."""

    TRANSLATABLE_FIELDS = ("name", "description")
    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices, db_index=True)
    code = models.CharField(_("code"), max_length=300)  # themes and groups without codes use their name
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    # The code with each number zero-padded, so codes sort as people count: A2 before A12, 16.2 before 16.10.
    sort_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["vocabulary", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code")]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def save(self, *args, **kwargs):
        self.sort_key = natural_key(self.code)
        if kwargs.get("update_fields") is not None and "code" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        label = self.tr("name")
        # Terms coded by their English name (UPR Info issues, themes without codes) show the name alone.
        return label if self.code in (label, self.name) else f"{self.code} {label}"


class TagAssignment(TimestampedModel):
    """A term attached to a recommendation or a measure, by a person or suggested by a model."""

    class Source(models.TextChoices):
        PERSON = "person", _("Person")
        MODEL = "model", _("Model")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("term"))
    # Copied from the term so list facets can join "accepted tags of one vocabulary" in one step.
    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices, editable=False)
    recommendation = models.ForeignKey("recommendations.Recommendation", null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="tags")
    measure = models.ForeignKey("planning.Measure", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="tags")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.PERSON)
    confidence = models.FloatField(_("confidence"), default=1.0)
    model_version = models.CharField(_("model version"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED,
                              db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # History is read by tag (`id`) and by date; the copies of the tag's own indexes would only slow down
    # every write, which bulk imports and tagging runs feel most.
    history = HistoricalRecords(no_db_index=["term", "recommendation", "measure", "status", "created_by",
                                             "decided_by"])

    class Meta:
        ordering = ["term__vocabulary", "term__sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, measure__isnull=True)
                | Q(recommendation__isnull=True, measure__isnull=False),
                name="tag_exactly_one_target",
            ),
            models.UniqueConstraint(fields=["term", "recommendation"], condition=Q(recommendation__isnull=False),
                                    name="tag_unique_recommendation"),
            models.UniqueConstraint(fields=["term", "measure"], condition=Q(measure__isnull=False),
                                    name="tag_unique_measure"),
        ]
        verbose_name = _("tag assignment")
        verbose_name_plural = _("tag assignments")

    def __str__(self) -> str:
        return f"{self.term} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.vocabulary = self.term.vocabulary
        super().save(*args, **kwargs)


class TermAlias(TimestampedModel):
    """Another name a source uses for a term (an older UHRI label, a ministry's spelling). Imports match it like the
    term's own code and name, so a coordinator maps an unknown label once and every later file reads it."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("term"))
    # Copied from the term, with the label's normalised form, so one label means one term per vocabulary.
    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices, editable=False)
    label = models.CharField(_("label"), max_length=300)
    key = models.CharField(max_length=300, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["vocabulary", "key"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "key"], name="term_alias_unique_label")]
        verbose_name = _("term alias")
        verbose_name_plural = _("term aliases")

    def __str__(self) -> str:
        return f"{self.label} → {self.term}"

    def clean(self):
        self.vocabulary, self.key = self.term.vocabulary, normalised_text(self.label)
