"""Forms of tag review: starting bulk tag suggestion or training for one taxonomy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.tagreview.services import TAXONOMIES
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
