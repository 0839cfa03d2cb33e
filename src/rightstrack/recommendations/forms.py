"""Forms for recommendations, clusters and assessments (validation only; services save)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.core.forms import DomainForm
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.recommendations.models import Assessment, Cluster, Recommendation
from rightstrack.recommendations.services import ASSESSING_KINDS

# UN official languages plus the national ones; the original text keeps its own language.
TEXT_LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша"), ("fr", "Français"), ("es", "Español"),
                  ("ar", "العربية"), ("zh", "中文")]


class StatesField(forms.ModelMultipleChoiceField):
    """Recommending States by their name in the reader's language, "(EN)" after a name that has none."""

    def label_from_instance(self, obj) -> str:
        return marked(obj)


class RecommendationForm(DomainForm):
    translated_fields = ("text", "response_comment")
    language = forms.ChoiceField(label=_("Language of the text"), choices=TEXT_LANGUAGES, initial="en")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = self.fields["recommending_states"]  # in the order of the names the reader sees
        states.choices = sorted(states.choices, key=lambda choice: str(choice[1]).casefold())

    class Meta:
        model = Recommendation
        fields = ["source_document", "paragraph", "text", "language", "recommending_states", "response",
                  "response_comment", "cluster", "institutions_from_measures", "lead_institution", "co_executors",
                  "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}), "text": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"recommending_states": StatesField}


class StatusOverrideForm(forms.Form):
    """A coordinator's status over the derived one, with a reason; an empty status follows the measures again."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Follow its measures")), *ImplementationStatus.choices])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Why the status differs from what its measures say; kept in history."))

    def clean(self):
        data = super().clean()
        if data.get("status") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the status differs from its measures."))
        return data


class ClusterForm(DomainForm):
    translated_fields = ("name", "description")

    class Meta:
        model = Cluster
        fields = ["name", "description"]


class AssessmentForm(DomainForm):
    translated_fields = ("rationale",)

    class Meta:
        model = Assessment
        fields = ["organisation", "rating", "rationale", "evidence_url"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = self.fields["organisation"].queryset.filter(kind__in=ASSESSING_KINDS)
        if user is not None and not user.is_superuser:
            organisations = organisations.filter(pk__in=user.institutions.all())
        self.fields["organisation"].queryset = organisations
