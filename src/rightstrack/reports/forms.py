"""The report builder: kind, format, language and date, then pickers for the fields of the chosen kind only."""

import re

from django import forms
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Institution
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.planning.models import ActionPlanVersion
from rightstrack.planning.selectors import plan_list
from rightstrack.recommendations.models import Mechanism, SourceDocument
from rightstrack.reports.content import KINDS
from rightstrack.reports.formats import FORMATS
from rightstrack.taxonomy.models import Term, Vocabulary

KIND_LABELS = {"mechanism": _("Mechanism (e.g. a UPR mid-term report)"), "plan": _("Action plan"),
               "institution": _("Institution"), "theme": _("Theme"), "plan-diff": _("Changes between plan versions")}
# The fields each kind reads; the builder validates only these and ignores the others.
KIND_FIELDS = {"mechanism": ["mechanism", "cycle", "group_by", "status", "period_from", "period_to"],
               "theme": ["theme", "status", "period_from", "period_to"],
               "institution": ["institution", "status", "period_from", "period_to"],
               "plan": ["plan", "status"],
               "plan-diff": ["plan", "from_version", "to_version"]}
REQUIRED = {"mechanism": ["mechanism"], "plan": ["plan"], "institution": ["institution"], "theme": ["theme"],
            "plan-diff": ["plan", "from_version", "to_version"]}
COMMON_FIELDS = ["kind", "format", "language", "as_of"]
# Field groups shown without JavaScript, each titled by the kinds it serves.
GROUPS = [(_("Every report"), COMMON_FIELDS),
          (_("Mechanism report"), ["mechanism", "cycle", "group_by"]),
          (_("Theme report"), ["theme"]),
          (_("Institution report"), ["institution"]),
          (_("Action plan reports"), ["plan", "from_version", "to_version"]),
          (_("Filters (mechanism, theme, institution and plan reports)"), ["status", "period_from", "period_to"])]
FILTERS = ("mechanism", "cycle", "theme", "institution", "status", "period_from", "period_to")
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]


def natural_key(text: str) -> list:
    """'D3' before 'D23': digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def _date_field(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ReportRequestForm(forms.Form):
    """Validates a report request with pickers of existing records, so a bad value is a form error, not a job."""

    kind = forms.ChoiceField(label=_("Report"), choices=[(k, KIND_LABELS[k]) for k in KINDS])
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f.upper()) for f in FORMATS])
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    as_of = forms.DateField(label=_("State as of"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Leave empty for the current state."))
    mechanism = forms.ChoiceField(label=_("Mechanism"), required=False)
    cycle = forms.TypedChoiceField(label=_("Cycle"), required=False, coerce=int, empty_value=None)
    group_by = forms.ChoiceField(label=_("Sections by"), required=False,
                                 choices=[("cluster", _("Cluster")), ("theme", _("Theme"))])
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int, empty_value=None)
    plan = forms.TypedChoiceField(label=_("Action plan"), required=False, coerce=int, empty_value=None)
    from_version = forms.TypedChoiceField(label=_("From version"), required=False, coerce=int, empty_value=None)
    to_version = forms.TypedChoiceField(label=_("To version"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *ImplementationStatus.choices])
    period_from = _date_field(_("Period from"))
    period_to = _date_field(_("Period to"))
    template_name = forms.CharField(label=_("Template name"), required=False, max_length=200,
                                    help_text=_("To save these settings as a template."))

    def __init__(self, data=None, *, user, saving: bool = False, **kwargs):
        if data is not None and data.get("kind") in KIND_FIELDS:
            # Values of the other kinds' fields are dropped, so they are neither validated nor used.
            keep = {*COMMON_FIELDS, *KIND_FIELDS[data["kind"]], "template_name"}
            data = {k: v for k, v in data.items() if k in keep}
        super().__init__(data, **kwargs)
        self.saving = saving
        # A report is written in the reader's language unless they pick another.
        if get_language() in dict(LANGUAGES):
            self.fields["language"].initial = get_language()
        empty = [("", "—")]
        self.fields["mechanism"].choices = empty + [(m.code, marked(m, f"{m.tr('name')} ({m.code})"))
                                                    for m in Mechanism.objects.order_by("name")]
        cycles = SourceDocument.objects.exclude(cycle=None).order_by("cycle").values_list("cycle", flat=True)
        self.fields["cycle"].choices = [("", _("All cycles"))] + [(c, str(c)) for c in dict.fromkeys(cycles)]
        terms = sorted(Term.objects.filter(vocabulary=Vocabulary.THEME), key=lambda t: natural_key(t.code))
        self.fields["theme"].choices = empty + [(t.code, marked(t)) for t in terms]
        institutions = sorted(Institution.objects.all(), key=lambda i: i.tr("name").lower())
        self.fields["institution"].choices = empty + [(i.pk, marked(i, f"{i.tr('name')} ({i.abbreviation})"))
                                                      for i in institutions]
        plans = sorted(plan_list(user=user), key=lambda p: p.tr("title").lower())
        self.fields["plan"].choices = empty + [(p.pk, p.tr("title")) for p in plans]
        versions = empty + [(p.tr("title"), [(v.pk, f"v{v.number} — {v.tr('label')}")
                                             for v in sorted(p.versions.all(), key=lambda v: v.number)])
                            for p in plans]
        self.fields["from_version"].choices = self.fields["to_version"].choices = versions
        for name, field in self.fields.items():
            kinds = [k for k, names in KIND_FIELDS.items() if name in names]
            field.kinds = " ".join(kinds)  # read by the template and reports.js to show the chosen kind's fields

    def groups(self):
        """(title, bound fields) per group, for the page without JavaScript."""
        return [(title, [self[name] for name in names]) for title, names in GROUPS]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for name in REQUIRED.get(kind, []):
            if data.get(name) in (None, ""):
                self.add_error(name, _("This report needs this field."))
        if kind == "plan-diff" and data.get("plan"):
            versions = ActionPlanVersion.objects.in_bulk([data.get("from_version"), data.get("to_version")])
            for name in ("from_version", "to_version"):
                version = versions.get(data.get(name))
                if version and version.plan_id != data["plan"]:
                    self.add_error(name, _("Pick a version of the chosen plan."))
                elif version:
                    data[name] = version.number
            if data.get("from_version") and data.get("from_version") == data.get("to_version"):
                self.add_error("to_version", _("Pick two different versions."))
        if data.get("period_from") and data.get("period_to") and data["period_from"] > data["period_to"]:
            self.add_error("period_to", _("The period ends before it starts."))
        if self.saving and not data.get("template_name", "").strip():
            self.add_error("template_name", _("Name the template."))
        return data

    def values(self) -> dict:
        """Arguments for report_job_request: filters as a query string, builder options apart."""
        d = self.cleaned_data
        query = QueryDict(mutable=True)
        for name in FILTERS:
            if d.get(name) not in (None, ""):
                query[name] = d[name].isoformat() if hasattr(d[name], "isoformat") else str(d[name])
        return {"kind": d["kind"], "fmt": d["format"], "language": d["language"], "as_of": d.get("as_of"),
                "query": query.urlencode(),
                "options": {"plan": d.get("plan"), "from": d.get("from_version"), "to": d.get("to_version"),
                            "group_by": d.get("group_by") or "cluster"}}
