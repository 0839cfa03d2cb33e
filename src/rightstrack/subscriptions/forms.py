"""The sign-up form: an address, what to follow, and explicit agreement to the versioned consent text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.recommendations.selectors import mechanism_list
from rightstrack.subscriptions.consent import CONSENT_VERSION
from rightstrack.taxonomy.models import Term, Vocabulary


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    themes = forms.ModelMultipleChoiceField(Term.objects.filter(vocabulary=Vocabulary.THEME), required=False,
                                            widget=forms.CheckboxSelectMultiple, label=_("Themes"))
    mechanisms = forms.ModelMultipleChoiceField(mechanism_list(), required=False,
                                                widget=forms.CheckboxSelectMultiple, label=_("Mechanisms"))
    institutions = forms.ModelMultipleChoiceField(Institution.objects.all(), required=False,
                                                  widget=forms.CheckboxSelectMultiple, label=_("Institutions"))
    consent_version = forms.CharField(widget=forms.HiddenInput, initial=CONSENT_VERSION)
    consent = forms.BooleanField(label=_("I have read the text above and agree."))

    def clean(self):
        data = super().clean()
        if not (data.get("themes") or data.get("mechanisms") or data.get("institutions")):
            raise forms.ValidationError(_("Choose at least one theme, mechanism or institution to follow."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {"email": data["email"], "consent_version": data["consent_version"], "terms": list(data["themes"]),
                "mechanisms": list(data["mechanisms"]), "institutions": list(data["institutions"])}
