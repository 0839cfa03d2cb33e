"""Forms for taxonomy terms and tag decisions."""

from django import forms

from rightstrack.core.forms import DomainForm
from rightstrack.taxonomy.models import TagAssignment, Term


class TermForm(DomainForm):
    translated_fields = ("name", "description")

    class Meta:
        model = Term
        fields = ["name", "description"]


class TagAssignForm(forms.Form):
    term = forms.ModelChoiceField(queryset=Term.objects.all())


class TagDecisionForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(queryset=TagAssignment.objects.filter(status=TagAssignment.Status.SUGGESTED))
    accept = forms.TypedChoiceField(choices=[("1", "accept"), ("0", "reject")], coerce=lambda v: v == "1")
