"""Abstract building blocks shared by the domain models: translations, publication, provenance, status."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ImplementationStatus(models.TextChoices):
    """Implementation status of a recommendation or measure, as reported by the government."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")


class TranslatableModel(models.Model):
    """A model whose written text fields can hold Russian, Kazakh and English versions.

    The base column holds the text as written (its language is the record's own);
    `translations` maps field -> {language code -> text}. One JSON column keeps the
    history diff, imports and exports to a single field per record.
    """

    TRANSLATABLE_FIELDS: tuple[str, ...] = ()
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def tr(self, field: str, language: str | None = None) -> str:
        """The field's text in the given (default: active) language, falling back to the original."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        value = (self.translations or {}).get(field, {}).get(language)
        return value or getattr(self, field)

    def shows_original(self, field: str, language: str | None = None) -> bool:
        """True when a reader of `language` (default: active) gets the original text, not a translation of it."""
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        original = getattr(self, "language", None) or settings.LANGUAGE_CODE
        return language != original[:2] and not (self.translations or {}).get(field, {}).get(language)

    def original_mark(self, field: str = "name", language: str | None = None) -> str:
        """The original's language code ("EN") when a reader of `language` (default: active) gets the field
        untranslated, else "". The one mark of a fallback: pages show it with the `original_mark` template tag,
        reports, mails and the API with `marked`."""
        if not self.shows_original(field, language):
            return ""
        return (getattr(self, "language", None) or settings.LANGUAGE_CODE)[:2].upper()

    def set_translation(self, field: str, language: str, text: str) -> None:
        """Store one translation in memory; the caller's service saves it."""
        if field not in self.TRANSLATABLE_FIELDS:
            raise ValueError(f"{field} is not translatable on {type(self).__name__}")
        data = dict(self.translations or {})
        values = dict(data.get(field, {}))
        if text:
            values[language] = text
        else:
            values.pop(language, None)
        data[field] = values
        self.translations = {k: v for k, v in data.items() if v}


def original_mark_of(obj, field: str = "name") -> str:
    """The original-language mark of any record that can carry one: a `TranslatableModel`, or a record naming
    itself from elsewhere with the same `original_mark(field)` (a recommending State); "" for anything else."""
    mark = getattr(obj, "original_mark", None)
    return mark(field) if callable(mark) else ""


def marked(obj, text: str | None = None, field: str = "name") -> str:
    """Plain text of a name for reports, mails and the API: `text` (default `str(obj)`) followed by the
    original-language mark when its reader gets it untranslated ("D23 Death penalty (EN)")."""
    text = str(obj) if text is None else text
    mark = original_mark_of(obj, field)
    return f"{text} ({mark})" if mark else text


class PublishableModel(models.Model):
    """A record that anonymous visitors see only once it is published."""

    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        abstract = True

    def mark_published(self, published: bool = True) -> None:
        """Set the publication flags in memory; services save them."""
        self.is_published = published
        self.published_at = timezone.now() if published else None


class ProvenanceModel(models.Model):
    """Where a record comes from; illustrative demo records are flagged as not sourced."""

    source_note = models.TextField(_("source"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Invented for the demo, not taken from a source.")
    )

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    """Creation and modification times."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A record several people edit: `revision` counts its saves, and a save made from an older copy is refused
    (optimistic locking, see core.services.record_save)."""

    revision = models.PositiveIntegerField(_("revision"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True
