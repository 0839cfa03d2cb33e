"""The sign-up form: an address, what to follow, and explicit agreement to the versioned consent text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.recommendations.selectors import mechanism_list
from rightstrack.subscriptions.consent import CONSENT_VERSION
from rightstrack.taxonomy.models import Term, Vocabulary


class NamedChoiceField(forms.ModelMultipleChoiceField):
    """Choices read by their name in the reader's language ("Committee against Torture", not "CAT")."""

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    themes = forms.ModelMultipleChoiceField(Term.objects.filter(vocabulary=Vocabulary.THEME), required=False,
                                            widget=forms.CheckboxSelectMultiple, label=_("Themes"))
    mechanisms = NamedChoiceField(mechanism_list(), required=False, widget=forms.CheckboxSelectMultiple,
                                  label=_("Mechanisms"))
    institutions = NamedChoiceField(Institution.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
                                    label=_("Institutions"))
    consent_version = forms.CharField(widget=forms.HiddenInput, initial=CONSENT_VERSION)
    consent = forms.BooleanField(label=_("I have read the text above and agree."))

    def clean(self):
        data = super().clean()
        if not (data.get("themes") or data.get("mechanisms") or data.get("institutions")):
            raise forms.ValidationError(_("Choose at least one theme, mechanism or institution to follow."))
        return data

    def chosen_topics(self) -> dict:
        """The themes, mechanisms and institutions ticked, valid or not as a whole (for the digest preview)."""
        chosen = {}
        for name, key in (("themes", "terms"), ("mechanisms", "mechanisms"), ("institutions", "institutions")):
            try:
                chosen[key] = list(self.fields[name].clean(self.data.getlist(name)))
            except forms.ValidationError:
                chosen[key] = []
        return chosen

    def values(self) -> dict:
        data = self.cleaned_data
        return {"email": data["email"], "consent_version": data["consent_version"], "terms": list(data["themes"]),
                "mechanisms": list(data["mechanisms"]), "institutions": list(data["institutions"])}
