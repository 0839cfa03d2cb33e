"""Forms of the review pages: starting jobs, deciding cluster suggestions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.search.services import TAXONOMIES
from rightstrack.taxonomy.models import Vocabulary


class TagJobForm(forms.Form):
    taxonomy = forms.ChoiceField(label=_("Taxonomy"), choices=[(name, Vocabulary(vocabulary).label)
                                                                 for name, (vocabulary, _attr) in TAXONOMIES.items()])


class ReindexForm(forms.Form):
    """No fields: the POST itself is the request."""


class ClusterDecisionForm(forms.Form):
    confirm = forms.TypedChoiceField(choices=[("1", _("Confirm")), ("0", _("Dismiss"))], coerce=lambda v: v == "1")
    name = forms.CharField(label=_("Name of the new cluster"), max_length=300, required=False)
