"""The report request form: kind, format, language, date and the filters of each kind."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from rightstrack.core.models import ImplementationStatus
from rightstrack.reports.content import KINDS
from rightstrack.reports.formats import FORMATS

KIND_LABELS = {"mechanism": _("Mechanism (e.g. a UPR mid-term report)"), "plan": _("Action plan"),
               "institution": _("Institution"), "theme": _("Theme"), "plan-diff": _("Changes between plan versions")}
REQUIRED = {"mechanism": ["mechanism"], "plan": ["plan"], "institution": ["institution"], "theme": ["theme"],
            "plan-diff": ["plan", "from_version", "to_version"]}


class ReportRequestForm(forms.Form):
    """Validates a report request before a job is queued, so a bad request fails here, not in the worker."""

    kind = forms.ChoiceField(label=_("Report"), choices=[(k, KIND_LABELS[k]) for k in KINDS])
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f.upper()) for f in FORMATS])
    language = forms.ChoiceField(label=_("Language"), choices=[("en", "English"), ("ru", "Русский"),
                                                                ("kk", "Қазақша")])
    as_of = forms.DateField(label=_("State as of"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Leave empty for the current state."))
    mechanism = forms.CharField(label=_("Mechanism code"), required=False, help_text=_("e.g. UPR, CCPR"))
    cycle = forms.IntegerField(label=_("Cycle"), required=False, min_value=1)
    theme = forms.CharField(label=_("Theme code"), required=False, help_text=_("e.g. D23"))
    institution = forms.CharField(label=_("Institution abbreviation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", "—"), *ImplementationStatus.choices])
    group_by = forms.ChoiceField(label=_("Sections by"), choices=[("cluster", _("Cluster")), ("theme", _("Theme"))])
    plan = forms.IntegerField(label=_("Plan id"), required=False, min_value=1)
    from_version = forms.IntegerField(label=_("From version"), required=False, min_value=1)
    to_version = forms.IntegerField(label=_("To version"), required=False, min_value=1)

    def clean(self):
        data = super().clean()
        for name in REQUIRED.get(data.get("kind"), []):
            if data.get(name) in (None, ""):
                self.add_error(name, _("This report needs this field."))
        return data

    def values(self) -> dict:
        """Arguments for report_job_request: filters as a query string, builder options apart."""
        d = self.cleaned_data
        query = QueryDict(mutable=True)
        for name in ("mechanism", "cycle", "theme", "institution", "status"):
            if d.get(name) not in (None, ""):
                query[name] = str(d[name])
        return {"kind": d["kind"], "fmt": d["format"], "language": d["language"], "as_of": d.get("as_of"),
                "query": query.urlencode(),
                "options": {"plan": d.get("plan"), "from": d.get("from_version"), "to": d.get("to_version"),
                            "group_by": d["group_by"]}}
