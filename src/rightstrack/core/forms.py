"""Form helpers: per-language inputs for translatable fields, and protection against stale edits."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TranslationFieldsMixin:
    """Adds `<field>__<lang>` inputs for the model's translatable fields and folds them into `translations`."""

    translated_fields: tuple[str, ...] = ()

    def add_translation_fields(self):
        instance = getattr(self, "instance", None)
        existing = (instance.translations if instance is not None and instance.pk else {}) or {}
        for name in self.translated_fields:
            base = self.fields[name]
            for code, label in settings.LANGUAGES:
                key = f"{name}__{code}"
                widget = forms.Textarea(attrs={"rows": 2}) if isinstance(base.widget, forms.Textarea) else None
                self.fields[key] = forms.CharField(
                    label=f"{base.label} ({label})", required=False, widget=widget,
                    initial=existing.get(name, {}).get(code, ""))

    def translation_groups(self) -> dict[str, dict]:
        """Each translatable field with its original and one input per language, for the form's tabs."""
        instance = getattr(self, "instance", None)
        original = getattr(instance, "language", "") or ""
        groups = {}
        for name in self.translated_fields:
            if name not in self.fields:
                continue
            languages = [{"code": code, "label": label, "field": self[f"{name}__{code}"],
                          "empty": not (self[f"{name}__{code}"].value() or "").strip()}
                         for code, label in settings.LANGUAGES]
            # The original's own language needs no tab of its own (unless someone filled one in).
            languages = [lang for lang in languages if not (lang["code"] == original and lang["empty"])]
            groups[name] = {"name": name, "label": self.fields[name].label, "original": self[name],
                            "original_language": dict(settings.LANGUAGES).get(original, original), "languages": languages}
        return groups

    def translations_from(self, cleaned: dict) -> dict:
        """Pop the per-language inputs from cleaned data and return the translations dict."""
        data = {}
        for name in self.translated_fields:
            values = {code: cleaned.pop(f"{name}__{code}", "").strip() for code, _label in settings.LANGUAGES}
            values = {k: v for k, v in values.items() if v}
            if values:
                data[name] = values
        return data


class DomainForm(TranslationFieldsMixin, forms.ModelForm):
    """A ModelForm that only validates: the view hands `values()` to a service, which saves.

    A hidden `revision` (on a VersionedModel, checked by the service in the write transaction) or else a
    hidden `loaded_at` stamp makes an edit of a record changed by someone else since the form was opened
    fail with a clear message instead of silently overwriting their change.
    """

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self.instance, "translations") and "translations" not in self.fields:
            self.add_translation_fields()
        if self.versioned:  # the revision the edit starts from; the service refuses it once another save moved on
            self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1,
                                                         required=bool(self.instance.pk), initial=self.instance.revision)
        elif self.instance.pk and getattr(self.instance, "updated_at", None):
            self.fields["loaded_at"].initial = self.instance.updated_at.isoformat()

    @property
    def versioned(self) -> bool:
        """Whether the record has a revision (core.models.VersionedModel), which replaces the `loaded_at` stamp."""
        return any(f.name == "revision" for f in self.instance._meta.concrete_fields)

    def clean(self):
        cleaned = super().clean()
        if self.versioned:
            return cleaned
        stamp = cleaned.get("loaded_at")
        current = getattr(self.instance, "updated_at", None)
        if self.instance.pk and current and stamp and stamp != current.isoformat():
            raise forms.ValidationError(_("Someone else changed this record after you opened the form. "
                                          "Reload the page to see their change, then edit again."),
                                        code="stale")
        if self.instance.pk and current and not stamp:
            raise forms.ValidationError(_("The form is incomplete; reload the page and try again."), code="stale")
        return cleaned

    def values(self) -> dict:
        """Cleaned values for the service: model fields, m2m lists and the translations dict."""
        cleaned = dict(self.cleaned_data)
        cleaned.pop("loaded_at", None)
        translations = self.translations_from(cleaned)
        if self.translated_fields:
            cleaned["translations"] = translations
        return {k: (list(v) if hasattr(v, "model") and hasattr(v, "filter") else v) for k, v in cleaned.items()}


class ConfirmForm(forms.Form):
    """A POST-only confirmation for destructive or publishing actions."""

    confirm = forms.BooleanField(required=True, label=_("I confirm"))
