"""The code field of the two-factor pages."""

from django import forms
from django.utils.translation import pgettext_lazy


class TwoFactorCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or (at sign-in) a recovery code."""

    code = forms.CharField(label=pgettext_lazy("one-time code", "Code"), max_length=32,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}))
