"""Forms for plans, measures, progress reports, evidence, indicators and their values (validation only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.accounts.permissions import responsible_institution_ids
from rightstrack.core.forms import ConfirmForm, DomainForm
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Evidence,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
    ReportingRound,
)
from rightstrack.recommendations.models import Recommendation

DATE = forms.DateInput(attrs={"type": "date"})
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class ActionPlanForm(DomainForm):
    translated_fields = ("title", "description")

    class Meta:
        model = ActionPlan
        fields = ["title", "description"]


class PlanVersionForm(DomainForm):
    translated_fields = ("label",)

    class Meta:
        model = ActionPlanVersion
        fields = ["label", "adopted_on", "adopted_by"]
        widgets = {"adopted_on": DATE}


class MeasureForm(DomainForm):
    translated_fields = ("text", "expected_result")

    class Meta:
        model = Measure
        fields = ["key", "number", "section", "text", "expected_result", "completion_form", "lead_institution",
                  "co_executors", "deadline", "deadline_text", "status"]  # recommendations: the linking pickers
        widgets = {"deadline": DATE, "text": forms.Textarea(attrs={"rows": 4})}


class ProgressReportForm(DomainForm):
    translated_fields = ("narrative",)

    class Meta:
        model = ProgressReport
        fields = ["institution", "period_end", "narrative", "proposed_status"]
        widgets = {"period_end": DATE, "narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.role == "focal_point":
            self.fields["institution"].queryset = user.institutions.all()
            if target is not None and not self.instance.pk:
                mine = [i for i in user.institutions.all() if i.pk in responsible_institution_ids(target)]
                self.fields["institution"].queryset = user.institutions.filter(pk__in=[i.pk for i in mine])
                if len(mine) == 1:  # the only institution the focal point may report for on this target
                    self.fields["institution"].initial = mine[0].pk
        if self.instance.pk:
            del self.fields["institution"]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ProgressReport.State.choices)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment"))


class ProgressReportBulkReviewForm(forms.Form):
    """Approve or return the checked reports of the inbox at once; returning needs a comment."""

    reports = forms.ModelMultipleChoiceField(queryset=ProgressReport.objects.none(), label=_("Reports"),
                                             error_messages={"required": _("Select at least one report.")})
    to = forms.ChoiceField(choices=[(ProgressReport.State.APPROVED, _("Approve")),
                                    (ProgressReport.State.RETURNED, _("Return with comments"))])
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Comment"))

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = reports

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to") == ProgressReport.State.RETURNED and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Returning reports needs a comment that says what to change."))
        return cleaned


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["title", "file", "url"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
    # "Attach a file or give a link." comes from the model's constraint (core/constraints.py), once.


class IndicatorForm(DomainForm):
    translated_fields = ("name",)

    class Meta:
        model = Indicator
        fields = ["name", "kind", "unit", "baseline", "baseline_year", "target", "target_year", "measures"]
        widgets = {"measures": forms.SelectMultiple(attrs={"size": 8})}


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["period", "period_end", "value", "note"]
        widgets = {"period_end": DATE}


class RoundItemsField(forms.ModelMultipleChoiceField):
    """Checkboxes labelled with the item, its lead institution and its deadline."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        lead = obj.lead_institution.abbreviation if obj.lead_institution_id else "—"
        return f"{obj} · {lead}"


class ReportingRoundForm(DomainForm):
    translated_fields = ("title", "instructions")

    class Meta:
        model = ReportingRound
        fields = ["title", "instructions", "period_end", "deadline", "measures", "recommendations"]
        field_classes = {"measures": RoundItemsField, "recommendations": RoundItemsField}
        widgets = {"period_end": DATE, "deadline": DATE, "instructions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, measures, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures
        self.fields["recommendations"].queryset = recommendations


class RoundFilterForm(forms.Form):
    """Narrows the items a new round may ask about (GET; works without JavaScript)."""

    version = forms.ModelChoiceField(ActionPlanVersion.objects.select_related("plan"), required=False,
                                     label=_("Plan version"))
    institution = forms.ModelChoiceField(Institution.objects.all(), required=False, label=_("Institution"))
    q = forms.CharField(required=False, label=_("Text or number"))


class MeasureLinkForm(forms.Form):
    """The recommendations to link to a measure: chosen ids, or every one the list page's query string `filter`
    matches ("?status=not_started&mechanism=UPR"; "?" alone: every recommendation)."""

    recommendations = forms.ModelMultipleChoiceField(queryset=Recommendation.objects.none(), required=False,
                                                     label=_("Recommendations"))
    filter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = recommendations

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("recommendations") and not cleaned.get("filter"):
            raise forms.ValidationError(_("Choose at least one recommendation."))
        return cleaned


class MeasureUnlinkForm(ConfirmForm):
    """The recommendations to unlink from a measure (among those linked to it), and the confirmation."""

    recommendations = forms.ModelMultipleChoiceField(queryset=Recommendation.objects.none(),
                                                     widget=forms.MultipleHiddenInput)

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = recommendations
