"""Forms for legal acts and amendments (validation only)."""

from django import forms

from rightstrack.core.forms import DomainForm
from rightstrack.legislation.models import Amendment, LegalAct


class LegalActForm(DomainForm):
    translated_fields = ("title",)

    class Meta:
        model = LegalAct
        fields = ["kind", "number", "title", "date", "url", "measures"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "measures": forms.SelectMultiple(attrs={"size": 8})}


class AmendmentForm(DomainForm):
    translated_fields = ("summary",)

    class Meta:
        model = Amendment
        fields = ["number", "date", "summary", "before", "after"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
