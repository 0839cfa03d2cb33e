"""Forms of the search pages: starting a reindex, deciding cluster suggestions."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReindexForm(forms.Form):
    """No fields: the POST itself is the request."""


class ClusterDecisionForm(forms.Form):
    confirm = forms.TypedChoiceField(choices=[("1", _("Confirm")), ("0", _("Dismiss"))], coerce=lambda v: v == "1")
    name = forms.CharField(label=_("Name of the new cluster"), max_length=300, required=False)
