"""Forms of the review pages: starting jobs, deciding cluster suggestions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.search.services import TAXONOMIES
from rightstrack.taxonomy.models import Vocabulary


class TagJobForm(forms.Form):
    taxonomy = forms.ChoiceField(label=_("Taxonomy"), choices=[(name, Vocabulary(vocabulary).label)
                                                                 for name, (vocabulary, _attr) in TAXONOMIES.items()])

    @classmethod
    def for_training(cls, accepted_counts: list[tuple[str, str, int]]) -> "TagJobForm":
        """The training form, preset to the taxonomy with the most accepted tags to learn from (while there are
        none, to the first taxonomy)."""
        most = max(accepted_counts, key=lambda row: row[2], default=None)
        return cls(prefix="train", initial={"taxonomy": most[0]} if most else None)


class ReindexForm(forms.Form):
    """No fields: the POST itself is the request."""


class ClusterDecisionForm(forms.Form):
    confirm = forms.TypedChoiceField(choices=[("1", _("Confirm")), ("0", _("Dismiss"))], coerce=lambda v: v == "1")
    name = forms.CharField(label=_("Name of the new cluster"), max_length=300, required=False)
